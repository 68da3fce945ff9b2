from __future__ import annotations

from datetime import date

from danvan.matters import services as s
from danvan.matters.selectors import matter_public_documents


def test_the_acceptance_notice_is_issued_about_the_matter_and_shown_to_the_citizen(open_matter, people):
    head = people["unit_head"]
    matter = s.matter_accept(matter=open_matter(), by=head, on=date(2026, 3, 5))
    doc = s.matter_document_issue(matter=matter, step="accept", by=head, signer_name="Phạm Thu Hà",
                                  signer_title="Trưởng ban", issued_on=date(2026, 3, 5))
    assert doc.object_id == str(matter.pk) and doc.addressed_to_citizen
    assert list(matter_public_documents(matter)) == [doc]
    assert doc.number_and_symbol.startswith("01/TB-")


def test_the_extension_decision_carries_the_new_limit(open_matter, people):
    head = people["unit_head"]
    matter = open_matter(kind="denunciation", complexity="complex")
    matter = s.matter_accept(matter=matter, by=head, on=date(2026, 3, 9))
    accept_doc = s.matter_document_issue(matter=matter, step="accept", by=head, signer_name="Phạm Thu Hà",
                                         signer_title="Trưởng ban", issued_on=date(2026, 3, 9))
    matter = s.matter_extend(matter=matter, by=head, on=date(2026, 4, 1), reason="Xác minh tại hai địa điểm.")
    doc = s.matter_document_issue(
        matter=matter, step="extend", by=head, signer_name="Phạm Thu Hà", signer_title="Trưởng ban",
        issued_on=date(2026, 4, 1), context={"so_quyet_dinh_thu_ly": accept_doc.number_and_symbol,
                                             "ngay_quyet_dinh_thu_ly": date(2026, 3, 9),
                                             "ly_do": "xác minh tại hai địa điểm"})
    assert doc.template.code == "quyet-dinh-gia-han-to-cao"


import io  # noqa: E402

import pytest  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.utils import translation  # noqa: E402
from docx import Document  # noqa: E402

from danvan.documents.engine import MissingValues  # noqa: E402
from danvan.documents.selectors import documents_for  # noqa: E402
from danvan.matters import documents as md  # noqa: E402
from danvan.matters.models import Matter, MatterRecord  # noqa: E402


def text_of(doc) -> str:
    with doc.file.open("rb") as f:
        docx = Document(io.BytesIO(f.read()))
    cells = [c.text for t in docx.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in docx.paragraphs] + cells)


def test_the_decision_takes_its_content_from_the_step_and_the_signer_defaults_to_the_unit_head(open_matter, people):
    head, verifier = people["unit_head"], people["verifier"]
    matter = s.matter_accept(matter=open_matter(), by=head, on=date(2026, 3, 5))
    matter = s.matter_assign_verifier(matter=matter, by=head, verifier=verifier, on=date(2026, 3, 6))
    matter = s.matter_report_verification(matter=matter, by=verifier, on=date(2026, 3, 20),
                                          text="Diện tích thu hồi đúng 1.320 m² theo đo đạc lại.")
    asked = md.fields_to_ask(matter, "decide", "quyet-dinh-giai-quyet-khieu-nai-lan-dau", head, before_step=True)
    # The decision's content comes from the step; the verification from the report: neither is asked.
    assert "giai_quyet" not in asked and "ket_qua_xac_minh" not in asked
    assert {"can_cu_phap_luat", "ket_luan", "nguoi_bi_khieu_nai", "nguoi_giai_quyet_lan_hai"} <= set(asked)
    typed = {"can_cu_phap_luat": "Luật Đất đai năm 2024", "ket_luan": "khiếu nại là khiếu nại sai.",
             "nguoi_bi_khieu_nai": "Cục trưởng Cục Quản lý đất đai",
             "nguoi_giai_quyet_lan_hai": "Bộ trưởng Bộ Nông nghiệp và Môi trường"}
    matter, (doc,) = s.matter_transition_with_documents(
        matter=matter, name="decide", by=head, on=date(2026, 4, 1), finding="wrong",
        text="Giữ nguyên Quyết định số 215/QĐ-TCQLĐĐ.",
        documents=["quyet-dinh-giai-quyet-khieu-nai-lan-dau"], context=typed)
    body = text_of(doc)
    assert "Điều 1. Giữ nguyên Quyết định số 215/QĐ-TCQLĐĐ." in body
    assert "Diện tích thu hồi đúng 1.320 m²" in body and "Phạm Thu Hà" in body and "TRƯỞNG BAN" in body
    assert doc.title.startswith("Quyết định về việc giải quyết khiếu nại")
    assert MatterRecord.objects.get(matter=matter, transition="decide").data["documents"] == [doc.pk]


def test_a_missing_value_undoes_the_step_and_names_what_is_missing(open_matter, people):
    head, verifier = people["unit_head"], people["verifier"]
    matter = s.matter_accept(matter=open_matter(), by=head, on=date(2026, 3, 5))
    matter = s.matter_assign_verifier(matter=matter, by=head, verifier=verifier, on=date(2026, 3, 6))
    matter = s.matter_report_verification(matter=matter, by=verifier, on=date(2026, 3, 20), text="Đã xác minh.")
    with pytest.raises(MissingValues) as exc:
        s.matter_transition_with_documents(matter=matter, name="decide", by=head, on=date(2026, 4, 1), finding="wrong",
                                           text="Giữ nguyên.",
                                           documents=["quyet-dinh-giai-quyet-khieu-nai-lan-dau"])
    assert "can_cu_phap_luat" in exc.value.names
    matter.refresh_from_db()
    assert matter.state == "verified" and not documents_for(matter).exists()
    assert not MatterRecord.objects.filter(matter=matter, transition="decide").exists()


