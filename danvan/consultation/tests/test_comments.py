"""Commenting rules: the period, empty and oversize texts, idempotent retries, spam held (never dropped),
moderation with reasons the author sees."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from danvan.audit.models import Event
from danvan.consultation import intake, services
from danvan.consultation.models import Comment
from danvan.consultation.services import CommentRefused
from danvan.consultation.tests.conftest import provision

pytestmark = pytest.mark.django_db


def test_a_comment_on_a_point_is_anchored_to_its_article(open_draft, version):
    point = provision(version, "điểm đ khoản 1 Điều 3")
    result = services.comment_submit(draft_id=open_draft.pk, provision_id=point.pk, text="Cần nêu rõ tiêu chí.",
                                     commenter_type="expert", name="PGS. TS. Lê Văn Bình")
    comment = Comment.objects.get(receipt=result.receipt)
    assert (result.created, comment.status) == (True, Comment.Status.ACCEPTED)
    assert comment.anchor == point.anchor
    assert comment.article_anchor == provision(version, "Điều 3").anchor
    assert comment.commenter_type == "expert"


def test_a_comment_on_the_whole_draft_has_no_provision(open_draft):
    result = services.comment_submit(draft_id=open_draft.pk, text="Tôi ủng hộ dự thảo.")
    assert Comment.objects.get(receipt=result.receipt).provision is None


def test_after_the_period_closes_a_comment_is_refused_with_the_closing_day(open_draft):
    late = timezone.make_aware(dt.datetime.combine(open_draft.closes_on + dt.timedelta(days=1), dt.time(0, 5)))
    with pytest.raises(CommentRefused) as caught:
        services.comment_submit(draft_id=open_draft.pk, text="Góp ý muộn.", now=late)
    assert caught.value.status == 403
    assert f"hết ngày {open_draft.closes_on:%d/%m/%Y}" in caught.value.messages[0]
    # The last evening of the period still counts.
    last = timezone.make_aware(dt.datetime.combine(open_draft.closes_on, dt.time(23, 50)))
    assert services.comment_submit(draft_id=open_draft.pk, text="Kịp giờ.", now=last).created
    assert Comment.objects.count() == 1


def test_before_the_period_opens_a_comment_is_refused(draft, version):
    with pytest.raises(CommentRefused, match="chưa mở"):
        services.comment_submit(draft_id=draft.pk, text="Sớm quá.")


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_an_empty_comment_is_refused(open_draft, text):
    with pytest.raises(CommentRefused, match="để trống") as caught:
        services.comment_submit(draft_id=open_draft.pk, text=text)
    assert caught.value.status == 400
    assert not Comment.objects.exists()


def test_an_oversize_comment_is_refused_with_its_length_and_the_limit(open_draft, settings):
    settings.DANVAN_CONSULTATION_MAX_CHARS = 1000
    with pytest.raises(CommentRefused) as caught:
        services.comment_submit(draft_id=open_draft.pk, text="đất " * 300)
    assert caught.value.status == 413
    assert "1.199 ký tự" in caught.value.messages[0] and "1.000" in caught.value.messages[0]
    assert services.comment_submit(draft_id=open_draft.pk, text="đ" * 1000).created


def test_an_unknown_provision_or_type_is_refused(open_draft):
    with pytest.raises(CommentRefused, match="Không có điều khoản"):
        services.comment_submit(draft_id=open_draft.pk, provision_id=999_999, text="x")
    with pytest.raises(CommentRefused, match="Loại người góp ý"):
        services.comment_submit(draft_id=open_draft.pk, text="x", commenter_type="robot")


def test_a_retry_with_the_same_client_key_returns_the_first_receipt(open_draft):
    first = services.comment_submit(draft_id=open_draft.pk, text="Ý kiến một lần.", client_key="app-123")
    again = services.comment_submit(draft_id=open_draft.pk, text="Ý kiến một lần.", client_key="app-123")
    assert (first.created, again.created) == (True, False)
    assert again.receipt == first.receipt
    assert Comment.objects.count() == 1
    # Without a key, two identical comments are two comments (two people may write the same words).
    services.comment_submit(draft_id=open_draft.pk, text="Đồng ý.")
    services.comment_submit(draft_id=open_draft.pk, text="Đồng ý.")
    assert Comment.objects.count() == 3


def test_a_suspicious_comment_is_held_with_its_reason_not_dropped(open_draft):
    text = "Xem http://a.example http://b.example http://c.example ngay!!!"
    flags = intake.spam_signals(text, honeypot="", seconds_on_page=10)
    result = services.comment_submit(draft_id=open_draft.pk, text=text, flags=flags)
    comment = Comment.objects.get(receipt=result.receipt)
    assert comment.status == Comment.Status.HELD
    assert "nhiều đường dẫn" in comment.moderation_reason


def test_spam_signals_name_what_they_saw(settings):
    settings.DANVAN_CONSULTATION_MIN_SECONDS_ON_PAGE = 3
    assert intake.spam_signals("Góp ý bình thường về Điều 5.", seconds_on_page=40) == []
    assert "trường ẩn" in intake.spam_signals("x", honeypot="http://spam")[0]
    assert "quá nhanh" in intake.spam_signals("x", seconds_on_page=1.0)[0]
    assert "lặp lại" in intake.spam_signals("a" * 25)[0]
    with translation.override("en"):  # the author reads them with the receipt, in the page's language
        assert intake.spam_signals("x", seconds_on_page=1.0) == [
            "sent too soon after the page was opened (a sign of automated sending)"]


def test_moderation_rejects_only_with_a_reason_and_is_audited(open_draft, drafter):
    result = services.comment_submit(draft_id=open_draft.pk, text="aaaaaaaaaaaaaaaaaaaaaaaaa", flags=["lặp"])
    comment = Comment.objects.get(receipt=result.receipt)
    with pytest.raises(ValidationError, match="lý do"):
        services.comment_moderate(comment=comment, accept=False, reason=" ", by=drafter)
    services.comment_moderate(comment=comment, accept=False, reason="Nội dung không liên quan đến dự thảo.",
                              by=drafter)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert comment.moderation_reason == "Nội dung không liên quan đến dự thảo."
    event = Event.objects.get(action="consultation.comment_moderate")
    assert event.data["to"] == "rejected" and event.actor == drafter


def test_a_comment_is_one_insert(open_draft, django_assert_max_num_queries):
    intake.draft_info(open_draft.pk)  # warm the per-process cache, as a running server has
    with django_assert_max_num_queries(3) as ctx:
        services.comment_submit(draft_id=open_draft.pk, text="Một câu lệnh INSERT.", client_key="k1")
    # Inside the test's transaction the INSERT sits in a savepoint; in a web request it is alone.
    statements = [q["sql"].lstrip().split()[0].upper() for q in ctx.captured_queries]
    assert [s for s in statements if s not in ("SAVEPOINT", "RELEASE")] == ["INSERT"]
