"""A complaint and a denunciation walked through their workflows on the matter page, with their documents."""

from __future__ import annotations

import importlib
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from danvan.matters.models import Matter
from danvan.petitions.services import Outcome, petition_classify, petition_decide
from danvan.petitions.tests.factories import at, citizen, receive
from tests.browser.conftest import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DENUNCIATION = (
    "Tôi tố cáo ông Trần Văn Bình, cán bộ địa chính xã Hòa Vang, đã nhận 50 triệu đồng của hộ ông Lê Văn Cường "
    "để xác nhận sai nguồn gốc đất khi cấp giấy chứng nhận quyền sử dụng đất năm 2025. Kèm theo là bản sao "
    "giấy biên nhận và tin nhắn."
)


@pytest.fixture(autouse=True)
def _templates(db) -> None:  # type: ignore[no-untyped-def]
    # A transactional test empties every table after it runs, the seeded templates with them: seed again.
    from django.apps import apps

    importlib.import_module("danvan.documents.migrations.0002_seed_templates").seed(apps, None)


def accepted_on_the_desk(unit, head, handler, kind: str = "complaint", **receipt) -> Matter:  # type: ignore[no-untyped-def]
    """A petition received, classified by the handler and accepted by the head: its matter is open."""
    petition = receive(unit, **receipt).petition
    petition = petition_classify(petition=petition, by=handler, kind=kind, field=None)
    petition = petition_decide(petition=petition, by=head, outcome=Outcome.ACCEPT)
    assert petition.matter is not None
    return petition.matter


def step(page, name: str, values: dict[str, str] | None = None, selects: dict[str, str] | None = None) -> str:  # type: ignore[no-untyped-def]
    """Fill the step's card and submit it; return the page's messages."""
    card = page.locator(f"#step-{name}")
    for field, value in (selects or {}).items():
        card.locator(f"[name='{name}-{field}']").select_option(value)
    for field, value in (values or {}).items():
        card.locator(f"[name='{name}-{field}']").fill(value)
    card.locator("button[type=submit]").click()
    page.wait_for_load_state()
    return page.inner_text("ul.messages") if page.locator("ul.messages").count() else ""


def download(page, number: str, tmp_path: Path) -> Document:  # type: ignore[no-untyped-def]
    """Download the document listed under `number` on the matter page and open it."""
    with page.expect_download() as info:
        page.locator("#documents a.download", has_text=number).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return Document(str(path))


def text_of(docx: Document) -> str:
    cells = [c.text for t in docx.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in docx.paragraphs] + cells)


def sign_out(page) -> None:  # type: ignore[no-untyped-def]
    page.click("form[action$='/logout/'] button")


def test_a_complaint_from_acceptance_to_a_final_decision(page, intake_unit, officials, tmp_path):
    matter = accepted_on_the_desk(intake_unit, officials["unit_head"], officials["handler"],
                                  received_at=at(date(2026, 3, 2)), letter_date=date(2026, 2, 27))
    url = f"/desk/matters/{matter.code}/"
    sign_in(page, "truongban")
    page.goto(url)
    assert page.locator("#step-accept [name='accept-doc-signer_name']").input_value() == "Phạm Thu Hà"
    said = step(page, "accept", {"on": "2026-03-05"})
    assert "Đã ban hành 01/TB-BTCD" in said
    notice = download(page, "01/TB-BTCD", tmp_path)
    assert notice.core_properties.title == "Thông báo về việc thụ lý giải quyết khiếu nại lần đầu"
    assert "Số: 01/TB-BTCD" in text_of(notice) and "Nguyễn Văn An" in text_of(notice)

    step(page, "assign_verifier", {"on": "2026-03-06"}, selects={"verifier": str(officials["verifier"].pk)})
    assert "Đang xác minh" in page.inner_text("#state")
    sign_out(page)
    sign_in(page, "xacminh")
    page.goto(url)
    step(page, "report_verification", {"text": "Giá bồi thường áp dụng đúng bảng giá đất năm 2026 của tỉnh.",
                                       "on": "2026-03-20"})
    sign_out(page)
    sign_in(page, "truongban")
    page.goto(url)
    decision = {"text": "Giữ nguyên Quyết định số 456/QĐ-UBND ngày 12/8/2026.", "on": "2026-04-01"}
    said = step(page, "decide", decision, {"finding": "wrong"})
    # Nothing typed for the legal basis: the step is not recorded and the page names what is missing.
    assert "chưa được ghi" in said and "Căn cứ pháp luật áp dụng" in said
    assert "Đã có báo cáo xác minh" in page.inner_text("#state")
    shot(page, "matter-complaint-missing-values")
    said = step(page, "decide", {
        **decision, "doc-v__can_cu_phap_luat": "Luật Đất đai năm 2024",
        "doc-v__ket_luan": "khiếu nại của ông Nguyễn Văn An là khiếu nại sai.",
        "doc-v__nguoi_bi_khieu_nai": "Chủ tịch Ủy ban nhân dân xã Hòa Vang",
        "doc-v__nguoi_giai_quyet_lan_hai": "Bộ trưởng Bộ Nông nghiệp và Môi trường"}, {"finding": "wrong"})
    assert "Đã ban hành 01/QĐ-BTCD" in said
    decided = download(page, "01/QĐ-BTCD", tmp_path)
    body = text_of(decided)
    assert decided.core_properties.title.startswith("Quyết định về việc giải quyết khiếu nại của Nguyễn Văn An")
    assert "Điều 1. Giữ nguyên Quyết định số 456/QĐ-UBND ngày 12/8/2026." in body
    assert "Giá bồi thường áp dụng đúng bảng giá đất năm 2026 của tỉnh." in body

    step(page, "notify", {"on": "2026-04-03"})
    step(page, "finalize", {"on": "2026-04-10"})  # before the 30 days of Art. 44: refused, with its reason
    assert "Đã gửi quyết định cho người khiếu nại" in page.inner_text("#state")
    step(page, "finalize", {"on": "2026-05-15"})
    assert "Quyết định có hiệu lực pháp luật" in page.inner_text("#state")
    shot(page, "matter-complaint-final")
    matter.refresh_from_db()
    assert matter.state == "final"


