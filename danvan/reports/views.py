"""Periodic report pages: the form as a table, its XLSX, and the records behind every figure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.documents.spreadsheet import xlsx_response
from danvan.org.models import Unit, User
from danvan.org.predicates import (
    is_official,
    is_published_to,
    is_supervisor,
    sees_every_unit,
    unit_subtree_ids,
    units_seen,
    user_unit_ids,
)
from danvan.params import date_param, int_param
from danvan.reports.datasets import DATASETS, Dataset, dimension_described
from danvan.reports.layouts import Layout, layout_get, layouts
from danvan.reports.periods import Period, period_current, period_parse, periods_available
from danvan.reports.predicates import sees_identities
from danvan.reports.selectors import cell_records, report_build
from danvan.reports.xlsx import report_xlsx

DRILL_LIMIT = 500


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.has_perm("reports.view_report"):
        raise PermissionDenied
    return user


def _supervisor_reads_published(user: User, slug: str | None) -> None:
    # A supervising body reads only the reports published to it (danvan.security.Publication), and never
    # the records behind the figures.
    if is_supervisor(user) and not is_official(user) and (slug is None or not is_published_to(user, slug)):
        raise PermissionDenied


def allowed_scope(user: User, unit_param: str) -> Unit | None:
    """The unit a report covers: the one asked for if the user may see it; else the user's own (or all).
    An official who sees only their units and belongs to none is refused: None would mean every unit."""
    everything = sees_every_unit(user) or is_supervisor(user)
    if not everything and user.unit_id is None:
        raise PermissionDenied
    unit_id = int_param(unit_param, low=1)
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id is not None else None
    if unit is not None:
        if not everything and unit.pk not in user_unit_ids(user):
            raise PermissionDenied
        return unit
    return None if everything else user.unit


def _layout(slug: str) -> Layout:
    layout = layout_get(slug)
    if layout is None:
        raise Http404(_("Không có biểu mẫu báo cáo này."))
    return layout


def _period_or_error(request: HttpRequest) -> tuple[Period | None, str]:
    raw = request.GET.get("period", "")
    if not raw:
        return period_current(), ""
    try:
        return period_parse(raw), ""
    except ValidationError as error:
        return None, " ".join(error.messages)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    units = Unit.objects.filter(handles_petitions=True).order_by("name")
    if (seen := units_seen(user)) is not None:
        units = units.filter(pk__in=seen)
    return render(request, "reports/index.html", {
        "layouts": list(layouts().values()), "periods": periods_available(), "current": period_current(),
        "units": units})


@login_required
def report(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    _supervisor_reads_published(user, slug)
    layout = _layout(slug)
    period, error = _period_or_error(request)
    if period is None:
        return render(request, "reports/report.html", {"layout": layout, "error": error,
                                                       "periods": periods_available()}, status=400)
    scope = allowed_scope(user, request.GET.get("unit", ""))
    table = report_build(layout=layout, period=period, scope=scope)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(report_xlsx(table), f"{layout.slug}-{period.id}.xlsx")
    base: dict[str, Any] = {"period": period.id, **({"unit": str(scope.pk)} if scope else {})}
    cell_url = reverse("reports:cell", args=[layout.slug])

    def link(row_unit: Unit | None, key: str) -> str:
        return f"{cell_url}?{urlencode({**base, 'col': key, **({'row': row_unit.pk} if row_unit else {})})}"

    rows: list[tuple[Unit | None, list[tuple[int, str]]]] = [
        (None, [(v, link(None, leaf.key)) for leaf, v in table.total.cells(layout)])]
    rows += [(r.unit, [(v, link(r.unit, leaf.key)) for leaf, v in r.cells(layout)]) for r in table.rows]
    header_rows: list[list[Any]] = [[] for _ in range(layout.depth)]
    for h in layout.header:
        header_rows[h.row].append(h)
    return render(request, "reports/report.html", {
        "layout": layout, "period": period, "scope": scope, "rows": rows, "header_rows": header_rows,
        "periods": periods_available(), "xlsx_query": urlencode({**base, "format": "xlsx"}),
    })


def _identity_safe(dataset: Dataset, user: User) -> list[tuple[str | Promise, str]]:
    hidden = set() if sees_identities(user) else set(dataset.identity_columns)
    return [(label, path) for label, path in dataset.columns if path not in hidden]


def _shown(value: Any) -> Any:
    # The list truncates its cells as text, which would print a moment as an ISO string in UTC.
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return value


def _render_records(request: HttpRequest, *, user: User, dataset: Dataset, records: QuerySet[Any], title: str,
                    figure: int | None, measure: str) -> HttpResponse:
    columns = _identity_safe(dataset, user)
    listed = list(records[:DRILL_LIMIT])
    rows = []
    for obj in listed:
        values = []
        for _label, path in columns:
            value = getattr(obj, path)
            values.append(_shown(value() if callable(value) else value))
        url = reverse(dataset.detail_url, args=[obj.code]) if dataset.detail_url else ""
        rows.append((url, values))
    total = records.count()
    recount = int(records.aggregate(n=Sum("people_count"))["n"] or 0) if measure == "people" else total
    return render(request, "reports/records.html", {
        "title": title, "dataset": dataset, "columns": [c[0] for c in columns], "rows": rows, "total": total,
        "figure": figure, "recount": recount, "measure": measure, "limit": DRILL_LIMIT,
    })


@login_required
def cell(request: HttpRequest, slug: str) -> HttpResponse:
    """The records counted in one cell of a report."""
    user = _user(request)
    _supervisor_reads_published(user, slug)
    layout = _layout(slug)
    period, error = _period_or_error(request)
    if period is None:
        return render(request, "reports/report.html", {"layout": layout, "error": error,
                                                       "periods": periods_available()}, status=400)
    leaf = layout.leaf(request.GET.get("col", ""))
    if leaf is None:
        raise Http404(_("Không có cột này trong biểu mẫu."))
    scope = allowed_scope(user, request.GET.get("unit", ""))
    row_param = request.GET.get("row", "")
    row_unit = None
    if int_param(row_param, low=1) is not None:
        row_unit = allowed_scope(user, row_param)
    records = cell_records(layout=layout, leaf=leaf, period=period, scope=scope, row_unit=row_unit)
    table = report_build(layout=layout, period=period, scope=scope)
    figure_row = next((r for r in table.rows if row_unit and r.unit and r.unit.pk == row_unit.pk), table.total) \
        if row_unit else table.total
    where = row_unit.name if row_unit else (scope.name if scope else _("toàn Bộ"))
    title = f"{layout.code} — ({leaf.number}) {leaf.label} — {where} — {period.title} ({period.range_text})"
    return _render_records(request, user=user, dataset=DATASETS[leaf.dataset], records=records, title=title,
                           figure=figure_row.values.get(leaf.key, 0), measure=leaf.measure)


@login_required
def records(request: HttpRequest) -> HttpResponse:
    """Records of a dataset between two days, filtered by dimensions given as query parameters
    (`?dataset=petitions&start=2026-01-01&end=2026-03-31&kind=complaint&field=dat-dai`). A parameter
    value "-" means "not set". The dashboard's figures link here."""
    user = _user(request)
    _supervisor_reads_published(user, None)
    dataset = DATASETS.get(request.GET.get("dataset", ""))
    if dataset is None:
        raise Http404(_("Không có tập dữ liệu này."))
    try:
        start, end = date_param(request.GET.get("start")), date_param(request.GET.get("end"))
        if start is None or end is None:
            raise ValidationError(_("Cần cả ngày bắt đầu (start) và ngày kết thúc (end), dạng năm-tháng-ngày."))
        scope = allowed_scope(user, request.GET.get("unit", ""))
        qs = dataset.records(start, end)
        if scope is not None:
            qs = qs.filter(unit_id__in=unit_subtree_ids(scope.pk))
        parts = []
        for dim in dataset.dimensions:
            if dim in request.GET:
                value = request.GET[dim]
                qs = dataset.dimension_filter(qs, dim, value)
                parts.append(dimension_described(dim, value))
    except ValidationError as error:
        return render(request, "reports/records.html", {
            "title": dataset.label, "errors": error.messages, "columns": [], "rows": [], "total": 0, "recount": 0,
            "figure": None, "measure": "count", "limit": DRILL_LIMIT}, status=400)
    title = f"{dataset.label} — {start:%d/%m/%Y}–{end:%d/%m/%Y}" + (f" — {'; '.join(parts)}" if parts else "")
    qs = qs.select_related("unit").order_by(*dataset.order_by)
    return _render_records(request, user=user, dataset=dataset, records=qs, title=title, figure=None,
                           measure="count")

