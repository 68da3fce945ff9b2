"""The movement's pages: thin views over danvan.emulation.services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.emulation import services
from danvan.emulation.forms import EvaluateForm, ModelFilterForm, RegisterForm, ReplicateForm, ReportForm
from danvan.emulation.models import Evidence, MobilizationModel
from danvan.org.models import Unit, User
from danvan.org.predicates import sees_every_unit, user_unit_ids


def _reader(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.has_perm("emulation.view_model"):
        raise PermissionDenied
    return user


def _own_units(user: User) -> QuerySet[Unit]:
    units = Unit.objects.order_by("name")
    return units if sees_every_unit(user) else units.filter(pk__in=user_unit_ids(user))


def _refused(form: forms.Form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
def model_list(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    filters = ModelFilterForm(request.GET or None)
    models = MobilizationModel.objects.select_related("unit").annotate(replicated=Count("replications"))
    year = timezone.localdate().year
    if filters.is_valid():
        chosen = {k: v for k, v in filters.cleaned_data.items() if v not in (None, "")}
        models = models.filter(**chosen)
        year = chosen.get("year", year)
    return render(request, "emulation/list.html", {
        "filters": filters, "models": models[:500], "may_register": user.has_perm("emulation.register_model"),
        "year": year, "summary": services.year_summary(year),
    }, status=400 if filters.errors else 200)


@login_required
def model_new(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    if not user.has_perm("emulation.register_model"):
        raise PermissionDenied
    form = RegisterForm(request.POST or None, units=_own_units(user),
                        initial={"unit": user.unit_id, "started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            model = services.model_register(by=user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Đã đăng ký mô hình."))
            return redirect("emulation:detail", pk=model.pk)
    return render(request, "emulation/new.html", {"form": form}, status=400 if form.errors else 200)


def _detail(request: HttpRequest, user: User, model: MobilizationModel, **forms_given: Any) -> HttpResponse:
    today = timezone.localdate()
    forms_shown: dict[str, Any] = {}
    if user.has_perm("emulation.report_model", model) and model.status in (
            MobilizationModel.Status.REGISTERED, MobilizationModel.Status.REPORTED):
        forms_shown["report_form"] = forms_given.get("report_form") or ReportForm(
            initial={"results": model.results, "people_benefited": model.people_benefited})
    if user.has_perm("emulation.evaluate_model", model) and model.status == MobilizationModel.Status.REPORTED:
        forms_shown["evaluate_form"] = forms_given.get("evaluate_form") or EvaluateForm(initial={"on": today})
    if user.has_perm("emulation.replicate_model", model) and model.status == MobilizationModel.Status.RECOGNIZED:
        units = _own_units(user).exclude(pk=model.unit_id).exclude(pk__in=model.replications.values("unit_id"))
        if units.exists():
            forms_shown["replicate_form"] = forms_given.get("replicate_form") or ReplicateForm(
                units=units, initial={"started_on": today})
    refused = any(f.errors for f in forms_given.values())
    return render(request, "emulation/detail.html", {
        "model": model, "replications": model.replications.select_related("unit"), "evidence": model.evidence.all(),
        **forms_shown,
    }, status=400 if refused else 200)


def _model(pk: int) -> MobilizationModel:
    return get_object_or_404(MobilizationModel.objects.select_related("unit"), pk=pk)


@login_required
def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _reader(request), _model(pk))


@login_required
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    """A file of a model's evidence, for whoever reads the registry."""
    _reader(request)
    evidence = get_object_or_404(Evidence, model=_model(pk), pk=evidence_pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                        content_type=evidence.content_type)


def _step(request: HttpRequest, pk: int, *, perm: str, form_name: str, act: Callable[..., Any], done: str,
          form_for: Callable[[User, MobilizationModel], forms.Form]) -> HttpResponse:
    """One step of a model's life posted from its page: on success back to the page with `done`, else the page
    with the form and why."""
    user, model = _reader(request), _model(pk)
    if not user.has_perm(perm, model):
        raise PermissionDenied
    form = form_for(user, model)
    if form.is_valid():
        try:
            act(model=model, by=user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, done)
            return redirect("emulation:detail", pk=pk)
    return _detail(request, user, model, **{form_name: form})


@login_required
@require_POST
def model_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, perm="emulation.report_model", form_name="report_form", act=services.model_report,
                 done=_("Đã ghi kết quả."), form_for=lambda _user, _model: ReportForm(request.POST, request.FILES))


@login_required
@require_POST
def model_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, perm="emulation.evaluate_model", form_name="evaluate_form",
                 act=services.model_evaluate, done=_("Đã ghi kết quả đánh giá."),
                 form_for=lambda _user, _model: EvaluateForm(request.POST))


@login_required
@require_POST
def model_replicate(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, perm="emulation.replicate_model", form_name="replicate_form",
                 act=services.model_replicate, done=_("Đã ghi đơn vị nhân rộng."),
                 form_for=lambda user, model: ReplicateForm(request.POST,
                                                            units=_own_units(user).exclude(pk=model.unit_id)))
