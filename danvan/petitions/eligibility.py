"""Is a petition eligible for processing? (Circular 05/2021/TT-TTCP; Law on Complaints Art. 8;
Law on Denunciations Art. 23.) Each check names what is missing so the handler can ask for it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from danvan.petitions.models import Kind, Petition


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


def check_eligibility(petition: Petition) -> list[Problem]:
    """Return what the petition lacks to be processed as its kind; an empty list means eligible."""
    problems: list[Problem] = []
    people = [p.person for p in petition.petitioners.select_related("person")]
    if petition.anonymous or not people:
        problems.append(Problem("anonymous", _(
            "Đơn không ghi họ tên người gửi (đơn nặc danh): không xử lý như khiếu nại, tố cáo; nếu nội dung "
            "rõ ràng, có tài liệu, chứng cứ cụ thể thì xem xét theo thẩm quyền hoặc chuyển (Luật Tố cáo, Điều 25)."
        )))
    elif not all(p.address.strip() or p.ward_code for p in people):
        problems.append(Problem("address", _("Đơn thiếu địa chỉ của người gửi.")))
    if not petition.letter_date:
        problems.append(Problem("date", _("Đơn không ghi ngày, tháng, năm viết đơn.")))
    if not petition.signed:
        problems.append(Problem("signature", _("Đơn không có chữ ký hoặc điểm chỉ của người gửi.")))
    if petition.kind in (Kind.COMPLAINT, Kind.MIXED):
        if not petition.decision_text.strip():
            problems.append(Problem("decision", _(
                "Đơn khiếu nại phải nêu quyết định hành chính, hành vi hành chính bị khiếu nại."
            )))
        if not petition.request_text.strip():
            problems.append(Problem("request", _("Đơn khiếu nại phải nêu lý do và yêu cầu giải quyết.")))
    if petition.kind == Kind.DENUNCIATION and not petition.decision_text.strip():
        problems.append(Problem("denounced", _(
            "Đơn tố cáo phải nêu người, cơ quan bị tố cáo và hành vi vi phạm pháp luật."
        )))
    return problems
