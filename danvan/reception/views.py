"""Reception desk pages: thin views over reception services and selectors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.documents.spreadsheet import xlsx_response
from danvan.org.models import User
from danvan.org.predicates import sees_every_unit, user_unit_ids
from danvan.params import DATE_MIN, int_param
from danvan.people.selectors import visitor_for
from danvan.petitions.models import Petition
from danvan.reception import services
from danvan.reception.book import book_columns, book_row, book_rows, book_xlsx
from danvan.reception.forms import BookFilterForm, RefusalForm, SessionForm, VisitForm
from danvan.reception.models import Refusal, Session, Visit
from danvan.reception.rules import refusal_grounds
from danvan.reception.selectors import leader_compliance, public_schedule, reception_book, visitor_history
from danvan.rules.errors import RuleError


def _official(request: HttpRequest, perm: str = "reception.view_book") -> User:
    user = request.user
    if not isinstance(user, User) or not user.has_perm(perm):
        raise PermissionDenied
    return user


def _scope(user: User) -> set[int] | None:
    return None if sees_every_unit(user) else user_unit_ids(user)


def _errors(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for msgs in error.message_dict.values() for m in msgs]
    return list(error.messages)


def _month_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    return today.replace(day=1), today


BOOK_PAGE_SIZE = 200  # lines of the book a page shows; the XLSX holds the whole range


@login_required
def book(request: HttpRequest) -> HttpResponse:
    user = _official(request)
    form = BookFilterForm(request.GET or None)
    start, end = _month_bounds(timezone.localdate())
    scope = _scope(user)
    unit_name = _("toàn Bộ") if scope is None else str(user.unit)
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
        if form.cleaned_data["unit"]:
            unit = form.cleaned_data["unit"]
            if scope is not None and unit.pk not in scope:
                raise PermissionDenied
            scope, unit_name = {unit.pk}, unit.name
    visits = reception_book(unit_ids=scope, start=start, end=end)
    if request.GET.get("format") == "xlsx":
        body = book_xlsx(visits, user=user, title=unit_name, start=start, end=end)
        return xlsx_response(body, f"so-tiep-cong-dan-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")
    page = Paginator(visits, BOOK_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    params["format"] = "xlsx"
    return render(request, "reception/book.html", {
        "form": form, "rows": book_rows(page.object_list, user=user), "page": page, "query": query,
        "columns": book_columns(end), "start": start, "end": end, "unit_name": unit_name,
        "xlsx_query": params.urlencode(), "can_receive": user.has_perm("reception.receive"),
    })


@login_required
def visit_new(request: HttpRequest) -> HttpResponse:
    user = _official(request, "reception.receive")
    form = VisitForm(request.POST or None, initial={
        "visited_on": timezone.localdate(), "unit": user.unit_id, "people_count": 1, "petition_action": "none",
        "id_number": request.GET.get("id_number", "")})
    history = None
    id_number = (request.POST.get("id_number") or request.GET.get("id_number") or "").strip()
    if id_number.isdigit() and len(id_number) == 12:
        history = visitor_history(id_number=id_number, content=request.POST.get("content", ""), user=user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        link: Petition | None = None
        if d["petition_action"] == "link":
            link = Petition.objects.filter(code=d["petition_code"].strip().upper()).first()
            if link is None:
                form.add_error("petition_code", _("Không tìm thấy đơn có mã này."))
        if not form.errors:
            try:
                result = services.visit_record(
                    unit=d["unit"], visited_on=d["visited_on"], visitor=form.visitor(), content=d["content"],
                    kind=d["kind"], handling=d["handling"], by=user, field=d["field"], session=d["session"],
                    people_count=d["people_count"], representatives=d["representatives"],
                    province_code=d["province_code"], handled_before=d["handled_before"],
                    handling_target=d["handling_target"], follow_up=d["follow_up"], notes=d["notes"],
                    subject=d["subject"], create_petition=d["petition_action"] == "create", link_petition=link,
                )
            except ValidationError as error:
                for message in _errors(error):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Đã ghi vào sổ tiếp công dân, số %(n)s.") % {"n": result.visit.number})
                if result.petition_created:
                    messages.info(request, _("Đã tạo đơn %(code)s.") % {"code": result.petition.code})  # type: ignore[union-attr]
                if result.duplicates:
                    messages.warning(request, _("Nội dung trùng hoặc gần trùng với %(n)s đơn đã có: %(codes)s.") % {
                        "n": len(result.duplicates), "codes": ", ".join(m.code for m in result.duplicates)})
                return redirect("reception:visit", pk=result.visit.pk)
    return render(request, "reception/visit_form.html", {"form": form, "history": history})


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _official(request)
    visit = get_object_or_404(Visit.objects.select_related("unit", "petition", "field", "session"), pk=pk)
    scope = _scope(user)
    if scope is not None and visit.unit_id not in scope:
        raise PermissionDenied
    visitor = visitor_for(user=user, visit=visit)
    # Who else this person is would name a withheld denouncer: no history without the identity.
    history = None if visitor.protected else visitor_history(
        id_number=visit.id_number, content=visit.content, exclude_visit_id=visit.pk, user=user)
    return render(request, "reception/visit_detail.html", {
        "visit": visit, "row": book_row(visit, user=user), "columns": book_columns(visit.visited_on),
        "history": history, "visitor": visitor,
    })


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    user = _official(request)
    form = SessionForm(request.POST or None, initial={"on": timezone.localdate(), "unit": user.unit_id})
    if request.method == "POST":
        _official(request, "reception.receive")
        if form.is_valid():
            d = form.cleaned_data
            try:
                session = services.session_create(
                    unit=d["unit"], kind=d["kind"], on=d["on"], by=user, status=d["status"], mode=d["mode"],
                    host=d["host"], delegated_to=d["delegated_to"], location=d["location"], note=d["note"])
            except ValidationError as error:
                for message in _errors(error):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Đã ghi buổi tiếp ngày %(on)s.") % {"on": f"{session.on:%d/%m/%Y}"})
                if session.moved_reason:
                    messages.info(request, session.moved_reason)
                return redirect("reception:sessions")
    today = timezone.localdate()
    listed = Session.objects.filter(on__gte=today - dt.timedelta(days=60)).select_related(
        "unit", "host", "delegated_to").order_by("-on", "-id")[:200]
    return render(request, "reception/sessions.html", {"form": form, "sessions": listed, "today": today})


@login_required
@require_POST
def session_held(request: HttpRequest, pk: int) -> HttpResponse:
    user = _official(request, "reception.receive")
    session = get_object_or_404(Session, pk=pk)
    try:
        services.session_mark_held(session=session, by=user)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    return redirect("reception:sessions")


@login_required
def compliance(request: HttpRequest) -> HttpResponse:
    _official(request)
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    year = int_param(raw, low=DATE_MIN.year, high=today.year + 1) if raw else today.year
    error = ""
    if year is None:
        error = _("Năm không hợp lệ: “%(value)s”; đang hiển thị năm nay.") % {"value": raw[:20]}
        year = today.year
    start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today.replace(day=28) + dt.timedelta(days=40))
    try:
        rows = leader_compliance(start=start, end=end)
    except RuleError as refusal:
        # A year before the first law on reception days (or past the last rule pack) has no minimum to meet.
        error, rows = refusal.message, []
    by_leader: dict[Any, list[Any]] = {}
    for row in rows:
        by_leader.setdefault(row.leader, []).append(row)
    months = sorted({(r.year, r.month) for r in rows})
    return render(request, "reception/compliance.html", {
        "by_leader": by_leader, "months": months, "year": year, "rule": rows[0] if rows else None, "error": error},
        status=400 if error else 200)


@login_required
def refusals(request: HttpRequest) -> HttpResponse:
    user = _official(request)
    today = timezone.localdate()
    on_text = request.POST.get("on") or ""
    try:
        on = dt.date.fromisoformat(on_text) if on_text else today
    except ValueError:
        on = today
    _rule, grounds = refusal_grounds(min(on, today))
    form = RefusalForm(request.POST or None, grounds=grounds, initial={"on": today, "unit": user.unit_id})
    if request.method == "POST":
        _official(request, "reception.receive")
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.refusal_record(unit=d["unit"], on=d["on"], ground=d["ground"], note=d["note"], by=user,
                                        full_name=d["full_name"], id_number=d["id_number"])
            except ValidationError as error:
                for message in _errors(error):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Đã ghi nhận trường hợp từ chối tiếp."))
                return redirect("reception:refusals")
    scope = _scope(user)
    listed = Refusal.objects.select_related("unit").order_by("-on", "-id")
    if scope is not None:
        listed = listed.filter(unit_id__in=scope)
    return render(request, "reception/refusals.html", {"form": form, "refusals": listed[:200]})


def schedule_public(request: HttpRequest) -> HttpResponse:
    """The public schedule of the leaders' periodic reception days (no login)."""
    return render(request, "reception/schedule_public.html", {"sessions": public_schedule()})
