"""One task interface for both setups.

    @background
    def calendar_recompute(*, calendar_id: int) -> None: ...

    calendar_recompute.enqueue(calendar_id=3)

With CELERY_BROKER_URL set, `enqueue` sends the call to Celery workers (Redis or RabbitMQ). Without it,
the call runs in this process on a small thread pool. Either way it is sent only after the current
transaction commits, so a task never reads data that might still roll back. Tasks take keyword
arguments of JSON types only, so the same call works across a broker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, ParamSpec

from django.conf import settings
from django.db import close_old_connections, transaction

from danvan.celery import app as celery_app

P = ParamSpec("P")
log = logging.getLogger(__name__)

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_pending: set[Future[None]] = set()


def _in_process_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="danvan-task")
        return _pool


def uses_broker() -> bool:
    return bool(settings.CELERY_BROKER_URL)


class BackgroundTask(Generic[P]):
    def __init__(self, func: Callable[P, None]) -> None:
        self.func = func
        self.name = f"{func.__module__}.{func.__name__}"
        self.celery_task = celery_app.task(name=self.name)(func)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        self.func(*args, **kwargs)

    def enqueue(self, **kwargs: Any) -> None:
        transaction.on_commit(lambda: self._send(kwargs))

    def _send(self, kwargs: dict[str, Any]) -> None:
        if uses_broker():
            self.celery_task.apply_async(kwargs=kwargs)
            return
        future = _in_process_pool().submit(self._run_in_thread, kwargs)
        _pending.add(future)
        future.add_done_callback(_pending.discard)

    def _run_in_thread(self, kwargs: dict[str, Any]) -> None:
        close_old_connections()
        try:
            self.func(**kwargs)  # type: ignore[call-arg]
        except Exception:
            log.exception("background task %s failed", self.name)
            raise
        finally:
            close_old_connections()


def background(func: Callable[P, None]) -> BackgroundTask[P]:
    return BackgroundTask(func)


def wait_for_in_process_tasks(timeout: float = 30) -> None:
    """Block until every in-process task sent so far has finished (for commands and tests)."""
    for future in list(_pending):
        future.result(timeout=timeout)
