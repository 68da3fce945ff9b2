"""The Open311 service catalogue: one service per kind of petition the public may file, and the
attributes each one asks for. Data, not logic: open311.py renders and validates from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.org import places

GROUP = _("Tiếp công dân, xử lý đơn thư")
# When the services or their definitions last changed, in the sortable form Open311 Service Discovery asks
# for ("changeset"): clients that cache the definitions refresh them when it moves. Change it with the
# catalogue below.
CHANGESET = "2026-11-27 00:00"


@dataclass(frozen=True)
class Attribute:
    code: str
    datatype: str  # string | number | datetime | text | singlevaluelist | multivaluelist (GeoReport v2)
    description: Promise
    required: bool = False
    datatype_description: Promise | str = ""
    max_length: int = 500
    pattern: str = ""  # a full-match regular expression for string values

    def values(self) -> list[tuple[str, str]]:
        if self.code == "province_code":
            return [(str(code), name) for code, name in places.provinces()]
        return []


@dataclass(frozen=True)
class Service:
    code: str
    name: Promise
    description: Promise
    keywords: Promise  # Open311's tags that help a user find the service, in the client's language
    attributes: tuple[Attribute, ...] = field(default_factory=tuple)
    # Whether a petition of this kind may appear in the public request list at all.
    public: bool = True
    # A name is required when the law does not handle a nameless petition of this kind (Law on
    # Denunciations Art. 25; Circular 05/2021: a complaint names the complainant).
    name_required: bool = False

    def attribute(self, code: str) -> Attribute | None:
        return next((a for a in self.attributes if a.code == code), None)


FULL_NAME = Attribute("full_name", "string", _(
    "Họ và tên đầy đủ (họ trước, tên sau) hoặc tên tổ chức; nếu có, dùng thay first_name/last_name"), max_length=255)
ID_NUMBER = Attribute("id_number", "string", _("Số định danh cá nhân (12 chữ số trên thẻ căn cước)"),
                      datatype_description=_("12 chữ số"), max_length=12, pattern=r"\d{12}")
CONTACT_ADDRESS = Attribute("contact_address", "string", _("Địa chỉ liên hệ của người gửi"))
DECISION = Attribute("decision_text", "text", _("Quyết định, hành vi bị khiếu nại / người, hành vi bị tố cáo"),
                     max_length=5000)
REQUEST = Attribute("request", "text", _("Yêu cầu, đề nghị của người gửi"), max_length=5000)
PROVINCE = Attribute("province_code", "singlevaluelist", _("Tỉnh, thành phố nơi xảy ra sự việc"))
WARD = Attribute("ward_code", "number", _("Xã, phường nơi xảy ra sự việc"), datatype_description=_(
    "Mã xã, phường theo danh mục đơn vị hành chính (từ 01/7/2025); cần kèm province_code"), max_length=6,
    pattern=r"\d{1,6}")
SUBJECT = Attribute("subject", "string", _("Trích yếu nội dung"))

SERVICES: dict[str, Service] = {
    s.code: s
    for s in (
        Service(
            "complaint", _("Khiếu nại"),
            _("Đề nghị xem xét lại quyết định hành chính, hành vi hành chính xâm phạm quyền, lợi ích hợp pháp "
              "của chính người khiếu nại (Luật Khiếu nại 2011)."),
            _("khiếu nại, quyết định hành chính, thu hồi đất, bồi thường"),
            (FULL_NAME, ID_NUMBER, CONTACT_ADDRESS, DECISION, REQUEST, PROVINCE, WARD, SUBJECT),
            name_required=True,
        ),
        Service(
            "denunciation", _("Tố cáo"),
            _("Báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật của cán bộ, cơ quan, tổ chức, cá "
              "nhân (Luật Tố cáo 2018). Danh tính người tố cáo được giữ bí mật; đơn tố cáo không bao giờ "
              "xuất hiện trong danh sách công khai."),
            _("tố cáo, vi phạm pháp luật, tham nhũng"),
            (FULL_NAME, ID_NUMBER, CONTACT_ADDRESS, DECISION, REQUEST, PROVINCE, WARD, SUBJECT),
            public=False, name_required=True,
        ),
        Service(
            "recommendation", _("Kiến nghị, phản ánh"),
            _("Kiến nghị, đề xuất hoặc phản ánh một vấn đề về quản lý nhà nước, không kèm yêu cầu pháp lý."),
            _("kiến nghị, phản ánh, đề xuất, môi trường, ô nhiễm"),
            (FULL_NAME, ID_NUMBER, CONTACT_ADDRESS, REQUEST, PROVINCE, WARD, SUBJECT),
        ),
    )
}
PUBLIC_SERVICE_CODES = tuple(code for code, s in SERVICES.items() if s.public)
