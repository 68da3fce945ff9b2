"""Day arithmetic of the working calendar, as the Civil Code counts time (Arts. 144-148).

Plain Python, no Django: the calendar is passed in as data, so the rules are tested fast and run anywhere.

Conventions every function here keeps:
- The first day is not counted: a period "from" an event starts the next day (Art. 147).
- A period in calendar days ("ngày") or months ends at the close of its last day; when that day is a weekend
  day or a day off, it ends at the close of the next working day (Art. 148).
- A period in working days ("ngày làm việc") counts only working days, so it always ends on one.
- Months end on the same date of the last month, or that month's last day when it has no such date.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Unit = Literal["calendar_days", "working_days", "months"]
UNITS: tuple[str, ...] = ("calendar_days", "working_days", "months")

# Why a day is not a working day; explain() shows it beside the date.
DayKind = Literal["weekend", "holiday", "government-decision", "admin"]

_WEEKDAY_NAMES_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

# Past this many days a search for a working day means the calendar is broken (everything marked off).
_MAX_SCAN_DAYS = 400


class DayNote(NamedTuple):
    reason: str
    kind: DayKind


class SkippedDay(NamedTuple):
    date: dt.date
    reason: str
    kind: DayKind


def weekday_name(d: dt.date) -> str:
    return _WEEKDAY_NAMES_VI[d.weekday()]


@dataclass(frozen=True)
class WorkCalendar:
    """The agency's calendar: Monday-Friday work, minus `off_days`, plus `working_days`.

    `off_days` maps a date that is not worked (public holiday, a weekday the Government gives off) to its
    note; `working_days` maps a date that is worked although it is a weekend day (a Saturday the Government
    makes a working day in exchange) to its note. A date in both is a data error and is rejected.
    """

    off_days: Mapping[dt.date, DayNote] = field(default_factory=dict)
    working_days: Mapping[dt.date, DayNote] = field(default_factory=dict)

    def __post_init__(self) -> None:
        both = set(self.off_days) & set(self.working_days)
        if both:
            raise ValueError(f"days both off and working: {sorted(both)}")

    @classmethod
    def from_sets(cls, *, off: Iterable[dt.date] = (), working: Iterable[dt.date] = ()) -> WorkCalendar:
        return cls(
            off_days={d: DayNote("Ngày nghỉ", "holiday") for d in off},
            working_days={d: DayNote("Ngày làm việc bù", "government-decision") for d in working},
        )

    def is_working_day(self, d: dt.date) -> bool:
        if d in self.working_days:
            return True
        if d in self.off_days:
            return False
        return d.weekday() < 5

    def day_off_note(self, d: dt.date) -> DayNote | None:
        """Why `d` is not a working day, or None when it is one."""
        if self.is_working_day(d):
            return None
        if d in self.off_days:
            return self.off_days[d]
        return DayNote(weekday_name(d), "weekend")

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day strictly after `d`."""
        return self.working_day_on_or_after(d + dt.timedelta(days=1))

    def working_day_on_or_after(self, d: dt.date) -> dt.date:
        """`d` itself when it is a working day, else the next one (where a period ending on a day off ends)."""
        for _ in range(_MAX_SCAN_DAYS):
            if self.is_working_day(d):
                return d
            d += dt.timedelta(days=1)
        raise ValueError(f"no working day within {_MAX_SCAN_DAYS} days of {d}: the calendar is broken")

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after `start` (the first day is not counted). n=0 gives `start`."""
        return count_working_days(self, start, n).due

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        n, d = 0, start + dt.timedelta(days=1)
        while d <= end:
            if self.is_working_day(d):
                n += 1
            d += dt.timedelta(days=1)
        return n


@dataclass(frozen=True)
class Count:
    """The derivation of one period: what explain() shows."""

    start: dt.date  # the event (not counted)
    first_counted_day: dt.date
    unit: str
    amount: int
    nominal_end: dt.date  # the last day by the count alone, before moving off a day off
    due: dt.date  # the period ends at the close of this day
    days_counted: int  # calendar days from the first counted day to `due`, inclusive
    skipped: tuple[SkippedDay, ...]  # days off passed over while counting or at the end


def _skipped_between(cal: WorkCalendar, first: dt.date, last: dt.date) -> tuple[SkippedDay, ...]:
    out = []
    d = first
    while d <= last:
        note = cal.day_off_note(d)
        if note is not None:
            out.append(SkippedDay(d, note.reason, note.kind))
        d += dt.timedelta(days=1)
    return tuple(out)


def add_months(d: dt.date, months: int) -> dt.date:
    """The same date `months` later, or the last day of that month when it is shorter (Art. 148(3))."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(d.day, _stdcal.monthrange(year, month)[1]))


