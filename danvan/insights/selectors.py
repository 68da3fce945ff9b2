"""The figures of the leaders' dashboard and of the public statistics page, each one GROUP BY in the
database over the window asked for."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext

from danvan.insights.rollup import Counts, Key, count_live, count_rolled, month_start, next_month, rolled_months
from danvan.org import places
from danvan.org.models import Unit, User
from danvan.org.predicates import is_official, is_supervisor
from danvan.petitions.models import Channel, Field, Petition
from danvan.reception.models import Visit
from textmining.normalize import fold


def percent(part: int, whole: int) -> float | None:
    """`part` in percent of `whole`, to one decimal; None when there is no whole to speak of."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Dashboard:
    start: dt.date
    end: dt.date
    months: list[dt.date] = field(default_factory=list)
    by_month_kind: dict[tuple[dt.date, str], int] = field(default_factory=dict)
    by_field: list[tuple[str | None, str, int]] = field(default_factory=list)  # (code, name, n)
    by_province: list[tuple[int | None, str, int]] = field(default_factory=list)
    by_channel: list[tuple[str, str, int]] = field(default_factory=list)
    timeliness: list[dict[str, Any]] = field(default_factory=list)  # per unit
    visits_by_month: dict[dt.date, tuple[int, int]] = field(default_factory=dict)  # (visits, people)
    total: int = 0
    from_rollup: bool = False

    @property
    def on_time_rate(self) -> float | None:
        """Decided on time, in percent of the petitions whose processing limit has come (every unit)."""
        return percent(sum(r["on_time"] for r in self.timeliness),
                       sum(r["on_time"] + r["late"] + r["overdue"] for r in self.timeliness))

    @property
    def overdue(self) -> int:
        """Petitions open past their processing limit today, whenever received (every unit)."""
        return sum(r["overdue"] for r in self.timeliness)

    @property
    def visits(self) -> int:
        return sum(n for n, _people in self.visits_by_month.values())


def window(months: int = 12, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last `months` whole calendar months up to today: (first day, today)."""
    today = today or timezone.localdate()
    y, m = today.year, today.month - (months - 1)
    while m < 1:
        y, m = y - 1, m + 12
    return dt.date(y, m, 1), today


def _month_list(start: dt.date, end: dt.date) -> list[dt.date]:
    out, d = [], start.replace(day=1)
    while d <= end:
        out.append(d)
        d = next_month(d)
    return out


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    assert isinstance(value, dt.date)
    return value


def _ranges(start: dt.date, end: dt.date, rolled: set[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """The day ranges of [start, end] not covered by rolled-up months (`rolled` holds only months the window
    covers whole, or the current month up to today), merged where adjacent."""
    out: list[tuple[dt.date, dt.date]] = []
    for m in _month_list(start, end):
        lo, hi = max(m, start), min(next_month(m) - dt.timedelta(days=1), end)
        if m in rolled:
            continue
        if out and out[-1][1] + dt.timedelta(days=1) == lo:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def petition_counts(start: dt.date, end: dt.date, unit_ids: set[int] | None) -> tuple[dict[Key, Counts], bool]:
    """Counts per month, unit and dimension value: closed whole months from the rollup, the rest live.
    The flag says whether any month came from the rollup."""
    today = timezone.localdate()
    candidates = [m for m in _month_list(start, end)
                  if m >= start and (next_month(m) - dt.timedelta(days=1) <= end or (m == month_start(today) and end >= today))]
    rolled = rolled_months(candidates) if candidates else set()
    counts: dict[Key, Counts] = dict(count_rolled(sorted(rolled), unit_ids)) if rolled else {}
    for lo, hi in _ranges(start, end, rolled):
        for key, c in count_live(lo, hi, unit_ids).items():
            counts[key] = c
    return counts, bool(rolled)


def _open_by_unit(unit_ids: set[int] | None) -> dict[int, tuple[int, int]]:
    """Every open petition per unit, whenever received (the backlog today): (open, of which overdue),
    counted live through the (unit, status, processing_due) index; the open set is small and changes daily."""
    qs = Petition.objects.open().order_by()
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    today = timezone.localdate()
    rows = qs.values("unit_id").annotate(n=Count("id"), overdue=Count("id", filter=Q(processing_due__lt=today)))
    return {r["unit_id"]: (r["n"], r["overdue"]) for r in rows}


def dashboard_build(*, start: dt.date, end: dt.date, unit_ids: set[int] | None = None,
                    with_units: bool = True) -> Dashboard:
    """Volumes by month and kind, field, province and channel; timeliness per unit; reception per month."""
    board = Dashboard(start=start, end=end, months=_month_list(start, end))
    counts, board.from_rollup = petition_counts(start, end, unit_ids)
    by_field: dict[str, int] = defaultdict(int)
    by_province: dict[str, int] = defaultdict(int)
    by_channel: dict[str, int] = defaultdict(int)
    decided: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])  # unit -> [n, on_time, late]
    for key, c in counts.items():
        if key.dim == "kind":
            board.by_month_kind[(key.month, key.value)] = board.by_month_kind.get((key.month, key.value), 0) + c.n
            entry = decided[key.unit_id]
            entry[0] += c.n
            entry[1] += c.on_time
            entry[2] += c.late
        elif key.dim == "field":
            by_field[key.value] += c.n
        elif key.dim == "province":
            by_province[key.value] += c.n
        elif key.dim == "channel":
            by_channel[key.value] += c.n
    board.total = sum(board.by_month_kind.values())
    names = dict(Field.objects.values_list("code", "name"))
    unknown = gettext("Chưa xác định")
    board.by_field = sorted(((code or None, names.get(code, unknown), n) for code, n in by_field.items()),
                            key=lambda r: -r[2])
    board.by_province = sorted(
        ((int(code) if code else None, places.province_name(int(code)) if code else unknown, n)
         for code, n in by_province.items()), key=lambda r: -r[2])
    channels = dict(Channel.choices)
    board.by_channel = sorted(((code, str(channels.get(code, code)), n) for code, n in by_channel.items()),
                              key=lambda r: -r[2])
    if with_units:
        open_now = _open_by_unit(unit_ids)
        units = {u.pk: u for u in Unit.objects.filter(pk__in=set(decided) | set(open_now))}
        for unit_id, unit in units.items():
            _n, on_time, late = decided.get(unit_id, [0, 0, 0])
            open_n, overdue = open_now.get(unit_id, (0, 0))
            due = on_time + late + overdue
            board.timeliness.append({
                "unit": unit, "on_time": on_time, "late": late, "overdue": overdue, "open": open_n - overdue,
                "total": on_time + late + open_n,
                "on_time_rate": percent(on_time, due), "overdue_rate": percent(late + overdue, due),
            })
        board.timeliness.sort(key=lambda r: fold(r["unit"].name))
    visits = Visit.objects.filter(visited_on__gte=start, visited_on__lte=end).order_by()
    if unit_ids is not None:
        visits = visits.filter(unit_id__in=unit_ids)
    for row in visits.annotate(month=TruncMonth("visited_on")).values("month").annotate(
            n=Count("id"), people=Sum("people_count")):
        board.visits_by_month[_as_date(row["month"])] = (row["n"], row["people"] or 0)
    return board

def opens_records(user: User) -> bool:
    """Whether the figures open to the records behind them: a supervising body reads the figures only."""
    return bool(not is_supervisor(user) or is_official(user))
