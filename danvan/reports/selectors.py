"""Building a periodic report: one GROUP BY unit query per dataset, each column one filtered aggregate
(COUNT(...) FILTER (WHERE ...) on PostgreSQL, CASE on SQLite). The drill-down lists the very records a cell counts, with the same
filter, so the two always reconcile."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Sum

from danvan.org.models import Unit
from danvan.org.predicates import unit_subtree_ids
from danvan.reports.datasets import DATASETS, Dataset
from danvan.reports.layouts import Layout, Leaf
from danvan.reports.periods import Period
from textmining.normalize import fold


@dataclass
class ReportRow:
    unit: Unit | None  # None: the total row
    values: dict[str, int] = field(default_factory=dict)

    def cells(self, layout: Layout) -> list[tuple[Leaf, int]]:
        return [(leaf, self.values.get(leaf.key, 0)) for leaf in layout.leaves]


@dataclass
class ReportTable:
    layout: Layout
    period: Period
    scope: Unit | None  # None: the whole agency
    total: ReportRow
    rows: list[ReportRow]


def scope_unit_ids(scope: Unit | None) -> set[int] | None:
    return None if scope is None else unit_subtree_ids(scope.pk)


def _base(dataset: Dataset, period: Period, unit_ids: set[int] | None) -> QuerySet[Any]:
    qs = dataset.records(period.start, period.end)
    return qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)


def _per_unit(layout: Layout, dataset_name: str, period: Period, unit_ids: set[int] | None) -> list[dict[str, Any]]:
    """One row per unit with one filtered aggregate per column of this dataset: GROUP BY unit_id."""
    dataset = DATASETS[dataset_name]
    aggregates = {
        f"c_{leaf.key}": dataset.measures[leaf.measure](_filter_q(dataset, leaf.filter) or None)
        for leaf in layout.leaves if leaf.dataset == dataset_name
    }
    qs = _base(dataset, period, unit_ids).order_by()
    return list(qs.values("unit_id").annotate(**aggregates))


def report_build(*, layout: Layout, period: Period, scope: Unit | None = None) -> ReportTable:
    """The report `layout` for `period`, over `scope` and its sub-units (None: the whole agency).

    Rows are the units with at least one counted record (sorted by name), plus the total row.
    """
    unit_ids = scope_unit_ids(scope)
    per_unit: dict[int, dict[str, int]] = {}
    total: dict[str, int] = {}
    for dataset_name in layout.datasets:
        for group in _per_unit(layout, dataset_name, period, unit_ids):
            row = per_unit.setdefault(group["unit_id"], {})
            for leaf in (lf for lf in layout.leaves if lf.dataset == dataset_name):
                value = int(group[f"c_{leaf.key}"] or 0)
                row[leaf.key] = row.get(leaf.key, 0) + value
                total[leaf.key] = total.get(leaf.key, 0) + value
    counted = [pk for pk, values in per_unit.items() if any(values.values())]
    units = sorted(Unit.objects.filter(pk__in=counted), key=lambda u: fold(u.name))
    rows = [ReportRow(u, per_unit[u.pk]) for u in units]
    return ReportTable(layout, period, scope, ReportRow(None, total), rows)


def _filter_q(dataset: Dataset, filters: dict[str, list[Any]]) -> Q:
    q = Q()
    for dim, allowed in filters.items():
        path = dataset.dimensions[dim]
        values = [v for v in allowed if v is not None]
        dim_q = Q(**{f"{path}__in": values}) if values else Q(pk__in=[])
        if None in allowed:
            dim_q |= Q(**{f"{path}__isnull": True})
        q &= dim_q
    return q


def cell_records(*, layout: Layout, leaf: Leaf, period: Period, scope: Unit | None = None,
                 row_unit: Unit | None = None) -> QuerySet[Any]:
    """The records behind one cell: the row's unit alone (row_unit), or the whole scope for the total row."""
    dataset = DATASETS[leaf.dataset]
    unit_ids = {row_unit.pk} if row_unit is not None else scope_unit_ids(scope)
    qs = _base(dataset, period, unit_ids).filter(_filter_q(dataset, leaf.filter))
    return qs.select_related("unit").order_by(*dataset.order_by)


def cell_value(records: QuerySet[Any], leaf: Leaf) -> int:
    """What a cell shows, recomputed from its records (the reconciliation the tests check)."""
    if leaf.measure == "people":
        return int(records.aggregate(n=Sum("people_count"))["n"] or 0)
    return records.count()
