"""Forms built from the workflow's declared inputs, so the pages never drift from the state machines."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.documents.models import DocumentTemplate
from danvan.matters.models import Matter
from danvan.matters.workflow import Transition
from danvan.org.models import Unit, User


def transition_form(transition: Transition, matter: Matter, data: Any = None) -> forms.Form:
    fields: dict[str, forms.Field] = {}
    for p in transition.params:
        if p.type == "date":
            fields[p.name] = forms.DateField(label=p.label, required=p.required,
                                             widget=forms.DateInput(attrs={"type": "date"}))
        elif p.type == "choice" or p.type == "user":
            fields[p.name] = forms.ChoiceField(label=p.label, required=p.required,
                                               choices=[("", "—"), *(p.choices(matter) if p.choices else [])])
        else:
            fields[p.name] = forms.CharField(label=p.label, required=p.required,
                                             widget=forms.Textarea(attrs={"rows": 2}))
    form_class = type(f"{transition.name.title()}Form", (forms.Form,), fields)
    form: forms.Form = form_class(data, prefix=transition.name)
    return form


def transition_params(transition: Transition, cleaned: dict[str, Any]) -> dict[str, Any]:
    """The cleaned form data as the service takes it (a user id becomes the User)."""
    out: dict[str, Any] = {}
    for p in transition.params:
        value = cleaned.get(p.name)
        if p.type == "user":
            value = User.objects.filter(pk=value).first() if value else None
        if value not in (None, ""):
            out[p.name] = value
    return out


class FilterForm(forms.Form):
    due = forms.ChoiceField(label=_("Thời hạn"), required=False, choices=[
        ("", _("Tất cả")), ("overdue", _("Quá hạn")), ("soon", _("Sắp đến hạn"))])
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả")), *Matter.Kind.choices])
    state = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[
        ("", _("Đang giải quyết")), ("closed", _("Đã kết thúc")), ("all", _("Tất cả"))])
    unit = forms.ModelChoiceField(label=_("Đơn vị"), required=False, queryset=Unit.objects.all())
    official = forms.ModelChoiceField(label=_("Cán bộ"), required=False, queryset=User.objects.filter(
        is_active=True).order_by("full_name"))


def document_form(*, matter: Matter, step: str, by: User, data: Any = None, before_step: bool,
                  prefix: str) -> forms.Form | None:
    """The document part of a step's form: which templates to issue, the signer, and the values the matter
    cannot supply (danvan.matters.documents.fields_to_ask). None when the step issues no document."""
    from danvan.matters import documents as md

    codes = md.issuable(matter, step)
    if not codes:
        return None
    names = dict(DocumentTemplate.objects.filter(code__in=codes).values_list("code", "name"))
    signer_name, signer_title = md.default_signer(matter, by)
    fields: dict[str, forms.Field] = {}
    asked: list[str] = []
    for i, code in enumerate(codes):
        fields[f"issue__{code}"] = forms.BooleanField(
            label=_("Ban hành: %(n)s") % {"n": names.get(code, code)}, required=False, initial=i == 0)
        for name in md.fields_to_ask(matter, step, code, by, before_step=before_step):
            if name not in asked:
                asked.append(name)
    fields["signer_name"] = forms.CharField(label=_("Người ký"), initial=signer_name, max_length=150)
    fields["signer_title"] = forms.CharField(label=_("Chức vụ người ký"), initial=signer_title, max_length=150)
    for name in asked:
        label = md.value_label(name)
        if name in md.DATE_VALUES:
            fields[f"v__{name}"] = forms.DateField(label=label, required=False,
                                                   widget=forms.DateInput(attrs={"type": "date"}))
        else:
            fields[f"v__{name}"] = forms.CharField(label=label, required=False,
                                                   widget=forms.Textarea(attrs={"rows": 2}))
    form_class = type(f"{step.title()}DocumentForm", (forms.Form,), fields)
    form: forms.Form = form_class(data, prefix=prefix)
    return form


def document_choices(form: forms.Form) -> tuple[list[str], dict[str, Any]]:
    """The template codes ticked and the typed values (by the template's names) of a valid document form."""
    codes = [name.removeprefix("issue__") for name, value in form.cleaned_data.items()
             if name.startswith("issue__") and value]
    values = {name.removeprefix("v__"): value for name, value in form.cleaned_data.items()
              if name.startswith("v__") and value not in (None, "")}
    return codes, values
