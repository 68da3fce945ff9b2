from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class AppraisalForm(forms.Form):
    """One official's points for the year; the bounds come from the rule pack (danvan.insights.appraisals)."""

    official = forms.IntegerField(widget=forms.HiddenInput)
    general_points = forms.DecimalField(label=_("Điểm tiêu chí chung"), max_digits=4, decimal_places=1)
    task_points = forms.DecimalField(label=_("Điểm kết quả thực hiện nhiệm vụ"), max_digits=4, decimal_places=1)
    not_completed_ground = forms.TypedChoiceField(label=_("Trường hợp không hoàn thành nhiệm vụ"), required=False,
                                                  coerce=int, empty_value=None)
    note = forms.CharField(label=_("Nhận xét"), required=False, max_length=2000)

    def __init__(self, *args: Any, grounds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["not_completed_ground"].choices = [  # type: ignore[attr-defined]
            ("", _("Không")), *((i, f"({i}) {text[:48]}…") for i, text in enumerate(grounds, start=1))]
