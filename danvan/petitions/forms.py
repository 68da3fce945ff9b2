from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.org import places
from danvan.org.models import Unit
from danvan.params import int_param
from danvan.people.models import Person, id_number_validator, phone_validator
from danvan.petitions.models import Channel, Field, Kind, PetitionLink, Status
from danvan.petitions.services import SUPPLEMENT_MAX_CHARS, SUPPLEMENT_STAFF_CHANNELS, Outcome, PersonData


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class PlaceField(forms.TypedChoiceField):
    """A province or a ward, by its code. The choices are read only to draw the field; a posted code is
    checked against a set of codes, not by walking the choices (a province has up to 168 wards)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, required=False, empty_value=None, **kwargs)
        self.codes: frozenset[str] = frozenset()

    def set_places(self, choices: Callable[[], list[tuple[str, str]]], codes: frozenset[str]) -> None:
        self.choices = choices
        self.codes = codes

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.codes


class PetitionFields(forms.Form):
    """The fields every channel shares: who writes, about what, where."""

    full_name = forms.CharField(label=_("Họ và tên người gửi (hoặc tên tổ chức)"), max_length=255, required=False)
    person_kind = forms.ChoiceField(label=_("Người gửi là"), choices=Person.Kind.choices, initial=Person.Kind.PERSON)
    representative_name = forms.CharField(label=_("Người đại diện (nếu là tổ chức)"), max_length=255, required=False)
    id_number = forms.CharField(label=_("Số định danh cá nhân (12 số)"), max_length=12, required=False,
                                validators=[id_number_validator])
    phone = forms.CharField(label=_("Điện thoại"), max_length=10, required=False, validators=[phone_validator])
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    address = forms.CharField(label=_("Địa chỉ liên hệ"), max_length=500, required=False)
    subject = forms.CharField(label=_("Trích yếu nội dung"), max_length=500, required=False)
    content = forms.CharField(label=_("Nội dung đơn"), widget=forms.Textarea(attrs={"rows": 8}), max_length=50_000)
    decision_text = forms.CharField(
        label=_("Quyết định, hành vi bị khiếu nại / người, hành vi bị tố cáo"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    request_text = forms.CharField(label=_("Yêu cầu, đề nghị"), required=False, max_length=5000,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    province_code = PlaceField(label=_("Tỉnh, thành phố nơi xảy ra"))
    ward_code = PlaceField(label=_("Xã, phường"))
    place_text = forms.CharField(label=_("Địa điểm cụ thể"), max_length=500, required=False)
    letter_date = forms.DateField(label=_("Ngày viết đơn"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    attachments = MultipleFileField(label=_("Tài liệu kèm theo (PDF, ảnh, Word; tối đa 5 tệp)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province = str(self.data.get("province_code") or self.initial.get("province_code") or "")
        province_code = int_param(province)
        cast(PlaceField, self.fields["province_code"]).set_places(places.province_choices, places.province_codes())
        cast(PlaceField, self.fields["ward_code"]).set_places(
            partial(places.ward_choices, province_code), places.ward_codes(province_code))
        self.fields["province_code"].widget.attrs.update({
            "hx-get": "/places/wards/", "hx-target": "#id_ward_code", "hx-trigger": "change",
        })

    def clean_letter_date(self) -> Any:
        value = self.cleaned_data.get("letter_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Ngày viết đơn không thể ở tương lai."))
        return value

    def people(self) -> list[PersonData]:
        data = self.cleaned_data
        if not data.get("full_name", "").strip():
            return []
        return [PersonData(
            full_name=data["full_name"], kind=data["person_kind"], representative_name=data["representative_name"],
            id_number=data["id_number"], phone=data["phone"], email=data["email"], address=data["address"],
            province_code=data.get("province_code"), ward_code=data.get("ward_code"),
        )]

    def petition_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "subject": data["subject"], "content": data["content"], "decision_text": data["decision_text"],
            "request_text": data["request_text"], "province_code": data.get("province_code"),
            "ward_code": data.get("ward_code"), "place_text": data["place_text"],
            "letter_date": data.get("letter_date"), "petitioners": self.people(), "files": data.get("attachments") or [],
        }


class DeskPetitionForm(PetitionFields):
    """Staff intake: the desk, post, e-mail, hotline, or another agency's forwarding."""

    channel = forms.ChoiceField(label=_("Nguồn đơn"), choices=[c for c in Channel.choices if c[0] != Channel.API])
    unit = forms.ModelChoiceField(label=_("Đơn vị xử lý"), queryset=Unit.objects.filter(handles_petitions=True))
    received_on = forms.DateField(label=_("Ngày nhận đơn"), widget=forms.DateInput(attrs={"type": "date"}))
    source_agency = forms.CharField(label=_("Cơ quan chuyển đến"), max_length=255, required=False)
    source_reference = forms.CharField(label=_("Số, ký hiệu văn bản chuyển"), max_length=64, required=False)
    signed = forms.BooleanField(label=_("Đơn có chữ ký hoặc điểm chỉ"), required=False, initial=True)

    field_order = ["channel", "unit", "received_on", "source_agency", "source_reference"]

    def clean_received_on(self) -> Any:
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Ngày nhận đơn không thể ở tương lai."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("channel") == Channel.FORWARDED and not data.get("source_agency", "").strip():
            self.add_error("source_agency", _("Ghi tên cơ quan đã chuyển đơn đến."))
        return data


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=[c for c in Kind.choices if c[0] != Kind.UNCLASSIFIED])
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.all(), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=1000)


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Hướng xử lý"), choices=Outcome.choices)
    target = forms.CharField(label=_("Cơ quan có thẩm quyền (khi hướng dẫn, chuyển đơn)"), required=False,
                             max_length=255)
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=5000)
    answer_text = forms.CharField(label=_("Nội dung trả lời công dân"), required=False, max_length=10000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    decided_on = forms.DateField(label=_("Ngày xử lý (để trống: hôm nay)"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))


class SupplementFields(forms.Form):
    """What a petitioner adds after the petition: the citizen on the portal, or an official who records it."""

    text = forms.CharField(label=_("Nội dung bổ sung"), required=False, max_length=SUPPLEMENT_MAX_CHARS,
                           widget=forms.Textarea(attrs={"rows": 3}))
    attachments = MultipleFileField(label=_("Tài liệu, chứng cứ (PDF, ảnh, Word; tối đa 5 tệp)"), required=False)


class SupplementRecordForm(SupplementFields):
    """What came from the petitioner by post, to the desk, by e-mail or telephone."""

    channel = forms.ChoiceField(label=_("Nhận qua"), choices=[
        (c.value, c.label) for c in Channel if c in SUPPLEMENT_STAFF_CHANNELS])

    field_order = ["channel"]


class LinkForm(forms.Form):
    other_code = forms.CharField(label=_("Mã đơn liên quan"), max_length=16)
    link_kind = forms.ChoiceField(label=_("Loại liên kết"), choices=PetitionLink.Kind.choices)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm (không cần dấu; dấu phẩy ngăn cụm từ) hoặc mã đơn, mã vụ việc"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=[("", "—"), *Kind.choices], required=False)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    unit = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=[("", "—"), *Status.choices], required=False)
    province = forms.TypedChoiceField(label=_("Tỉnh, thành phố"), coerce=int, required=False, empty_value=None)
    received_from = forms.DateField(label=_("Nhận từ ngày"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    received_to = forms.DateField(label=_("đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    due = forms.ChoiceField(label=_("Thời hạn"), required=False, choices=[
        ("", "—"), ("soon", _("Sắp đến hạn")), ("overdue", _("Quá hạn"))])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", "—"), *Field.objects.values_list("code", "name")]  # type: ignore[attr-defined]
        self.fields["unit"].choices = [("", "—"), *Unit.objects.filter(  # type: ignore[attr-defined]
            handles_petitions=True).values_list("id", "name")]
        self.fields["province"].choices = places.province_choices  # type: ignore[attr-defined]