def test_the_refusal_notice_cites_the_ground_and_the_guidance_slip_names_the_competent_body(open_matter, people):
    head = people["unit_head"]
    matter = s.matter_refuse(matter=open_matter(), by=head, ground=9, reason="Quyết định nhận từ năm 2024.",
                             on=date(2026, 3, 5))
    notice = s.matter_document_issue(matter=matter, step="refuse", by=head, issued_on=date(2026, 3, 5))
    assert "thời hiệu khiếu nại đã hết mà không có lý do chính đáng; Quyết định nhận từ năm 2024." in text_of(notice)
    with pytest.raises(MissingValues) as exc:
        s.matter_document_issue(matter=matter, step="refuse", by=head, template_code="phieu-huong-dan")
    assert exc.value.names == ["co_quan_co_tham_quyen"]
    slip = s.matter_document_issue(matter=matter, step="refuse", by=head, template_code="phieu-huong-dan",
                                   context={"co_quan_co_tham_quyen": "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ"})
    assert "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ" in text_of(slip) and slip.addressed_to_citizen
    with pytest.raises(KeyError):
        s.matter_document_issue(matter=matter, step="refuse", by=head, template_code="ket-luan-noi-dung-to-cao")


def test_each_extension_issues_its_own_decision_and_the_conclusion_carries_the_findings(open_matter, people):
    head, verifier = people["unit_head"], people["verifier"]
    matter = open_matter(kind="denunciation", complexity="especially_complex")
    matter, (accepted,) = s.matter_transition_with_documents(matter=matter, name="accept", by=head, on=date(2026, 3, 9),
                                                             documents=["quyet-dinh-thu-ly-to-cao"])
    for n, on in ((1, date(2026, 4, 1)), (2, date(2026, 5, 4))):
        matter, (ext,) = s.matter_transition_with_documents(
            matter=matter, name="extend", by=head, on=on, reason=f"Xác minh tại {n + 1} địa điểm.",
            documents=["quyet-dinh-gia-han-to-cao"])
        body = text_of(ext)
        assert f"(gia hạn lần {n})" in body and accepted.number_and_symbol in body
        assert f"Xác minh tại {n + 1} địa điểm." in body
    assert [len(d.issued) for d in md.step_documents(matter, head) if d.step == "extend"] == [1, 1]
    matter = s.matter_assign_verifier(matter=matter, by=head, verifier=verifier, on=date(2026, 5, 5))
    matter = s.matter_report_verification(matter=matter, by=verifier, on=date(2026, 5, 20),
                                          text="Ông Bình nhận 50 triệu đồng, có biên nhận.")
    matter, (conclusion,) = s.matter_transition_with_documents(
        matter=matter, name="conclude", by=head, on=date(2026, 5, 25), finding="right",
        text="Nội dung tố cáo là tố cáo đúng.",
        documents=["ket-luan-noi-dung-to-cao"],
        context={"can_cu_phap_luat": "Luật Phòng, chống tham nhũng năm 2018.",
                 "trach_nhiem": "Ông Trần Văn Bình chịu trách nhiệm cá nhân.", "xu_ly": "Kiến nghị xử lý kỷ luật"})
    body = text_of(conclusion)
    assert "Ông Bình nhận 50 triệu đồng, có biên nhận." in body and "tố cáo đúng" in body
    assert matter.state == "concluded" and not conclusion.addressed_to_citizen
    assert conclusion.number_and_symbol.startswith("01/KL-")


def test_a_document_issued_from_an_english_page_is_vietnamese(open_matter, people):
    head = people["unit_head"]
    matter = open_matter(kind="denunciation", complexity="complex")
    with translation.override("en"):
        matter, (_accepted,) = s.matter_transition_with_documents(
            matter=matter, name="accept", by=head, on=date(2026, 3, 9), documents=["quyet-dinh-thu-ly-to-cao"])
        matter, (ext,) = s.matter_transition_with_documents(
            matter=matter, name="extend", by=head, on=date(2026, 4, 1), reason="Xác minh tại hai địa điểm.",
            documents=["quyet-dinh-gia-han-to-cao"])

    body = text_of(ext)
    assert "Xét tính chất phức tạp của vụ việc" in body and "complex" not in body


def test_a_step_without_a_document_refuses_to_issue_one(open_matter, people):
    matter = s.matter_accept(matter=open_matter(), by=people["unit_head"], on=date(2026, 3, 5))
    with pytest.raises(KeyError):
        s.matter_document_issue(matter=matter, step="assign_verifier", by=people["unit_head"])
    with pytest.raises(ValidationError):
        s.matter_transition_with_documents(matter=matter, name="decide", by=people["unit_head"], finding="wrong", text="x",
                                           documents=["quyet-dinh-giai-quyet-khieu-nai-lan-dau"])
    assert Matter.objects.get(pk=matter.pk).state == "accepted"
