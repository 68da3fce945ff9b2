"""The citizen-facing pages: submit a petition, then follow it with its code and secret."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from danvan.matters.selectors import matter_public_documents, matter_public_steps
from danvan.org.models import Unit
from danvan.petitions import services
from danvan.petitions.models import Channel, Petition
from danvan.petitions.selectors import petition_history
from danvan.portal.forms import PortalPetitionForm, TrackForm
from danvan.portal.selectors import petition_by_code_and_secret

_TRACKED = "tracked_petitions"


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def _intake_unit() -> Unit:
    return Unit.objects.get(code=settings.DANVAN_PORTAL_UNIT_CODE)


def _remember(request: HttpRequest, petition: Petition) -> None:
    tracked = request.session.get(_TRACKED, [])
    if petition.pk not in tracked:
        request.session[_TRACKED] = [*tracked[-19:], petition.pk]


def submit(request: HttpRequest) -> HttpResponse:
    form = PortalPetitionForm(request.POST or None, request.FILES or None,
                              initial={"idempotency_key": secrets.token_urlsafe(24)})
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.petition_receive(
                channel=Channel.PORTAL, unit=_intake_unit(),
                idempotency_key=form.cleaned_data["idempotency_key"] or None, **form.petition_kwargs(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            _remember(request, receipt.petition)
            return render(request, "portal/receipt.html", {"receipt": receipt})
    return render(request, "portal/submit.html", {"form": form})


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        petition = petition_by_code_and_secret(form.cleaned_data["code"], form.cleaned_data["secret"])
        if petition is not None:
            _remember(request, petition)
            return redirect("portal:status", code=petition.code)
        form.add_error(None, _("Mã tra cứu hoặc mã bí mật không đúng."))
    return render(request, "portal/track.html", {"form": form})


def _tracked(request: HttpRequest, code: str) -> Petition:
    """The petition this browser unlocked with its code and secret; 404 for any other."""
    petition = Petition.objects.filter(code=code, pk__in=request.session.get(_TRACKED, [])).select_related(
        "unit", "matter").first()
    if petition is None:
        raise Http404
    return petition


def status(request: HttpRequest, code: str) -> HttpResponse:
    petition = _tracked(request, code)
    matter = petition.matter
    return render(request, "portal/status.html", {
        "petition": petition,
        "steps": petition_history(petition, public=True),
        "matter_steps": matter_public_steps(matter) if matter else [],
        "documents": list(matter_public_documents(matter)) if matter else [],
    })


def document_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A document addressed to the citizen about their own matter."""
    petition = _tracked(request, code)
    if petition.matter is None:
        raise Http404
    document = get_object_or_404(matter_public_documents(petition.matter), pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=f"{document.title[:80]}.docx")
