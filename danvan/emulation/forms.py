from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.emulation.models import Domain, MobilizationModel
from danvan.org.models import Unit
from danvan.petitions.forms import MultipleFileField

_TEXT = {"rows": 4}


class ModelFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    domain = forms.ChoiceField(label=_("Lĩnh vực"), required=False, choices=[("", _("Tất cả")), *Domain.choices])
    status = forms.ChoiceField(label=_("Trạng thái"), required=False,
                               choices=[("", _("Tất cả")), *MobilizationModel.Status.choices])


class RegisterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Tên mô hình"), max_length=255)
    domain = forms.ChoiceField(label=_("Lĩnh vực"), choices=Domain.choices)
    year = forms.IntegerField(label=_("Năm đăng ký"), min_value=2000, max_value=2100)
    started_on = forms.DateField(label=_("Ngày bắt đầu thực hiện"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("Mục tiêu, cách làm"), max_length=20_000, widget=forms.Textarea(attrs=_TEXT))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year


class ReportForm(forms.Form):
    results = forms.CharField(label=_("Kết quả đạt được"), max_length=20_000, widget=forms.Textarea(attrs=_TEXT))
    people_benefited = forms.IntegerField(label=_("Số người dân được hưởng lợi"), required=False, min_value=0,
                                          max_value=100_000_000)
    evidence = MultipleFileField(label=_("Tài liệu minh chứng (ảnh, PDF, Word; tối đa 5 tệp mỗi lần)"),
                                 required=False)


class EvaluateForm(forms.Form):
    recognized = forms.TypedChoiceField(label=_("Kết luận của hội đồng"), coerce=lambda v: v == "yes",
                                        choices=[("yes", _("Công nhận mô hình điển hình")),
                                                 ("no", _("Chưa công nhận"))])
    decision_ref = forms.CharField(label=_("Số quyết định công nhận"), max_length=64, required=False)
    note = forms.CharField(label=_("Nhận xét"), max_length=5000, required=False, widget=forms.Textarea(attrs=_TEXT))
    on = forms.DateField(label=_("Ngày đánh giá"), widget=forms.DateInput(attrs={"type": "date"}))


class ReplicateForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị nhân rộng"), queryset=Unit.objects.none())
    started_on = forms.DateField(label=_("Ngày bắt đầu"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Cách áp dụng"), max_length=5000, required=False,
                           widget=forms.Textarea(attrs=_TEXT))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
