"""Any write to CalendarDay, through a service, the admin or a migration, clears this process's cache."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from danvan.workcal.selectors import calendar_cache_clear


def calendar_day_changed(**kwargs: Any) -> None:
    calendar_cache_clear()
    # A reader inside the transaction could have cached the new rows, or one outside the old ones.
    transaction.on_commit(calendar_cache_clear)
