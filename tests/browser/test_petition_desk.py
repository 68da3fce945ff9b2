import re
from datetime import date

import pytest
from playwright.sync_api import expect

from danvan.petitions.models import Petition, PetitionLink, Status
from danvan.petitions.tests.factories import LAND_COMPLAINT, at, receive
from danvan.petitions.tests.services.test_petition_receive import PNG
from tests.browser.conftest import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_submits_with_an_attachment_and_tracks_it(page, intake_unit, tmp_path):
    evidence = tmp_path / "anh-hien-truong.png"
    evidence.write_bytes(PNG)
    page.goto("/gui-don/")
    page.fill("#id_full_name", "Lê Thị Hồng")
    page.fill("#id_id_number", "048190001234")
    page.fill("#id_phone", "0905123456")
    page.fill("#id_address", "Tổ 12, phường Hải Châu, TP Đà Nẵng")
    page.fill("#id_subject", "Phản ánh ô nhiễm sông Hàn")
    page.fill("#id_content", "Nhà máy chế biến thủy sản xả nước thải ra sông Hàn gây mùi hôi, đề nghị kiểm tra.")
    page.select_option("#id_province_code", "48")
    # Locators, not wait_for_function: the Content-Security-Policy forbids the eval its string needs.
    page.locator("#id_ward_code option", has_text="Phường Hải Châu").wait_for(state="attached")
    page.select_option("#id_ward_code", label="Phường Hải Châu")
    page.set_input_files("#id_attachments", str(evidence))
    page.check("#id_consent")
    page.click("button[type=submit]")
    code = page.inner_text("#tracking-code").strip()
    secret = page.inner_text("#tracking-secret").strip()
    shot(page, "portal-receipt")
    petition = Petition.objects.get(code=code)
    assert petition.attachments.count() == 1 and petition.ward_code is not None

    page.context.clear_cookies()
    page.goto("/tra-cuu/")
    page.fill("#id_code", code)
    page.fill("#id_secret", "SAI-MA-BI-MAT")
    page.click("button[type=submit]")
    assert "không đúng" in page.inner_text("main")
    page.fill("#id_code", code)
    page.fill("#id_secret", secret)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/tra-cuu/{code}/")
    assert "Đã tiếp nhận đơn" in page.inner_text("main")
    shot(page, "portal-status")

    # Later the citizen adds what they saw since, with a photo.
    page.fill("#id_text", "Bổ sung: chiều nay nước thải lại đổ ra sông, có ảnh chụp gửi kèm.")
    page.set_input_files("#id_attachments", str(evidence))
    page.click("#bo-sung ~ form button[type=submit]")
    page.wait_for_url(f"**/tra-cuu/{code}/")
    assert "Đã nhận nội dung bổ sung của bạn" in page.inner_text("main")
    assert "Bạn đã gửi bổ sung" in page.inner_text(".timeline")
    shot(page, "portal-supplement")
    supplement = petition.supplements.get()
    assert "nước thải lại đổ ra sông" in supplement.text and supplement.attachments.count() == 1

    # Then the factory stops, and the citizen asks to withdraw.
    page.click("#rut-don summary")
    page.fill("#id_rut-reason", "Cơ sở đã dừng xả thải.")
    page.check("#id_rut-confirm")
    page.click("#rut-don button[type=submit]")
    page.wait_for_url(f"**/tra-cuu/{code}/")
    assert "Đã nhận đề nghị rút đơn" in page.inner_text("main")
    expect(page.locator("#withdrawal-requested")).to_be_visible()
    shot(page, "portal-withdrawal-request")
    assert petition.supplements.filter(kind="withdrawal").count() == 1


def test_a_handler_finds_the_duplicate_archives_it_and_the_head_accepts_the_other(page, intake_unit, officials):
    first = receive(intake_unit, received_at=at(date(2026, 10, 5))).petition
    again = receive(intake_unit, content="Kính gửi Bộ Nông nghiệp và Môi trường. " + LAND_COMPLAINT).petition
    PetitionLink.objects.all().delete()  # the desk finds it on demand below

    sign_in(page, "xuly")
    page.goto(f"/desk/p/{again.code}/")
    page.click("text=Tìm đơn trùng")
    assert first.code in page.inner_text("main")
    page.select_option("select[name=kind]", "complaint")
    page.click("button:has-text('Phân loại')")
    page.select_option("select[name=outcome]", "archive")
    page.fill("textarea[name=reason]", f"Trùng nội dung đơn {first.code} đang giải quyết")
    page.click("button:has-text('Ghi hướng xử lý')")
    assert "Lưu đơn" in page.inner_text("main")
    shot(page, "desk-archived-duplicate")

    page.goto(f"/desk/p/{first.code}/")
    page.select_option("select[name=kind]", "complaint")
    page.click("button:has-text('Phân loại')")
    page.click("form[action$='/logout/'] button")
    sign_in(page, "truongban")
    page.goto(f"/desk/p/{first.code}/")
    page.select_option("select[name=outcome]", "accept")
    page.click("button:has-text('Ghi hướng xử lý')")
    assert "Đã đề xuất thụ lý" in page.inner_text("main")
    shot(page, "desk-accepted")
    first.refresh_from_db()
    again.refresh_from_db()
    assert first.status == Status.ACCEPTED and first.matter is not None
    assert again.status == Status.ARCHIVED


def test_a_search_without_marks_finds_the_vietnamese_text(page, intake_unit, officials):
    marked = receive(intake_unit, subject="Tranh chấp đất đai ở Hòa Vang").petition
    receive(intake_unit, subject="Ô nhiễm", content="Phản ánh khói bụi từ nhà máy gạch gây ô nhiễm không khí.",
            petitioners=[])
    sign_in(page, "xuly")
    page.goto("/desk/")
    page.fill("#id_q", "tranh chap dat dai")
    page.press("#id_q", "Enter")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page.locator("#results")).not_to_contain_text("Ô nhiễm")
    results = page.inner_text("#results")
    assert marked.code in results and re.search(r"\b1 đơn\b", results)
    shot(page, "desk-search")
