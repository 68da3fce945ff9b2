"""The consultation pages end to end: a draft imported, a comment on an article, a synthesis with its
progress bar, a group answered, the report downloaded."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from danvan.consultation import intake, services
from danvan.consultation.models import Comment, CommentGroup, Draft
from danvan.consultation.tests.samples import DRAFT_V1
from tests.browser.conftest import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAMPAIGN = ("Chúng tôi là người dân xã An Phú, sau khi đọc Điều 5 của dự thảo, chúng tôi đề nghị cho phép người có "
            "đất thu hồi được bồi thường bằng đất ở tại chỗ, vì nhiều hộ không tìm được nơi ở mới phù hợp.")


@pytest.fixture(autouse=True)
def fresh(settings, tmp_path):
    from django.core.cache import cache

    cache.clear()
    intake._drafts.clear()
    settings.DANVAN_CONSULTATION_MIN_SECONDS_ON_PAGE = 0
    settings.DANVAN_CONSULTATION_WORKDIR = str(tmp_path / "synthesis")


def test_draft_comment_synthesis_answer_and_report(page, officials, ministry, tmp_path):
    from docx import Document

    drafter = officials["handler"]
    draft = services.draft_create(title="Luật sửa đổi, bổ sung một số điều của Luật Đất đai", slug="luat-dat-dai",
                                  unit=ministry, by=drafter)
    sign_in(page, "soanthao")

    # The drafting team imports the draft and opens the period.
    page.goto(f"/desk/consultation/{draft.pk}/")
    text_file = tmp_path / "du-thao-luat-dat-dai.txt"
    text_file.write_text(DRAFT_V1, encoding="utf-8")
    page.set_input_files("#id_file", str(text_file))
    page.click("form[action$='/versions/'] button[type=submit]")
    page.wait_for_selector("text=Đã nhập phiên bản 1")
    assert "Điều 5. Nguyên tắc bồi thường về đất" in page.inner_text("#structure")
    today = timezone.localdate()
    page.fill("#id_opens_on", (today - dt.timedelta(days=3)).isoformat())
    page.fill("#id_closes_on", (today + dt.timedelta(days=5)).isoformat())
    page.click("form[action$='/period/'] button[type=submit]")
    assert "tối thiểu là 20 ngày" in page.inner_text(".messages")  # 8 days is refused, with the rule
    page.fill("#id_opens_on", (today - dt.timedelta(days=3)).isoformat())
    page.fill("#id_closes_on", (today + dt.timedelta(days=40)).isoformat())
    page.click("form[action$='/period/'] button[type=submit]")
    page.wait_for_selector("text=Đã đặt thời gian lấy ý kiến")
    shot(page, "consultation-desk-draft")

    # A citizen reads the draft and comments on Điều 5.
    page.context.clear_cookies()
    page.goto("/gop-y/luat-dat-dai/")
    page.click(".toc a:has-text('Điều 5')")
    page.click("#p-{} .comment-link".format(draft.versions.get().provisions.get(label="Điều 5").pk))
    assert "Điều 5" in page.inner_text("#id_provision option:checked")
    page.fill("#id_text", CAMPAIGN)
    page.select_option("#id_commenter_type", "person")
    page.fill("#id_name", "Nguyễn Văn An")
    shot(page, "consultation-public-draft")
    page.click("#gop-y button[type=submit]")
    receipt = page.inner_text("#receipt-code").strip()
    assert "Đã tiếp nhận" in page.inner_text("#comment-status")
    shot(page, "consultation-public-receipt")
    assert Comment.objects.get(receipt=receipt).provision.label == "Điều 5"

    # Many more arrive (a campaign and its opposite), then the team runs the synthesis.
    article = draft.versions.get().provisions.get(label="Điều 5").pk
    for _ in range(30):
        services.comment_submit(draft_id=draft.pk, provision_id=article, text=CAMPAIGN)
    for _ in range(12):
        services.comment_submit(draft_id=draft.pk, provision_id=article,
                                text=CAMPAIGN.replace("đề nghị cho phép", "cho rằng không nên cho phép"))
    sign_in(page, "soanthao")
    page.goto(f"/desk/consultation/{draft.pk}/")
    page.click("#start-synthesis")
    page.wait_for_selector(".run .progress")
    shot(page, "consultation-synthesis-progress")
    page.wait_for_selector(".run .run-state:has-text('Hoàn thành')", timeout=120_000)
    assert page.get_attribute(".run .progress", "aria-valuenow") == "100"
    shot(page, "consultation-synthesis-done")

    # The team answers the campaign's group: "not adopted" needs its reason.
    page.click("text=Giải trình các nhóm ý kiến")
    group = CommentGroup.objects.get(count=31)
    card = f"#group-{group.pk}"
    page.select_option(f"{card} select[name=response]", "not_adopted")
    page.click(f"{card} button[type=submit]")
    page.wait_for_selector(f"{card} .errorlist")
    page.select_option(f"{card} select[name=response]", "not_adopted")
    page.fill(f"{card} textarea[name=explanation]", "Bồi thường bằng đất ở là quyền lựa chọn khi địa phương có quỹ đất.")
    page.click(f"{card} button[type=submit]")
    page.wait_for_selector(f"{card} .saved")
    shot(page, "consultation-groups-answered")
    group.refresh_from_db()
    assert group.response == "not_adopted"

    # The report, as the team downloads it.
    page.goto(f"/desk/consultation/{draft.pk}/")
    with page.expect_download() as info:
        page.click("#report-docx")
    data = info.value.path().read_bytes()
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Điều 5. Nguyên tắc bồi thường về đất (43 ý kiến)" in text
    assert "Không tiếp thu. Bồi thường bằng đất ở là quyền lựa chọn" in text
    assert Draft.objects.get().comments.count() == 43
