from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.petitions.forms import PetitionFields, SupplementFields
from danvan.petitions.services import SUPPLEMENT_MAX_CHARS


class PortalPetitionForm(PetitionFields):
    """A citizen's submission on the portal. The idempotency key, set when the form is drawn, makes a
    double click or a retried post land once."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    consent = forms.BooleanField(label=_(
        "Tôi cam đoan nội dung trình bày là đúng sự thật và đồng ý để cơ quan xử lý thông tin cá nhân của tôi "
        "cho việc giải quyết đơn."
    ))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["address"].required = True
        self.fields["content"].min_length = 20  # type: ignore[attr-defined]
        self.fields["content"].widget.attrs["minlength"] = 20


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Mã tra cứu"), max_length=16)
    secret = forms.CharField(label=_("Mã bí mật"), max_length=32, widget=forms.PasswordInput(render_value=False))


class SupplementForm(SupplementFields):
    """More facts or evidence for a petition the citizen unlocked; the key set when it is drawn makes a
    retried post land once."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)


class WithdrawalForm(forms.Form):
    """A citizen's request to withdraw their petition; the desk confirms it with the signed letter."""

    prefix = "rut"  # drawn on the page of the supplement form: its fields keep their own ids
    reason = forms.CharField(label=_("Lý do (không bắt buộc)"), required=False, max_length=SUPPLEMENT_MAX_CHARS,
                             widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label=_("Tôi đề nghị rút đơn này và không yêu cầu cơ quan giải quyết tiếp."))
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
