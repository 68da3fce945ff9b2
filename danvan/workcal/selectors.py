"""Reads on the working calendar. The calendar is small (a few hundred rows) and read on every time-limit
computation, so each process keeps it in memory."""

from __future__ import annotations

import threading
import time

from django.db.models import QuerySet

from danvan.workcal.daycount import DayKind, DayNote, WorkCalendar
from danvan.workcal.models import CalendarDay, Source

# A change made in this process clears the cache at once (signals.py); other processes (web workers,
# Celery workers) pick it up within this many seconds.
CACHE_SECONDS = 60

_KIND_BY_SOURCE: dict[str, DayKind] = {
    Source.HOLIDAYS_PACKAGE: "holiday",
    Source.GOVERNMENT_DECISION: "government-decision",
    Source.ADMIN: "admin",
}

_lock = threading.Lock()
_cached: tuple[float, WorkCalendar] | None = None


def calendar_build() -> WorkCalendar:
    """The calendar as the database holds it now (no cache)."""
    off: dict = {}
    working: dict = {}
    for day, is_working, reason, source, citation in CalendarDay.objects.values_list(
        "date", "is_working", "reason", "source", "citation"
    ):
        text = f"{reason} ({citation})" if citation and source == Source.GOVERNMENT_DECISION else reason
        note = DayNote(text, _KIND_BY_SOURCE.get(source, "admin"))
        (working if is_working else off)[day] = note
    return WorkCalendar(off_days=off, working_days=working)


def calendar_get() -> WorkCalendar:
    """The agency's working calendar, from this process's cache when fresh."""
    global _cached
    now = time.monotonic()
    cached = _cached
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    with _lock:
        cal = calendar_build()
        _cached = (time.monotonic(), cal)
    return cal


def calendar_cache_clear() -> None:
    global _cached
    with _lock:
        _cached = None


def calendar_days(*, year: int | None = None) -> QuerySet[CalendarDay]:
    qs = CalendarDay.objects.all()
    if year is not None:
        qs = qs.filter(date__year=year)
    return qs.order_by("date")
