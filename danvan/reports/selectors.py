"""Building a periodic report: one GROUP BY per dataset in the database, then each cell adds up the few
groups its column's filter selects. The drill-down lists the very records a cell counts, with the same
filter, so the two always reconcile."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet, Sum

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


def _matches(group: dict[str, Any], filters: dict[str, list[Any]]) -> bool:
    return all(group[f"d_{dim}"] in allowed for dim, allowed in filters.items())


def _base(dataset: Dataset, period: Period, unit_ids: set[int] | None) -> QuerySet[Any]:
    qs = dataset.in_period(dataset.queryset(), period.start, period.end)
    return qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)


def _groups(layout: Layout, dataset_name: str, period: Period, unit_ids: set[int] | None) -> list[dict[str, Any]]:
    dataset = DATASETS[dataset_name]
    leaves = [leaf for leaf in layout.leaves if leaf.dataset == dataset_name]
    dims = sorted({dim for leaf in leaves for dim in leaf.filter})
    measures = sorted({leaf.measure for leaf in leaves})
    qs = _base(dataset, period, unit_ids).order_by()
    grouped = qs.values("unit_id", **{f"d_{d}": F(dataset.dimensions[d]) for d in dims})
    return list(grouped.annotate(**{f"m_{m}": dataset.measures[m] for m in measures}))


def report_build(*, layout: Layout, period: Period, scope: Unit | None = None) -> ReportTable:
    """The report `layout` for `period`, over `scope` and its sub-units (None: the whole agency).

    Rows are the units with at least one counted record (sorted by name), plus the total row.
    """
    unit_ids = scope_unit_ids(scope)
    per_unit: dict[int, dict[str, int]] = {}
    total: dict[str, int] = {}
    for dataset_name in layout.datasets:
        groups = _groups(layout, dataset_name, period, unit_ids)
        for leaf in (lf for lf in layout.leaves if lf.dataset == dataset_name):
            for group in groups:
                if not _matches(group, leaf.filter):
                    continue
                value = int(group[f"m_{leaf.measure}"] or 0)
                row = per_unit.setdefault(group["unit_id"], {})
                row[leaf.key] = row.get(leaf.key, 0) + value
                total[leaf.key] = total.get(leaf.key, 0) + value
    units = sorted(Unit.objects.filter(pk__in=per_unit), key=lambda u: fold(u.name))
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
