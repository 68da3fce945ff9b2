"""Monthly counts of petitions per unit along each dashboard dimension, computed in the database.

The same function counts live (any day range) and fills the rollup table (whole months), so the two agree
by construction; tests check it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from danvan.insights.models import MonthlyRollup
from danvan.petitions.models import Field, Petition
from danvan.reports.datasets import DATASETS, petition_timeliness
from danvan.tasks import background

# dimension -> the petition column it groups by (the field's code is looked up afterwards: no join)
COLUMNS = {"kind": "kind", "field": "field_id", "province": "province_code", "channel": "channel"}
DIMENSIONS = tuple(COLUMNS)
# Past these ages the dashboard asks for a recount in the background: the current month's rows every few
# minutes (its figures lag by at most that much), every month's when the nightly command did not run.
CURRENT_MAX_AGE = dt.timedelta(minutes=10)
MAX_AGE = dt.timedelta(hours=26)


@dataclass(frozen=True)
class Key:
    month: dt.date
    unit_id: int
    dim: str
    value: str


@dataclass
class Counts:
    n: int = 0
    on_time: int = 0
    late: int = 0


def _month(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


# A live range up to this long is counted in one query grouped by every dimension at once (few rows, one
# scan); a longer one (a missing rollup) in one query per dimension, so the groups stay few.
ONE_QUERY_DAYS = 62


def count_live(start: dt.date, end: dt.date, unit_ids: set[int] | None = None,
               dims: tuple[str, ...] = DIMENSIONS) -> dict[Key, Counts]:
    """Petitions received from `start` to `end` (inclusive) per month, unit and value of each dimension,
    grouped in the database."""
    qs = DATASETS["petitions"].in_period(Petition.objects.all(), start, end).order_by()
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    qs = qs.annotate(m=TruncMonth("received_at", tzinfo=timezone.get_current_timezone()),
                     timeliness=petition_timeliness())
    fields = dict(Field.objects.values_list("id", "code"))
    groupings = [dims] if (end - start).days <= ONE_QUERY_DAYS else [(d,) for d in dims]
    out: dict[Key, Counts] = defaultdict(Counts)
    for group in groupings:
        rows = qs.values("m", "unit_id", *{COLUMNS[d] for d in group}).annotate(
            n=Count("id"), on_time=Count("id", filter=Q(timeliness="on_time")),
            late=Count("id", filter=Q(timeliness="late")))
        for row in rows:
            month = _month(row["m"])
            for dim in group:
                raw = row[COLUMNS[dim]]
                value = fields.get(raw, "") if dim == "field" else ("" if raw is None else str(raw))
                c = out[Key(month, row["unit_id"], dim, value or "")]
                c.n += row["n"]
                c.on_time += row["on_time"]
                c.late += row["late"]
    return out


def count_rolled(months: list[dt.date], unit_ids: set[int] | None = None) -> dict[Key, Counts]:
    qs = MonthlyRollup.objects.filter(month__in=months)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    rows = qs.values_list("month", "unit_id", "dim", "value", "n", "on_time", "late")
    return {Key(m, u, d, v): Counts(n, on_time, late) for m, u, d, v, n, on_time, late in rows}


def rolled_months(months: list[dt.date]) -> set[dt.date]:
    return set(MonthlyRollup.objects.filter(month__in=months).values_list("month", flat=True).distinct())


def rollup_refresh(*, start: dt.date | None = None, end: dt.date | None = None) -> int:
    """Recount the months from `start`'s to `end`'s (default: every month with petitions, the current one
    included, counted up to now) and replace their rows. Returns the rows written."""
    today = timezone.localdate()
    if start is None:
        first_at = Petition.objects.aggregate(first=Min("received_at"))["first"]
        if first_at is None:
            return 0
        start = _month(first_at)
    end = min(end or today, today)
    first = month_start(start)
    if first > end:
        return 0
    months = []
    m = first
    while m <= end:
        months.append(m)
        m = next_month(m)
    counts = count_live(first, min(next_month(months[-1]) - dt.timedelta(days=1), today))
    now = timezone.now()
    with transaction.atomic():
        MonthlyRollup.objects.filter(month__in=months).delete()
        MonthlyRollup.objects.bulk_create([
            MonthlyRollup(month=k.month, unit_id=k.unit_id, dim=k.dim, value=k.value, n=c.n, on_time=c.on_time,
                          late=c.late, computed_at=now)
            for k, c in counts.items()
        ], batch_size=2000)
    return len(counts)


def rollup_refresh_current() -> int:
    """Recount the current month only: a short query, run in the background every few minutes."""
    today = timezone.localdate()
    return rollup_refresh(start=month_start(today), end=today)


def rollup_age(month: dt.date | None = None) -> dt.timedelta | None:
    """How old the rollup is (of one month when given); None when it has no rows."""
    qs = MonthlyRollup.objects.all() if month is None else MonthlyRollup.objects.filter(month=month)
    last = qs.aggregate(at=Max("computed_at"))["at"]
    return None if last is None else timezone.now() - last


@background
def rollup_refresh_task(*, current_only: bool = False) -> None:
    if current_only:
        rollup_refresh_current()
    else:
        rollup_refresh()


_last_request: dict[bool, float] = {}


def rollup_refresh_if_stale() -> None:
    """Ask for a background recount of the current month when its rows are older than CURRENT_MAX_AGE, and
    of everything when the rollup is older than MAX_AGE (the nightly command is the main path for the
    closed months). At most one request per kind per interval and process."""
    now = time.monotonic()
    for current_only, limit in ((True, CURRENT_MAX_AGE), (False, MAX_AGE)):
        if now - _last_request.get(current_only, -1e9) < limit.total_seconds():
            continue
        age = rollup_age(month_start(timezone.localdate()) if current_only else None)
        if age is None or age > limit:
            _last_request[current_only] = now
            rollup_refresh_task.enqueue(current_only=current_only)
