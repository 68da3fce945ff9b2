from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class IdentityPurposeForm(forms.Form):
    """Why an official opens a denouncer's identity; the answer goes into the audit event."""

    PURPOSES = [
        ("contact", _("Liên hệ, thông báo cho người tố cáo")),
        ("verify_identity", _("Kiểm tra điều kiện thụ lý (họ tên, địa chỉ người tố cáo)")),
        ("protect", _("Áp dụng biện pháp bảo vệ người tố cáo")),
        ("duplicate", _("Đối chiếu đơn trùng")),
        ("other", _("Lý do khác")),
    ]
    purpose = forms.ChoiceField(label=_("Mục đích xem thông tin"), choices=PURPOSES)
    note = forms.CharField(label=_("Ghi rõ"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, str]:
        data = super().clean() or {}
        if data.get("purpose") == "other" and len((data.get("note") or "").strip()) < 10:
            self.add_error("note", _("Ghi rõ lý do (ít nhất 10 ký tự)."))
        return data

    def purpose_text(self) -> str:
        data = self.cleaned_data
        label = dict(self.PURPOSES)[data["purpose"]]
        note = (data.get("note") or "").strip()
        return f"{data['purpose']}: {label}" + (f" — {note}" if note else "")
