"""A leader sees a hot issue on the dashboard and opens its petitions; a unit head registers a "Skilled Mass
Mobilization" model and reports on it, and the leader recognises it; a unit head rates an official for the
year; all in Chromium."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from danvan.emulation.models import MobilizationModel
from danvan.insights.models import Appraisal
from danvan.petitions.tests.factories import citizen, receive
from danvan.petitions.tests.services.test_petition_receive import PNG
from tests.browser.conftest import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_opens_a_hot_issue_to_its_petitions(page, intake_unit, officials) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    codes = []
    for n in range(6):
        day = today - timedelta(days=n % 3)
        codes.append(receive(
            intake_unit, province_code=42, received_at=min(timezone.make_aware(datetime.combine(day, time(8))),
                                                           timezone.now()),
            letter_date=day, subject="Phản ánh cá chết hàng loạt trên sông",
            content=f"Lần {n}: cá chết hàng loạt trên sông, nước đổi màu và bốc mùi hôi, nghi do ô nhiễm môi trường.",
            petitioners=[citizen(f"Người dân {n}", f"00108600{n:04d}")]).petition.code)
    sign_in(page, "thutruong")
    page.goto("/desk/dashboard/")
    hot = page.locator("#hotspots tbody tr").first
    assert "Hà Tĩnh" in hot.inner_text()
    shot(page, "dashboard-hot-issue")
    hot.locator("a").click()
    page.wait_for_url("**/desk/reports/records/**")
    listed = page.locator("table").inner_text()
    assert all(code in listed for code in codes)


def test_a_model_is_registered_reported_and_recognised(page, intake_unit, officials, settings,  # type: ignore[no-untyped-def]
                                                       tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    sign_in(page, "truongban")
    page.goto("/desk/dan-van-kheo/")
    page.get_by_role("link", name="Đăng ký mô hình").click()
    page.fill("#id_title", "Tiếp dân tại thôn")
    page.select_option("#id_domain", "political_system")
    page.fill("#id_started_on", (timezone.localdate() - timedelta(days=60)).isoformat())
    page.fill("#id_summary", "Mỗi tháng một buổi tiếp dân tại nhà văn hóa thôn, có cán bộ địa chính cùng dự.")
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_selector("#report")
    page.fill("#id_results", "Giải quyết 20 vụ việc ngay tại cơ sở; đơn vượt cấp giảm rõ rệt.")
    page.fill("#id_people_benefited", "450")
    page.set_input_files("#id_evidence", files=[{"name": "buoi-tiep-dan.png", "mimeType": "image/png", "buffer": PNG}])
    page.get_by_role("button", name="Ghi kết quả").click()
    page.wait_for_selector("text=Đã ghi kết quả.")
    assert "buoi-tiep-dan.png" in page.locator("#evidence").inner_text()

    page.context.clear_cookies()
    sign_in(page, "thutruong")
    page.goto(f"/desk/dan-van-kheo/{MobilizationModel.objects.get().pk}/")
    page.fill("#id_decision_ref", "12/QĐ-BNNMT")
    page.get_by_role("button", name="Ghi kết quả đánh giá").click()
    page.wait_for_selector("text=Đã ghi kết quả đánh giá.")
    assert "Được công nhận điển hình" in page.locator("#model-status").inner_text()
    shot(page, "emulation-recognised")
    assert MobilizationModel.objects.get().status == MobilizationModel.Status.RECOGNIZED


def test_a_unit_head_rates_an_official_for_the_year(page, intake_unit, officials) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "truongban")
    page.goto("/desk/")
    page.get_by_role("link", name="Tổng quan").click()
    page.get_by_role("link", name="Xếp loại công chức").click()
    row = page.locator("#appraisals tbody tr", has_text=officials["handler"].full_name)
    row.get_by_label("Điểm tiêu chí chung").fill("27")
    row.get_by_label("Điểm kết quả thực hiện nhiệm vụ").fill("58.5")
    row.get_by_role("button", name="Lưu").click()
    page.wait_for_selector(f"text=Đã ghi điểm của {officials['handler'].full_name}.")
    row = page.locator("#appraisals tbody tr", has_text=officials["handler"].full_name)
    assert "85,5" in row.inner_text() and "Hoàn thành tốt nhiệm vụ" in row.inner_text()
    shot(page, "appraisals")
    # Points above the scale's maximum are refused by the browser itself before anything is sent (the server
    # refuses them too: danvan/insights/tests/test_appraisals.py).
    general = row.get_by_label("Điểm tiêu chí chung")
    general.fill("31")
    row.get_by_role("button", name="Lưu").click()
    assert general.evaluate("e => e.validity.rangeOverflow")
    assert Appraisal.objects.get().points == Decimal("85.5")
