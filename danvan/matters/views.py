"""The matters desk: thin views over services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.audit.selectors import events_for
from danvan.documents.selectors import documents_for
from danvan.matters import selectors, services, workflow
from danvan.matters.forms import FilterForm, transition_form, transition_params
from danvan.matters.models import Matter
from danvan.org.models import User

PAGE_SIZE = 25


def _official(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.has_perm("matters.view_matter"):
        raise PermissionDenied
    return user


def _matter_for(request: HttpRequest, code: str) -> tuple[User, Matter]:
    user = _official(request)
    matter = get_object_or_404(Matter.objects.select_related("unit", "assignee", "verifier"), code=code)
    if not user.has_perm("matters.view_matter", matter):
        raise PermissionDenied
    return user, matter


def _explain_template() -> str:
    """The rules app's shared derivation include when it is there, else this app's own."""
    try:
        get_template("rules/_explain.html")
        return "rules/_explain.html"
    except TemplateDoesNotExist:
        return "matters/_explain.html"


@login_required
def matter_list(request: HttpRequest) -> HttpResponse:
    user = _official(request)
    form = FilterForm(request.GET or None)
    filters = selectors.MatterFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.MatterFilters(
            due=data["due"] or "", kind=data["kind"] or "", state=data["state"] or "",
            unit=data["unit"].pk if data["unit"] else None, official=data["official"].pk if data["official"] else None,
        )
    page = Paginator(selectors.matters_list(user=user, filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(m, selectors.due_state(m, today), workflow.state_label(m.state)) for m in page.object_list]
    template = "matters/_rows.html" if request.headers.get("HX-Request") else "matters/list.html"
    return render(request, template, {"form": form, "page": page, "rows": rows})


@login_required
def matter_detail(request: HttpRequest, code: str) -> HttpResponse:
    user, matter = _matter_for(request, code)
    allowed = services.transitions_allowed(matter=matter, by=user)
    return render(request, "matters/detail.html", {
        "matter": matter,
        "state_label": workflow.state_label(matter.state),
        "due_state": selectors.due_state(matter),
        "limits": selectors.matter_time_limits(matter),
        "records": selectors.matter_records(matter),
        "file": selectors.matter_file(user=user, matter=matter),
        "history": events_for(matter),
        "documents": documents_for(matter),
        "forms": [(t, transition_form(t, matter)) for t in allowed],
        "explain_template": _explain_template(),
    })


@login_required
@require_POST
def matter_step(request: HttpRequest, code: str, name: str) -> HttpResponse:
    user, matter = _matter_for(request, code)
    transition = workflow.transitions_for(matter).get(name)
    if transition is None:
        raise PermissionDenied
    form = transition_form(transition, matter, request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {' '.join(str(e) for e in errors)}")
        return redirect("matters:detail", code=matter.code)
    params = transition_params(transition, form.cleaned_data)
    on = params.pop("on", None)
    try:
        services.matter_transition(matter=matter, name=name, by=user, on=on, **params)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã ghi: %(t)s.") % {"t": transition.label})
    return redirect("matters:detail", code=matter.code)
