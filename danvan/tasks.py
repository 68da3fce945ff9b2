"""One task interface for both setups.

    @background
    def calendar_recompute(*, calendar_id: int) -> None: ...

    calendar_recompute.enqueue(calendar_id=3)
    submissions_drain.wake()     # a task that works through waiting rows: coalesced asks

With CELERY_BROKER_URL set, `enqueue` sends the call to Celery workers (Redis or RabbitMQ). Without it,
the call runs in this process on a small thread pool. Either way it is sent only after the current
transaction commits, so a task never reads data that might still roll back. Tasks take keyword
arguments of JSON types only, so the same call works across a broker.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, ParamSpec

from django.conf import settings
from django.db import close_old_connections, connections, transaction

from danvan.celery import app as celery_app

P = ParamSpec("P")
log = logging.getLogger(__name__)

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_pending: set[Future[None]] = set()
# Under a steady stream of asks, a draining task is sent about this often from each process.
WAKE_SECONDS = 0.2


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
        self._wake_lock = threading.Lock()
        self._wake_timer: threading.Timer | None = None
        self._last_wake = -WAKE_SECONDS

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        self.func(*args, **kwargs)

    def enqueue(self, **kwargs: Any) -> None:
        transaction.on_commit(lambda: self._send(kwargs))

    def wake(self) -> None:
        """Ask for one run, without arguments, after the current transaction commits, for a task that works
        through rows waiting in the database. The asks of this process are coalesced: at most one run is sent
        per WAKE_SECONDS, and an ask inside that window is carried by a run sent when it ends, so every ask
        is followed by a run that starts after it."""
        transaction.on_commit(self._wake_now)

    def _wake_now(self) -> None:
        with self._wake_lock:
            wait = self._last_wake + WAKE_SECONDS - time.monotonic()
            if wait > 0:
                if self._wake_timer is None:
                    self._wake_timer = threading.Timer(wait, self._wake_later)
                    self._wake_timer.daemon = True
                    self._wake_timer.start()
                return
            self._last_wake = time.monotonic()
        self._send({})

    def _wake_later(self) -> None:
        with self._wake_lock:
            self._wake_timer = None
            self._last_wake = time.monotonic()
        self._send({})

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
            # A pool thread has no request cycle to close its connections; left open, each idle thread would
            # hold a database session.
            connections.close_all()


def background(func: Callable[P, None]) -> BackgroundTask[P]:
    return BackgroundTask(func)


def wait_for_in_process_tasks(timeout: float = 30) -> None:
    """Block until every in-process task sent so far, and every task those sent in turn, has finished (for
    commands and tests)."""
    deadline = time.monotonic() + timeout
    while _pending:
        for future in list(_pending):
            future.result(timeout=max(deadline - time.monotonic(), 0))
