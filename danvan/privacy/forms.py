from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.privacy.models import PrivacyRequest


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Số định danh (12 số) hoặc họ tên"), max_length=100)


class RequestForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    kind = forms.ChoiceField(label=_("Loại yêu cầu"), choices=PrivacyRequest.Kind.choices)
    note = forms.CharField(label=_("Ghi chú (cách người yêu cầu chứng minh danh tính, văn bản yêu cầu)"),
                           required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
