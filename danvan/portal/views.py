"""The citizen-facing pages: submit a petition, then follow it with its code and secret."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.matters.selectors import matter_public_documents, matter_public_steps
from danvan.petitions.models import Channel, Supplement
from danvan.petitions.services import petition_supplement, petition_withdrawal_request, supplement_allowed
from danvan.petitions.submissions import submission_accept
from danvan.portal.forms import PortalPetitionForm, SupplementForm, TrackForm, WithdrawalForm
from danvan.portal.selectors import Tracked, tracked_by_code_and_secret, tracked_by_key

_TRACKED = "tracked_petitions"


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def _unlocked(request: HttpRequest) -> list[str]:
    # A signed cookie, not the session: a citizen who submits or tracks costs the server no session row.
    value = request.get_signed_cookie(_TRACKED, default="", salt=_TRACKED)
    return value.split(",") if value else []


def _remember(request: HttpRequest, response: HttpResponse, key: str) -> HttpResponse:
    unlocked = _unlocked(request)
    if key not in unlocked:
        response.set_signed_cookie(
            _TRACKED, ",".join([*unlocked[-19:], key]), salt=_TRACKED, httponly=True, samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def submit(request: HttpRequest) -> HttpResponse:
    form = PortalPetitionForm(request.POST or None, request.FILES or None,
                              initial={"idempotency_key": secrets.token_urlsafe(24)})
    if request.method == "POST" and form.is_valid():
        try:
            receipt = submission_accept(
                channel=Channel.PORTAL, idempotency_key=form.cleaned_data["idempotency_key"] or None,
                **form.petition_kwargs(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            page = render(request, "portal/receipt.html", {"receipt": receipt})
            return _remember(request, page, f"s:{receipt.code}")
    return render(request, "portal/submit.html", {"form": form})


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tracked = tracked_by_code_and_secret(form.cleaned_data["code"], form.cleaned_data["secret"])
        if tracked is not None:
            return _remember(request, redirect("portal:status", code=tracked.code), tracked.key)
        form.add_error(None, _("Mã tra cứu hoặc mã bí mật không đúng."))
    return render(request, "portal/track.html", {"form": form})


def _tracked(request: HttpRequest, code: str) -> Tracked:
    """What this browser unlocked with the code and its secret; 404 for any other code."""
    key = next((k for k in _unlocked(request) if k.partition(":")[2] == code), None)
    tracked = tracked_by_key(key) if key else None
    if tracked is None:
        raise Http404
    return tracked


def _status_page(request: HttpRequest, tracked: Tracked, supplement_form: SupplementForm | None = None,
                 withdrawal_form: WithdrawalForm | None = None, status: int = 200) -> HttpResponse:
    petition = tracked.petition
    matter = petition.matter
    withdrawal, sent = None, []
    if not tracked.waiting:
        sent = list(petition.supplements.prefetch_related("attachments"))
        withdrawal = next((s for s in sent if s.kind == Supplement.Kind.WITHDRAWAL), None)
        if supplement_allowed(petition):
            supplement_form = supplement_form or SupplementForm(initial={"idempotency_key": secrets.token_urlsafe(24)})
            if withdrawal is None:
                withdrawal_form = withdrawal_form or WithdrawalForm(
                    initial={"idempotency_key": secrets.token_urlsafe(24)})
    return render(request, "portal/status.html", {
        "code": tracked.code,
        "petition": petition,
        "waiting": tracked.waiting,
        "steps": tracked.steps(),
        "matter_steps": matter_public_steps(matter) if matter else [],
        "documents": list(matter_public_documents(matter)) if matter else [],
        "supplement_form": supplement_form,
        "withdrawal_form": withdrawal_form,
        "withdrawal": withdrawal,
        "additions": [s for s in sent if s.kind == Supplement.Kind.ADDITION],
    }, status=status)


def status(request: HttpRequest, code: str) -> HttpResponse:
    return _status_page(request, _tracked(request, code))


def _after_submitting(request: HttpRequest, code: str, form: SupplementForm | WithdrawalForm,
                      send: Callable[[Tracked, dict[str, Any]], object], done: str) -> HttpResponse:
    """Post what the citizen who unlocked the petition sends later: back to the page with a message when it
    is stored, or the page again with the form's errors (400). Until the petition is registered there is
    nothing to add to yet."""
    tracked = _tracked(request, code)
    if tracked.waiting:
        form.add_error(None, _("Đơn đang được vào sổ; xin gửi lại sau ít phút."))
    elif form.is_valid():
        try:
            send(tracked, form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, done)
            return redirect("portal:status", code=tracked.code)
    forms = {"withdrawal_form": form} if isinstance(form, WithdrawalForm) else {"supplement_form": form}
    return _status_page(request, tracked, **forms, status=400)


@require_POST
def supplement(request: HttpRequest, code: str) -> HttpResponse:
    """More facts or evidence for the petition."""
    return _after_submitting(
        request, code, SupplementForm(request.POST, request.FILES),
        lambda tracked, data: petition_supplement(
            petition=tracked.petition, text=data["text"], files=data["attachments"],
            idempotency_key=data["idempotency_key"] or None),
        _("Đã nhận nội dung bổ sung của bạn."))


@require_POST
def withdraw(request: HttpRequest, code: str) -> HttpResponse:
    """A request to withdraw the petition; the desk confirms it with the signed letter the law asks for."""
    return _after_submitting(
        request, code, WithdrawalForm(request.POST),
        lambda tracked, data: petition_withdrawal_request(
            petition=tracked.petition, reason=data["reason"], idempotency_key=data["idempotency_key"] or None),
        _("Đã nhận đề nghị rút đơn của bạn. Cơ quan sẽ xem xét và thông báo; có thể cần văn bản rút đơn có chữ ký "
          "của bạn."))


def document_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A document addressed to the citizen about their own matter."""
    petition = _tracked(request, code).petition
    if petition.matter is None:
        raise Http404
    document = get_object_or_404(matter_public_documents(petition.matter), pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=f"{document.title[:80]}.docx")
