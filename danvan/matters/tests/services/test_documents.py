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
