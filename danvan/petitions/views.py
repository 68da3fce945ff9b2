"""The petition desk: thin views over services and selectors."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.matters.selectors import matters_visible_to
from danvan.org import places
from danvan.org.models import User
from danvan.params import int_param
from danvan.people.selectors import petitioners_for
from danvan.petitions import services
from danvan.petitions.eligibility import check_eligibility
from danvan.petitions.forms import (
    ClassifyForm,
    DecideForm,
    DeskPetitionForm,
    FilterForm,
    LinkForm,
    SupplementRecordForm,
)
from danvan.petitions.models import Attachment, Petition, PetitionLink, Supplement
from danvan.petitions.selectors import (
    PetitionFilters,
    petition_history,
    petitions_list,
    petitions_page,
    petitions_visible_to,
    without_recused,
)
from danvan.petitions.submissions import submissions_waiting

PAGE_SIZE = 25
MAX_PAGE = 100_000  # the JSON API lets a client page as deep (offset <= 100,000 rows)


def _official(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.has_perm("petitions.view_petition"):
        raise PermissionDenied
    return user


def _petition_for(request: HttpRequest, code: str, perm: str = "petitions.view_petition") -> tuple[User, Petition]:
    user = _official(request)
    petition = get_object_or_404(petitions_visible_to(user).select_related("unit", "field", "matter"), code=code)
    if not user.has_perm(perm, petition):
        raise PermissionDenied
    return user, petition


_CODE_LIKE = re.compile(r"[A-Z0-9]+(-[A-Z0-9]+)+")


def _record_by_code(user: User, query: str) -> str | None:
    """The page of the petition or matter whose code the query is, whatever its case, when the official may open
    it: a citizen on the telephone reads out their tracking code, a letter quotes a matter's."""
    code = query.strip().upper()
    if len(code) > 32 or not _CODE_LIKE.fullmatch(code):
        return None
    petition = petitions_visible_to(user).filter(code=code).first()
    if petition is not None and without_recused(user, [petition]):
        return reverse("petitions:detail", args=[code])
    if matters_visible_to(user).filter(code=code).exists():
        return reverse("matters:detail", args=[code])
    return None


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("petitions.view_petition") and request.user.has_perm("consultation.view_drafts"):
        return redirect("consultation:index")  # the drafting team signs in to its own desk
    user = _official(request)
    form = FilterForm(request.GET or None)
    filters = PetitionFilters()
    if form.is_valid():
        filters = PetitionFilters(**{k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
    if filters.q and (found := _record_by_code(user, filters.q)):
        return redirect(found)
    qs = petitions_list(user=user, filters=filters).select_related("suggested_field")  # shown until classified
    # A page past the last shows no rows; a malformed or absurd one shows the first.
    page_number = int_param(request.GET.get("page"), low=1, high=MAX_PAGE) or 1
    page = petitions_page(qs, query=filters.q, offset=(page_number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    params = request.GET.copy()
    params.pop("page", None)
    rows = _with_supplement_kinds(without_recused(user, page.rows))
    context = {
        "form": form, "petitions": rows, "page_number": page_number,
        "has_next": page.has_next,
        "count": page.count, "count_exact": page.count_exact, "today": timezone.localdate(), "query_without_page": params.urlencode(),
        "waiting": submissions_waiting(),
    }
    template = "petitions/_rows.html" if request.headers.get("HX-Request") else "petitions/list.html"
    return render(request, template, context)


def _with_supplement_kinds(rows: list[Petition]) -> list[Petition]:
    """Each row gets `supplement_kinds`: what the citizen sent after submitting (additions, a request to
    withdraw) that no official handling it has read yet. One query for the page."""
    kinds: dict[int, set[str]] = {}
    unread = Supplement.objects.filter(petition__in=rows, read_at__isnull=True)
    for petition_id, kind in unread.values_list("petition_id", "kind"):
        kinds.setdefault(petition_id, set()).add(kind)
    for petition in rows:
        setattr(petition, "supplement_kinds", kinds.get(petition.pk, set()))  # noqa: B010 (not a model field)
    return rows


@login_required
def petition_receive(request: HttpRequest) -> HttpResponse:
    user = _official(request)
    if not user.has_perm("petitions.receive_petition"):
        raise PermissionDenied
    form = DeskPetitionForm(request.POST or None, request.FILES or None, initial={
        "received_on": timezone.localdate(), "unit": user.unit_id, "channel": "desk"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        received_on = data["received_on"]
        received_at = timezone.now() if received_on == timezone.localdate() else timezone.make_aware(
            datetime.combine(received_on, time(8, 0)))
        try:
            receipt = services.petition_receive(
                channel=data["channel"], unit=data["unit"], received_at=received_at,
                source_agency=data["source_agency"], source_reference=data["source_reference"],
                signed=data["signed"], by=user, **form.petition_kwargs(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if receipt.created:
                messages.success(request, _("Đã tiếp nhận đơn %(code)s. Mã bí mật tra cứu của công dân: %(secret)s")
                                 % {"code": receipt.petition.code, "secret": receipt.secret})
            else:
                messages.info(request, _("Đơn này đã được tiếp nhận trước đó (%(code)s).")
                              % {"code": receipt.petition.code})
            return redirect("petitions:detail", code=receipt.petition.code)
    return render(request, "petitions/receive.html", {"form": form})


@login_required
def petition_detail(request: HttpRequest, code: str) -> HttpResponse:
    user, petition = _petition_for(request, code)
    links = PetitionLink.objects.filter(petition=petition).select_related("other").order_by("-score")
    supplements = list(petition.supplements.prefetch_related("attachments").select_related("recorded_by"))
    services.supplements_read(petition=petition, by=user)  # after the list above, which still shows what was new
    context: dict[str, Any] = {
        "petition": petition,
        "petitioners": petitioners_for(user=user, petition=petition),
        "attachments": petition.attachments.filter(supplement__isnull=True),
        "supplements": supplements,
        "links": links,
        "problems": check_eligibility(petition) if petition.kind != "unclassified" else [],
        "history": petition_history(petition, public=False),
        "province": places.province_name(petition.province_code),
        "ward": places.ward_name(petition.ward_code),
        "can_process": user.has_perm("petitions.process_petition", petition),
        "can_record_supplement": (user.has_perm("petitions.record_supplement", petition)
                                  and services.supplement_allowed(petition)),
        "supplement_form": SupplementRecordForm(),
        "today": timezone.localdate(),
        "classify_form": ClassifyForm(initial={
            "kind": petition.kind if petition.kind != "unclassified" else petition.suggested_kind,
            "field": petition.field_id or petition.suggested_field_id}),
        "decide_form": DecideForm(),
        "link_form": LinkForm(),
    }
    return render(request, "petitions/detail.html", context)


def _run(request: HttpRequest, petition: Petition, action: Any, success: str) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("petitions:detail", code=petition.code)


@login_required
@require_POST
def petition_classify(request: HttpRequest, code: str) -> HttpResponse:
    user, petition = _petition_for(request, code, "petitions.process_petition")
    form = ClassifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn loại đơn hợp lệ."))
        return redirect("petitions:detail", code=code)
    return _run(request, petition, lambda: services.petition_classify(
        petition=petition, by=user, kind=form.cleaned_data["kind"], field=form.cleaned_data["field"],
        note=form.cleaned_data["note"]), _("Đã phân loại đơn."))


@login_required
@require_POST
def petition_decide(request: HttpRequest, code: str) -> HttpResponse:
    user, petition = _petition_for(request, code, "petitions.process_petition")
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn hướng xử lý hợp lệ."))
        return redirect("petitions:detail", code=code)
    outcome = form.cleaned_data["outcome"]
    if outcome == services.Outcome.ACCEPT and not user.has_perm("petitions.accept_petition", petition):
        messages.error(request, _("Chỉ lãnh đạo đơn vị quyết định thụ lý."))
        return redirect("petitions:detail", code=code)
    decided_on = form.cleaned_data["decided_on"]
    decided_at = None
    if decided_on not in (None, timezone.localdate()):
        # A decision entered after the fact is placed at the end of its working day, or at the receipt when it
        # came later that day; a day before the receipt is refused by the service.
        decided_at = timezone.make_aware(datetime.combine(decided_on, time(17)))
        if decided_on == timezone.localdate(petition.received_at):
            decided_at = max(decided_at, petition.received_at)
    return _run(request, petition, lambda: services.petition_decide(
        petition=petition, by=user, outcome=outcome, reason=form.cleaned_data["reason"],
        target=form.cleaned_data["target"], answer_text=form.cleaned_data["answer_text"], decided_at=decided_at),
        _("Đã ghi hướng xử lý đơn."))


@login_required
@require_POST
def petition_link(request: HttpRequest, code: str) -> HttpResponse:
    user, petition = _petition_for(request, code, "petitions.process_petition")
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nhập mã đơn và loại liên kết."))
        return redirect("petitions:detail", code=code)
    other = petitions_visible_to(user).filter(code=form.cleaned_data["other_code"].strip().upper()).first()
    if other is None:
        messages.error(request, _("Không tìm thấy đơn %(code)s.") % {"code": form.cleaned_data["other_code"]})
        return redirect("petitions:detail", code=code)
    return _run(request, petition, lambda: services.petition_link(
        petition=petition, other=other, kind=form.cleaned_data["link_kind"], by=user), _("Đã liên kết hai đơn."))


@login_required
@require_POST
def petition_supplement_record(request: HttpRequest, code: str) -> HttpResponse:
    """An official records what the petitioner sent later by post, to the desk, by e-mail or telephone."""
    user, petition = _petition_for(request, code, "petitions.record_supplement")
    form = SupplementRecordForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("petitions:detail", code=code)
    return _run(request, petition, lambda: services.petition_supplement(
        petition=petition, text=form.cleaned_data["text"], files=form.cleaned_data["attachments"],
        channel=form.cleaned_data["channel"], by=user), _("Đã ghi nhận nội dung bổ sung."))


@login_required
@require_POST
def petition_find_duplicates(request: HttpRequest, code: str) -> HttpResponse:
    user, petition = _petition_for(request, code, "petitions.process_petition")
    found = services.petition_record_duplicates(petition=petition, by=user)
    if found:
        messages.success(request, _("Tìm thấy %(n)s đơn trùng hoặc tương tự.") % {"n": len(found)})
    else:
        messages.info(request, _("Không thấy đơn trùng."))
    return redirect("petitions:detail", code=code)


@login_required
def attachment_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    user, petition = _petition_for(request, code)
    if not user.has_perm("petitions.view_identity", petition):
        # Attachments may show the petitioner's handwriting or name: those who may not see it get none.
        raise PermissionDenied
    attachment = get_object_or_404(Attachment, petition=petition, pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type)

