"""Background work of consultation (danvan.tasks: in-process by default, Celery with a broker)."""

from __future__ import annotations

from danvan.tasks import background


@background
def synthesis_execute(*, run_id: int) -> None:
    from danvan.consultation.services import synthesis_execute_now

    synthesis_execute_now(run_id=run_id)
