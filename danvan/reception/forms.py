from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.org import places
from danvan.org.models import Role, Unit, User
from danvan.people.models import id_number_validator
from danvan.petitions.models import Field, Kind
from danvan.reception.models import Handling, Session
from danvan.reception.services import VISIT_KINDS, Visitor

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _leaders() -> forms.ModelChoiceField:
    ids = [u.pk for u in User.objects.filter(is_active=True) if u.has_role(Role.LEADER, Role.UNIT_HEAD)]
    return forms.ModelChoiceField(queryset=User.objects.filter(pk__in=ids).order_by("full_name"), required=False)


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Ngày tiếp"), widget=DATE)
    unit = forms.ModelChoiceField(label=_("Đơn vị tiếp"), queryset=Unit.objects.filter(handles_petitions=True))
    session = forms.ModelChoiceField(label=_("Buổi tiếp (nếu có)"), required=False,
                                     queryset=Session.objects.exclude(status=Session.Status.CANCELLED))
    full_name = forms.CharField(label=_("Họ và tên người đến"), max_length=255, required=False)
    id_number = forms.CharField(label=_("Số định danh cá nhân (12 số)"), max_length=12, required=False,
                                validators=[id_number_validator])
    address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=10, required=False)
    province_code = forms.TypedChoiceField(label=_("Tỉnh, thành phố nơi xảy ra"), coerce=int, required=False,
                                           empty_value=None)
    kind = forms.ChoiceField(label=_("Phân loại"), choices=[(k.value, k.label) for k in Kind if k in VISIT_KINDS])
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.all(), required=False)
    subject = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)
    content = forms.CharField(label=_("Nội dung vụ việc"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000)
    people_count = forms.IntegerField(label=_("Số người"), min_value=1, initial=1)
    representatives = forms.CharField(
        label=_("Người đại diện (mỗi dòng: họ tên; số định danh)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Đoàn từ 5 người trở lên cùng một nội dung phải cử người đại diện (Nghị định 124/2020/NĐ-CP Điều 6)."),
    )
    handled_before = forms.CharField(label=_("Cơ quan đã giải quyết"), max_length=500, required=False)
    handling = forms.ChoiceField(label=_("Hướng xử lý"), choices=Handling.choices)
    handling_target = forms.CharField(label=_("Cơ quan được hướng dẫn / chuyển đến"), max_length=255, required=False)
    petition_action = forms.ChoiceField(label=_("Đơn"), initial="none", choices=[
        ("none", _("Không có đơn")), ("create", _("Công dân có đơn hoặc trình bày: tạo đơn mới")),
        ("link", _("Liên kết với đơn đã có (mã đơn)"))])
    petition_code = forms.CharField(label=_("Mã đơn đã có"), max_length=16, required=False)
    follow_up = forms.CharField(label=_("Theo dõi kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = places.province_choices  # type: ignore[attr-defined]

    def visitor(self) -> Visitor:
        d = self.cleaned_data
        return Visitor(full_name=d["full_name"], id_number=d["id_number"], address=d["address"], phone=d["phone"])

    def clean_representatives(self) -> list[Visitor]:
        out = []
        for line in (self.cleaned_data.get("representatives") or "").splitlines():
            if not line.strip():
                continue
            name, _sep, id_number = line.partition(";")
            id_number = id_number.strip()
            if id_number:
                id_number_validator(id_number)
            out.append(Visitor(full_name=name.strip(), id_number=id_number))
        return out


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại buổi tiếp"), choices=Session.Kind.choices)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=Session.Mode.choices)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=[
        (Session.Status.SCHEDULED, _("Lên lịch")), (Session.Status.HELD, _("Đã tiếp (ghi nhận)"))])
    on = forms.DateField(label=_("Ngày tiếp"), widget=DATE)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.filter(handles_petitions=True))
    location = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"] = _leaders()
        self.fields["host"].label = _("Lãnh đạo chủ trì")
        self.fields["delegated_to"] = _leaders()
        self.fields["delegated_to"].label = _("Ủy quyền cho cấp phó (chỉ trước 01/7/2026)")


class RefusalForm(forms.Form):
    on = forms.DateField(label=_("Ngày"), widget=DATE, initial=timezone.localdate)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.filter(handles_petitions=True))
    full_name = forms.CharField(label=_("Họ và tên (nếu biết)"), max_length=255, required=False)
    id_number = forms.CharField(label=_("Số định danh cá nhân"), max_length=12, required=False)
    ground = forms.TypedChoiceField(label=_("Căn cứ từ chối (Điều 9 Luật Tiếp công dân)"), coerce=int)
    note = forms.CharField(label=_("Diễn biến, lý do cụ thể"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, grounds: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = [("", "—"), *grounds]  # type: ignore[attr-defined]


class BookFilterForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), widget=DATE, required=False)
    end = forms.DateField(label=_("Đến ngày"), widget=DATE, required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.filter(handles_petitions=True),
                                  required=False)
