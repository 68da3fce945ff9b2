"""Staff pages for people's data requests (administrators only): thin views over the privacy services."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.org.models import User
from danvan.people.models import Person
from danvan.privacy import services
from danvan.privacy.forms import PersonSearchForm, RequestForm
from danvan.privacy.models import PrivacyRequest
from danvan.privacy.policy import retention_policy
from danvan.privacy.selectors import people_search, privacy_requests_list


def _admin(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.has_perm("privacy.manage_requests"):
        raise PermissionDenied
    return user


@login_required
def requests(request: HttpRequest) -> HttpResponse:
    user = _admin(request)
    search = PersonSearchForm(request.GET or None)
    found = people_search(search.cleaned_data["q"]) if search.is_valid() else []
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = get_object_or_404(Person, pk=form.cleaned_data["person"])
        try:
            created = services.privacy_request_create(person=person, kind=form.cleaned_data["kind"], by=user,
                                                      note=form.cleaned_data["note"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            return redirect("privacy:detail", pk=created.pk)
    return render(request, "privacy/requests.html", {
        "search": search, "found": found, "form": form, "requests": privacy_requests_list(),
        "kinds": PrivacyRequest.Kind.choices, "policy": retention_policy().values(),
    })


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    _admin(request)
    item = get_object_or_404(PrivacyRequest.objects.select_related("person", "received_by", "decided_by"), pk=pk)
    return render(request, "privacy/detail.html", {"item": item})


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = _admin(request)
    item = get_object_or_404(PrivacyRequest, pk=pk)
    try:
        item = services.privacy_request_decide(request=item, by=user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if item.status == PrivacyRequest.Status.REFUSED:
            messages.warning(request, _("Yêu cầu bị từ chối; lý do đã được ghi lại."))
        else:
            messages.success(request, _("Đã thực hiện yêu cầu."))
    return redirect("privacy:detail", pk=pk)


@login_required
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The person's data as JSON or as a readable letter; each download is audited."""
    user = _admin(request)
    if fmt not in ("json", "txt"):
        raise Http404
    item = get_object_or_404(PrivacyRequest.objects.select_related("person"), pk=pk,
                             kind=PrivacyRequest.Kind.EXPORT, status=PrivacyRequest.Status.DONE)
    if item.person is None:
        raise PermissionDenied
    # The export is given to the person, in Vietnamese, whatever the language of the administrator's page
    # (its labels, such as a petition's status, followed the page and came out English in a Vietnamese letter).
    with translation.override("vi"):
        data = services.person_export(person=item.person, by=user)
        if fmt == "json":
            body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
        else:
            response = HttpResponse(services.export_summary(data), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{item.pk}.{fmt}"'
    return response
