"""The leaders' dashboard and the public statistics page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page

from danvan.documents.spreadsheet import xlsx_response
from danvan.emulation.models import MobilizationModel
from danvan.insights import hotspots as hot_issues
from danvan.insights.appraisals import appraisal_record, appraisals_xlsx, unit_ratings
from danvan.insights.forms import AppraisalForm
from danvan.insights.models import Rating
from danvan.insights.rollup import rollup_refresh_if_stale
from danvan.insights.scorecards import Card, scorecards_build, scorecards_xlsx
from danvan.insights.selectors import Dashboard, dashboard_build, opens_records, window
from danvan.insights.svg import Bar, Series, hbar_chart, stacked_columns
from danvan.org.models import Role, Unit, User
from danvan.org.predicates import is_official, sees_every_unit, units_seen, user_unit_ids
from danvan.params import date_param, int_param
from danvan.petitions.models import Kind, Petition
from danvan.reception.selectors import leader_compliance
from danvan.reports.datasets import DATASETS
from danvan.reports.periods import period_current

TOP_PROVINCES = 12


def _month_end(month: dt.date) -> dt.date:
    nxt = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _charts(board: Dashboard, link: Any) -> dict[str, Any]:
    """The SVGs and the tables behind them; `link(**params)` makes a drill-down URL or ""."""
    kinds = [(k.value, str(k.label)) for k in Kind]
    labels = [f"{m:%m/%y}" for m in board.months]
    series = [Series(label, [board.by_month_kind.get((m, code), 0) for m in board.months],
                     [link(start=m, end=min(_month_end(m), board.end), kind=code) for m in board.months])
              for code, label in kinds]
    series = [s for s in series if any(s.values)]
    month_table = [(label, [s.values[i] for s in series], sum(s.values[i] for s in series))
                   for i, label in enumerate(labels)]
    fields = [Bar(name, n, link(field=code or "-")) for code, name, n in board.by_field]
    provinces = [Bar(name, n, link(province=code if code else "-")) for code, name, n in board.by_province[:TOP_PROVINCES]]
    channels = [Bar(name, n, link(channel=code)) for code, name, n in board.by_channel]
    return {
        "months_svg": stacked_columns(labels, series, title=_("Số đơn theo tháng và loại")),
        "month_series": series, "month_table": month_table,
        "fields_svg": hbar_chart(fields, title=_("Số đơn theo lĩnh vực")), "fields": fields,
        "provinces_svg": hbar_chart(provinces, title=_("Số đơn theo tỉnh, thành phố"), color="#a3121e"),
        "provinces": provinces,
        "channels_svg": hbar_chart(channels, title=_("Số đơn theo nguồn"), color="#1f7a3a"), "channels": channels,
    }


MAX_MONTHS = 120


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not user.has_perm("reports.view_report"):
        raise PermissionDenied
    start, end, errors = _days(request, window(12))
    if (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
        # One bar per month: a window of centuries would draw thousands of them.
        errors.append(_("Bảng điều hành hiển thị tối đa %(n)s tháng; đang hiển thị %(n)s tháng đến ngày %(end)s.")
                      % {"n": MAX_MONTHS, "end": f"{end:%d/%m/%Y}"})
        start = window(MAX_MONTHS, today=end)[0]
    unit_ids = units_seen(user)
    rollup_refresh_if_stale()
    board = dashboard_build(start=start, end=end, unit_ids=unit_ids)

    # A supervising body reads the figures, never the records behind them (reports._supervisor_reads_published).
    drills_down = opens_records(user)

    def link(*, start: dt.date = start, end: dt.date = end, dataset: str = "petitions", **dims: Any) -> str:
        return DATASETS[dataset].records_url(start, end, **dims) if drills_down else ""

    today = timezone.localdate()
    compliance = leader_compliance(start=dt.date(today.year, max(1, today.month - 5), 1), end=today)
    by_leader: dict[Any, list[Any]] = {}
    for row in compliance:
        by_leader.setdefault(row.leader, []).append(row)
    # A unit's row counts its own petitions (`own_unit`); `unit` would take in the units below it as well.
    # Its overdue figure is today's backlog, whenever received: its link lists from the first petition on.
    backlog_since = _first_received() or start
    timeliness = [{**row, "late_url": link(timeliness="late", own_unit=row["unit"].pk),
                   "overdue_url": link(start=min(backlog_since, start), end=today, timeliness="overdue",
                                       own_unit=row["unit"].pk)}
                  for row in board.timeliness]
    visits = [(f"{m:%m/%y}", *board.visits_by_month.get(m, (0, 0))) for m in board.months]
    headline = {"overdue_url": link(start=min(backlog_since, start), end=today, timeliness="overdue"),
                "visits_url": link(dataset="visits")}
    hot = [(spot, link(start=spot.start, end=spot.end, **spot.records_filter()),
            link(start=spot.start, end=spot.end, dataset="visits", **spot.visits_filter()))
           for spot in hot_issues.hotspots(unit_ids=unit_ids)]
    return render(request, "insights/dashboard.html", {
        "hotspots": hot, "hot": {"days": hot_issues.DAYS, "weeks": hot_issues.BASELINE_DAYS // 7,
                                 "min": hot_issues.MIN_COUNT, "ratio": f"{hot_issues.MIN_RATIO:g}",
                                 "one_in": round(1 / hot_issues.P_MAX)},
        "board": board, **_charts(board, link), "timeliness": timeliness, "by_leader": by_leader,
        "months": sorted({(r.year, r.month) for r in compliance}), "visits": visits,
        "visits_svg": hbar_chart([Bar(label, n) for label, n, _p in visits], title=_("Lượt tiếp công dân theo tháng"),
                                 color="#6b3fa0"),
        "period": period_current(), "errors": errors, "headline": headline,
    }, status=400 if errors else 200)


def _first_received() -> dt.date | None:
    """The day the first petition of all was received: where a list of today's backlog must start. (The oldest
    overdue one exactly would cost a walk of the whole table at a million petitions: PostgreSQL answers a MIN
    by the received_at index and filters on the way.)"""
    first = Petition.objects.order_by("received_at").values_list("received_at", flat=True).first()
    return timezone.localtime(first).date() if first else None


def _days(request: HttpRequest, defaults: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date, list[str]]:
    """The `start` and `end` asked for, in order, each its default when absent or unreadable (with why)."""
    errors: list[str] = []
    days: list[dt.date] = []
    for name, default in zip(("start", "end"), defaults, strict=True):
        try:
            days.append(date_param(request.GET.get(name)) or default)
        except ValidationError as error:
            errors += error.messages
            days.append(default)
    start, end = sorted(days)
    return start, end, errors


@login_required
def scorecards(request: HttpRequest) -> HttpResponse:
    """Each unit's and each official's record on the time limits over a period (the current quarter's data
    period unless asked otherwise). A supervising body sees the units' cards only; an official who does not
    lead a unit sees their own card beside their units'."""
    user = request.user
    if not isinstance(user, User) or not user.has_perm("reports.view_report"):
        raise PermissionDenied
    period = period_current()
    start, end, errors = _days(request, (period.start, period.end))
    unit_ids = units_seen(user)
    with_officials = is_official(user)
    cards = scorecards_build(start=start, end=end, unit_ids=unit_ids, with_officials=with_officials)
    if not (sees_every_unit(user) or user.has_role(Role.UNIT_HEAD)):
        cards.officials = [(official, card) for official, card in cards.officials if official.pk == user.pk]
    if request.GET.get("format") == "xlsx":
        return xlsx_response(scorecards_xlsx(cards), f"ket-qua-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")
    drills_down = opens_records(user)

    def cells(card: Card, **who: Any) -> list[tuple[str, int, str]]:
        """(timeliness, count, the records behind it or "") for the petition columns."""
        return [(t, getattr(card, t), DATASETS["petitions"].records_url(start, end, **who, timeliness=t)
                 if drills_down else "") for t in ("on_time", "late", "open", "overdue")]

    return render(request, "insights/scorecards.html", {
        "cards": cards, "errors": errors, "with_officials": with_officials,
        # A unit's card counts its own petitions (`own_unit`); `unit` would take in the units below it as well.
        "units": [(unit, card, cells(card, own_unit=unit.pk)) for unit, card in cards.units],
        "officials": [(official, card, cells(card, official=official.pk)) for official, card in cards.officials],
    }, status=400 if errors else 200)


