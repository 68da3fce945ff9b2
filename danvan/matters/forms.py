"""Forms built from the workflow's declared inputs, so the pages never drift from the state machines."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

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