def test_an_especially_complex_denunciation_through_two_extensions_to_its_conclusion(
        page, intake_unit, officials, tmp_path):
    matter = accepted_on_the_desk(
        intake_unit, officials["unit_head"], officials["handler"], kind="denunciation", received_at=at(date(2026, 3, 2)),
        letter_date=date(2026, 3, 1), subject="Tố cáo cán bộ địa chính nhận tiền", content=DENUNCIATION,
        decision_text="ông Trần Văn Bình, cán bộ địa chính xã Hòa Vang", request_text="",
        petitioners=[citizen(name="Lê Thị Hồng", id_number="048190001234")])
    url = f"/desk/matters/{matter.code}/"
    sign_in(page, "truongban")
    page.goto(url)
    assert "Lê Thị Hồng" not in page.inner_text("main")  # the denouncer stays hidden even from the head
    step(page, "set_complexity", {"reason": "Xác minh tại nhiều địa phương, nhiều người bị ảnh hưởng."},
         selects={"complexity": "especially_complex"})
    said = step(page, "accept", {"on": "2026-03-09"})
    assert "Đã ban hành 01/QĐ-BTCD" in said
    for n, on in ((1, "2026-04-06"), (2, "2026-05-06")):
        said = step(page, "extend", {"reason": f"Phải xác minh thêm tại {n + 1} xã.", "on": on})
        assert f"Đã ban hành 0{n + 1}/QĐ-BTCD" in said
    shot(page, "matter-denunciation-extended")
    said = step(page, "extend", {"reason": "Thêm lần thứ ba."})
    assert "tối đa 2 lần" in said
    second = download(page, "03/QĐ-BTCD", tmp_path)
    assert second.core_properties.title == "Quyết định về việc gia hạn giải quyết tố cáo"
    assert "(gia hạn lần 2)" in text_of(second) and "01/QĐ-BTCD" in text_of(second)

    step(page, "assign_verifier", {"on": "2026-05-07"}, selects={"verifier": str(officials["verifier"].pk)})
    sign_out(page)
    sign_in(page, "xacminh")
    page.goto(url)
    step(page, "report_verification", {"text": "Ông Bình đã nhận 50 triệu đồng; có giấy biên nhận.",
                                       "on": "2026-05-20"})
    sign_out(page)
    sign_in(page, "truongban")
    page.goto(url)
    said = step(page, "conclude", {
        "text": "Nội dung tố cáo là tố cáo đúng.", "on": "2026-05-25",
        "doc-v__can_cu_phap_luat": "Luật Phòng, chống tham nhũng năm 2018.",
        "doc-v__trach_nhiem": "Ông Trần Văn Bình chịu trách nhiệm cá nhân.",
        "doc-v__xu_ly": "Kiến nghị xử lý kỷ luật ông Trần Văn Bình"}, {"finding": "right"})
    assert "Đã ban hành 01/KL-BTCD" in said
    conclusion = download(page, "01/KL-BTCD", tmp_path)
    body = text_of(conclusion)
    assert conclusion.core_properties.title.startswith("Kết luận nội dung tố cáo đối với ông Trần Văn Bình")
    assert "Ông Bình đã nhận 50 triệu đồng; có giấy biên nhận." in body and "Lê Thị Hồng" not in body
    shot(page, "matter-denunciation-concluded")
    matter.refresh_from_db()
    assert matter.state == "concluded" and matter.extensions == 2