def _year(value: str | None) -> int:
    if not value:
        return timezone.localdate().year
    year = int_param(value, low=2000, high=2100)
    if year is None:
        raise ValidationError(_("Năm không hợp lệ: “%(v)s”.") % {"v": value[:20]})
    return year


@login_required
def appraisals(request: HttpRequest) -> HttpResponse:
    """The civil servants of a unit rated for a year on the 100-point scale: their points, the rating they give
    and the cap on excellent ratings (danvan.insights.appraisals). A leader rates any unit, a unit's head theirs."""
    user = request.user
    if not isinstance(user, User) or not user.has_perm("insights.rate_official"):
        raise PermissionDenied
    units = Unit.objects.exclude(kind=Unit.Kind.EXTERNAL).order_by("name")
    if not user.has_role(Role.LEADER):
        units = units.filter(pk__in=user_unit_ids(user))
    errors: list[str] = []
    try:
        year = _year(request.GET.get("year"))
    except ValidationError as error:
        errors, year = error.messages, timezone.localdate().year
    asked = int_param(request.GET.get("unit"))
    unit = (units.filter(pk=asked).first() if asked is not None else None) or \
        units.filter(pk=user.unit_id or 0).first() or units.first()
    if unit is None:
        raise PermissionDenied
    context: dict[str, Any] = {"units": units, "unit": unit, "year": year, "errors": errors}
    try:
        board = unit_ratings(unit, year)
    except ValidationError as error:
        return render(request, "insights/appraisals.html", {**context, "errors": errors + error.messages}, status=400)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(appraisals_xlsx(board), f"xep-loai-{unit.code}-{year}.xlsx")
    posted: dict[int, AppraisalForm] = {}
    if request.method == "POST":
        form = AppraisalForm(request.POST, grounds=board.scale.grounds)
        chosen = str(form.data.get("official", ""))
        official = next((r.official for r in board.rows if str(r.official.pk) == chosen), None)
        if official is None:
            errors.append(_("Công chức này không thuộc đơn vị đã chọn."))
        else:
            posted[official.pk] = form
            if form.is_valid():
                data = form.cleaned_data
                try:
                    appraisal_record(official=official, year=year, general_points=data["general_points"],
                                     task_points=data["task_points"], by=user, note=data["note"],
                                     not_completed_ground=data["not_completed_ground"])
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Đã ghi điểm của %(who)s.") % {"who": official})
                    return redirect(f"{reverse('insights:appraisals')}?{urlencode({'unit': unit.pk, 'year': year})}")
            errors += [f"{official}: {m}" for field_errors in form.errors.values() for m in field_errors]

    def form_for(row: Any) -> AppraisalForm:
        given = row.appraisal
        return posted.get(row.official.pk) or AppraisalForm(grounds=board.scale.grounds, initial={
            "official": row.official.pk, "general_points": given.general_points if given else None,
            "task_points": given.task_points if given else None, "note": given.note if given else "",
            "not_completed_ground": given.not_completed_ground if given else None})

    # Each official's record on the time limits over the year, beside the points for the results of their tasks.
    cards = dict(scorecards_build(start=dt.date(year, 1, 1), end=min(dt.date(year, 12, 31), timezone.localdate()),
                                  unit_ids={unit.pk}).officials)
    return render(request, "insights/appraisals.html", {
        **context, "board": board,
        "rows": [(row, form_for(row), user.has_perm("insights.rate_official", row.official), cards.get(row.official))
                 for row in board.rows],
        "ratings": [(rating, board.counts.get(rating, 0)) for rating in Rating],
        "scorecards_url": f"{reverse('insights:scorecards')}?start={year}-01-01&end={year}-12-31",
    }, status=400 if errors else 200)


@cache_page(300)
def public_statistics(request: HttpRequest) -> HttpResponse:
    """Aggregates only: counts by month, kind, field, province and channel, and the on-time rate. No name,
    no code, no content, and no link to records."""
    start, end = window(12)
    board = dashboard_build(start=start, end=end, with_units=True)

    def no_link(**_kw: Any) -> str:
        return ""

    # The movement's recognised models: what a unit did and achieved, no person named.
    recognised = (MobilizationModel.objects.filter(status=MobilizationModel.Status.RECOGNIZED)
                  .select_related("unit").annotate(replicated=Count("replications")).order_by("-year", "title")[:50])
    return render(request, "insights/public.html", {
        "board": board, **_charts(board, no_link), "recognised": recognised,
    })
