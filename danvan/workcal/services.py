"""Writes on the working calendar. Every change is audited and enqueues a recompute of open time limits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from danvan.audit.services import audit_record
from danvan.workcal.models import CalendarDay, Confidence, Source
from danvan.workcal.seed import DEFAULT_YEARS, SeedResult, seed_calendar
from danvan.workcal.tasks import workcal_recompute_time_limits


def _day_data(day: CalendarDay) -> dict[str, Any]:
    return {"date": day.date.isoformat(), "is_working": day.is_working, "reason": day.reason,
            "source": day.source, "citation": day.citation, "confidence": day.confidence}


def workcal_day_set(
    *,
    date: dt.date,
    is_working: bool,
    reason: str,
    by: Any,
    citation: str = "",
    confidence: str = Confidence.HIGH,
) -> CalendarDay:
    """Make `date` a day off (is_working=False) or a working day (True), as the administrator decides.

    The row becomes the administrator's: a later seed does not overwrite it.
    """
    reason = reason.strip()
    if not reason:
        raise ValueError("Cần ghi lý do / a reason is required")
    if confidence not in Confidence.values:
        raise ValueError(f"confidence must be one of {Confidence.values}")
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(date=date).first()
        before = _day_data(day) if day else None
        if day is None:
            day = CalendarDay(date=date)
        day.is_working = is_working
        day.reason = reason[:255]
        day.citation = citation[:255]
        day.confidence = confidence
        day.source = Source.ADMIN
        day.updated_by = by if getattr(by, "is_authenticated", False) else None
        day.save()
        audit_record(action="workcal.day_set", obj=day, by=by, actor_label="" if by else "system",
                     data={"before": before, "after": _day_data(day)})
        workcal_recompute_time_limits.enqueue(reason=f"day_set {date.isoformat()}")
    return day


def workcal_day_clear(*, date: dt.date, by: Any) -> bool:
    """Remove the entry for `date`, so the day follows the Monday-Friday week again. False if none."""
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(date=date).first()
        if day is None:
            return False
        before = _day_data(day)
        pk = day.pk
        day.delete()
        audit_record(action="workcal.day_clear", object_type="workcal.calendarday", object_id=pk, by=by,
                     actor_label="" if by else "system", data={"before": before})
        workcal_recompute_time_limits.enqueue(reason=f"day_clear {date.isoformat()}")
    return True


def workcal_seed(*, by: Any = None, years: range = DEFAULT_YEARS) -> SeedResult:
    """Load the public holidays and the Government's swaps; recompute time limits if anything changed."""
    with transaction.atomic():
        result = seed_calendar(CalendarDay, years)
        if result.changed:
            audit_record(action="workcal.seed", object_type="workcal.calendarday", by=by,
                         actor_label="" if by else "system",
                         data={"years": [years.start, years.stop - 1], "created": result.created,
                               "updated": result.updated, "kept_admin": result.kept_admin})
            workcal_recompute_time_limits.enqueue(reason="seed")
    return result
