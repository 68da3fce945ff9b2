from __future__ import annotations

import datetime as dt

from danvan.matters.reminders import reminders_send
from danvan.tasks import background


@background
def matters_send_reminders(*, on: str | None = None) -> None:
    """Send the day's reminders (`on` as YYYY-MM-DD, today by default: tasks take JSON types only)."""
    reminders_send(on=dt.date.fromisoformat(on) if on else None)