def count_working_days(cal: WorkCalendar, start: dt.date, n: int, *, shift_days: int = 0) -> Count:
    """n working days from `start`; `shift_days` calendar days that do not count (a suspension) are added
    after the count, and the end is then moved off a day off."""
    if n < 0 or shift_days < 0:
        raise ValueError("a period cannot be negative")
    # The period starts the day after the event (Art. 147), but only working days count: the first day
    # counted is the first working day after the event (Mon 9 Mar for a Saturday receipt, not Sun 8 Mar).
    # The days off in between are still listed as skipped.
    after = start + dt.timedelta(days=1)
    first = cal.working_day_on_or_after(after)
    d, counted = start, 0
    while counted < n:
        d = cal.next_working_day(d)
        counted += 1
    nominal = d + dt.timedelta(days=shift_days)
    due = cal.working_day_on_or_after(nominal) if (shift_days or n == 0) else nominal
    return Count(start, first, "working_days", n, nominal, due, (due - start).days,
                 _skipped_between(cal, after, due))


def count_calendar_days(cal: WorkCalendar, start: dt.date, n: int, *, shift_days: int = 0) -> Count:
    """n calendar days from `start` (+ `shift_days` not counted); a last day that is off moves forward."""
    if n < 0 or shift_days < 0:
        raise ValueError("a period cannot be negative")
    first = start + dt.timedelta(days=1)
    nominal = start + dt.timedelta(days=n + shift_days)
    due = cal.working_day_on_or_after(nominal)
    return Count(start, first, "calendar_days", n, nominal, due, (due - start).days,
                 _skipped_between(cal, nominal, due))


def count_months(cal: WorkCalendar, start: dt.date, n: int, *, shift_days: int = 0) -> Count:
    if n < 0 or shift_days < 0:
        raise ValueError("a period cannot be negative")
    first = start + dt.timedelta(days=1)
    nominal = add_months(start, n) + dt.timedelta(days=shift_days)
    due = cal.working_day_on_or_after(nominal)
    return Count(start, first, "months", n, nominal, due, (due - start).days, _skipped_between(cal, nominal, due))


def count_period(cal: WorkCalendar, start: dt.date, n: int, unit: str, *, shift_days: int = 0) -> Count:
    if unit == "working_days":
        return count_working_days(cal, start, n, shift_days=shift_days)
    if unit == "calendar_days":
        return count_calendar_days(cal, start, n, shift_days=shift_days)
    if unit == "months":
        return count_months(cal, start, n, shift_days=shift_days)
    raise ValueError(f"unknown unit {unit!r}; expected one of {UNITS}")


# Module-level forms of the calendar's methods, for callers that hold a calendar and a date.
def is_working_day(d: dt.date, cal: WorkCalendar) -> bool:
    return cal.is_working_day(d)


def next_working_day(d: dt.date, cal: WorkCalendar) -> dt.date:
    return cal.next_working_day(d)


def add_working_days(start: dt.date, n: int, cal: WorkCalendar) -> dt.date:
    return cal.add_working_days(start, n)
