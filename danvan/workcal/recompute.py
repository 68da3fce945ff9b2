"""Who recomputes stored time limits when the calendar changes.

Apps that store due dates (petitions, matters, ...) register a function in their AppConfig.ready():

    from danvan.workcal.recompute import register_recompute
    register_recompute("petitions.processing", petitions_recompute_due_dates)

Each function takes no arguments, recomputes every open time limit it owns and returns how many rows it
changed (or None). A calendar change enqueues danvan.workcal.tasks.workcal_recompute_time_limits, which
calls every registered function; registration happens in ready(), so Celery workers have the same list.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

Recompute = Callable[[], int | None]
_registry: dict[str, Recompute] = {}


def register_recompute(name: str, func: Recompute) -> None:
    """Register `func` under `name`; registering the same name again replaces it (ready() may run twice)."""
    _registry[name] = func


def unregister_recompute(name: str) -> None:
    _registry.pop(name, None)


def registered_recomputes() -> dict[str, Recompute]:
    return dict(_registry)


def recompute_all() -> dict[str, int | None]:
    """Run every registered recompute; one failing does not stop the others, but is logged and re-raised
    after all have run so the task shows as failed."""
    results: dict[str, int | None] = {}
    errors: list[tuple[str, Exception]] = []
    for name, func in sorted(_registry.items()):
        try:
            results[name] = func()
        except Exception as exc:
            log.exception("time-limit recompute %s failed", name)
            errors.append((name, exc))
    if errors:
        names = ", ".join(n for n, _ in errors)
        raise RuntimeError(f"time-limit recompute failed for: {names}") from errors[0][1]
    return results
