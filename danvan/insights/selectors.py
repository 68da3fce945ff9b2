"""The figures of the leaders' dashboard and of the public statistics page, each one GROUP BY in the
database over the window asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from danvan.org import places
from danvan.org.models import Unit
from danvan.petitions.models import Channel, Field, Kind, Petition
from danvan.reception.models import Visit
from danvan.reports.datasets import DATASETS, petition_timeliness
from textmining.normalize import fold


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
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def _petitions(start: dt.date, end: dt.date, unit_ids: set[int] | None) -> Any:
    dataset = DATASETS["petitions"]
    qs = dataset.in_period(Petition.objects.all(), start, end).order_by()
    return qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def dashboard_build(*, start: dt.date, end: dt.date, unit_ids: set[int] | None = None,
                    with_units: bool = True) -> Dashboard:
    """Volumes by month and kind, field, province and channel; timeliness per unit; reception per month."""
    tz = timezone.get_current_timezone()
    board = Dashboard(start=start, end=end, months=_month_list(start, end))
    qs = _petitions(start, end, unit_ids)
    for row in qs.annotate(month=TruncMonth("received_at", tzinfo=tz)).values("month", "kind").annotate(n=Count("id")):
        key = (_as_date(row["month"]), row["kind"])
        board.by_month_kind[key] = board.by_month_kind.get(key, 0) + row["n"]
    board.total = sum(board.by_month_kind.values())
    names = dict(Field.objects.values_list("code", "name"))
    fields = qs.values("field__code").annotate(n=Count("id")).order_by("-n")
    board.by_field = [(r["field__code"], names.get(r["field__code"], "Chưa xác định"), r["n"]) for r in fields]
    provinces = qs.values("province_code").annotate(n=Count("id")).order_by("-n")
    board.by_province = [(r["province_code"], places.province_name(r["province_code"]) or "Chưa xác định", r["n"])
                         for r in provinces]
    channels = dict(Channel.choices)
    board.by_channel = [(r["channel"], str(channels.get(r["channel"], r["channel"])), r["n"])
                        for r in qs.values("channel").annotate(n=Count("id")).order_by("-n")]
    if with_units:
        per_unit: dict[int, dict[str, Any]] = {}
        rows = qs.annotate(timeliness=petition_timeliness()).values("unit_id", "timeliness").annotate(n=Count("id"))
        for row in rows:
            entry = per_unit.setdefault(row["unit_id"], {"on_time": 0, "late": 0, "overdue": 0, "open": 0})
            entry[row["timeliness"]] += row["n"]
        units = {u.pk: u for u in Unit.objects.filter(pk__in=per_unit)}
        for unit_id, counts in per_unit.items():
            decided = counts["on_time"] + counts["late"]
            due = decided + counts["overdue"]
            board.timeliness.append({
                "unit": units[unit_id], **counts, "total": due + counts["open"],
                "on_time_rate": round(100 * counts["on_time"] / due, 1) if due else None,
                "overdue_rate": round(100 * (counts["late"] + counts["overdue"]) / due, 1) if due else None,
            })
        board.timeliness.sort(key=lambda r: fold(r["unit"].name))
    visits = Visit.objects.filter(visited_on__gte=start, visited_on__lte=end).order_by()
    if unit_ids is not None:
        visits = visits.filter(unit_id__in=unit_ids)
    for row in visits.annotate(month=TruncMonth("visited_on")).values("month").annotate(
            n=Count("id"), people=Sum("people_count")):
        board.visits_by_month[_as_date(row["month"])] = (row["n"], row["people"] or 0)
    return board


KIND_ORDER = [k for k in Kind.values]
