import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.audit.models import Event
from danvan.matters.models import Matter
from danvan.petitions.models import Attachment, Kind, Supplement
from danvan.petitions.services import (
    Outcome,
    petition_classify,
    petition_decide,
    petition_supplement,
    petition_withdrawal_request,
)
from danvan.petitions.tests.factories import receive
from danvan.petitions.tests.services.test_petition_receive import PNG

pytestmark = pytest.mark.django_db


def _png(name="bien-ban.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def test_a_supplement_keeps_its_text_and_files_with_the_petition_and_is_audited(intake_unit):
    petition = receive(intake_unit).petition
    supplement, created = petition_supplement(petition=petition, text="Bổ sung:  biên bản   làm việc ngày 20/11.",
                                              files=[_png()])
    assert created
    assert supplement.text == "Bổ sung: biên bản làm việc ngày 20/11."
    attachment = Attachment.objects.get(supplement=supplement)
    assert attachment.petition == petition and attachment.original_name == "bien-ban.png"
    event = Event.objects.get(action="petition.supplement", object_id=str(petition.pk))
    assert event.actor_label == "citizen" and event.data["attachments"] == 1


def test_a_retried_supplement_lands_once(intake_unit):
    petition = receive(intake_unit).petition
    first, _created = petition_supplement(petition=petition, text="Thêm chứng cứ.", idempotency_key="k-1")
    again, created = petition_supplement(petition=petition, text="Thêm chứng cứ.", idempotency_key="k-1")
    assert again.pk == first.pk and not created and Supplement.objects.count() == 1


def test_a_key_used_for_another_petition_is_refused(intake_unit):
    one = receive(intake_unit).petition
    other = receive(intake_unit, content="Phản ánh tình trạng khai thác cát trái phép trên sông Lam.").petition
    petition_supplement(petition=one, text="Thêm chứng cứ.", idempotency_key="k-1")
    with pytest.raises(ValidationError):
        petition_supplement(petition=other, text="Thêm chứng cứ.", idempotency_key="k-1")
    assert not other.supplements.exists()


@pytest.mark.parametrize("text, files", [("", []), ("   ", []), ("x" * 5001, [])])
def test_an_empty_or_oversize_supplement_is_refused_and_nothing_is_stored(intake_unit, text, files):
    petition = receive(intake_unit).petition
    with pytest.raises(ValidationError):
        petition_supplement(petition=petition, text=text, files=files)
    assert not Supplement.objects.exists() and not Event.objects.filter(action="petition.supplement").exists()


def test_a_disallowed_file_refuses_the_whole_supplement(intake_unit):
    petition = receive(intake_unit).petition
    script = SimpleUploadedFile("anh.png", b"#!/bin/sh\nrm -rf /\n", content_type="image/png")
    with pytest.raises(ValidationError):
        petition_supplement(petition=petition, text="Ảnh hiện trường.", files=[_png(), script])
    assert not Supplement.objects.exists() and not Attachment.objects.exists()


def _complaint(intake_unit, officials):
    petition = receive(intake_unit).petition
    return petition_classify(petition=petition, by=officials["handler"], kind=Kind.COMPLAINT, field=None)


def test_a_petition_decided_without_a_matter_takes_no_more_supplements(intake_unit, officials):
    petition = petition_decide(petition=_complaint(intake_unit, officials), by=officials["handler"],
                               outcome=Outcome.ARCHIVE, reason="Đơn trùng nội dung đã xử lý.")
    with pytest.raises(ValidationError, match="không nhận bổ sung"):
        petition_supplement(petition=petition, text="Thêm chứng cứ.")
    assert not Supplement.objects.exists()


def test_an_accepted_petition_takes_supplements_while_its_matter_is_being_resolved(intake_unit, officials):
    petition = petition_decide(petition=_complaint(intake_unit, officials), by=officials["unit_head"],
                               outcome=Outcome.ACCEPT)
    assert petition_supplement(petition=petition, text="Bản sao quyết định thu hồi đất.")[1]
    assert petition.matter is not None
    Matter.objects.filter(pk=petition.matter.pk).update(state="closed")
    petition.refresh_from_db()
    with pytest.raises(ValidationError):
        petition_supplement(petition=petition, text="Thêm một chứng cứ nữa.")
    assert Supplement.objects.count() == 1


def test_a_withdrawal_request_is_recorded_once_and_leaves_the_decision_to_the_desk(intake_unit, officials):
    petition = petition_decide(petition=_complaint(intake_unit, officials), by=officials["unit_head"],
                               outcome=Outcome.ACCEPT)
    request, created = petition_withdrawal_request(petition=petition, reason="Gia đình đã thỏa thuận được.")
    again, created_again = petition_withdrawal_request(petition=petition, reason="")
    assert created and not created_again and again.pk == request.pk
    assert request.kind == Supplement.Kind.WITHDRAWAL and request.text == "Gia đình đã thỏa thuận được."
    assert Event.objects.filter(action="petition.withdrawal_request").count() == 1
    assert petition.matter is not None
    petition.matter.refresh_from_db()
    assert petition.matter.state != "withdrawn"  # the signed withdrawal is the desk's step


def test_a_closed_petition_has_nothing_to_withdraw(intake_unit, officials):
    petition = petition_decide(petition=_complaint(intake_unit, officials), by=officials["handler"],
                               outcome=Outcome.ARCHIVE, reason="Đơn trùng nội dung đã xử lý.")
    with pytest.raises(ValidationError):
        petition_withdrawal_request(petition=petition)
    assert not Supplement.objects.exists()


def test_an_official_records_what_came_by_post_and_is_named_for_it(intake_unit, officials):
    petition = receive(intake_unit).petition
    supplement, created = petition_supplement(petition=petition, text="Bản sao sổ hộ khẩu gửi qua bưu điện.",
                                              files=[_png("so-ho-khau.png")], channel="post", by=officials["handler"])
    assert created and supplement.channel == "post" and supplement.recorded_by == officials["handler"]
    event = Event.objects.get(action="petition.supplement")
    assert event.actor == officials["handler"] and event.data["channel"] == "post"


@pytest.mark.parametrize("channel, by", [("portal", "handler"), ("post", None), ("forwarded", "handler")])
def test_a_channel_that_does_not_fit_who_records_is_refused(intake_unit, officials, channel, by):
    petition = receive(intake_unit).petition
    with pytest.raises(ValidationError):
        petition_supplement(petition=petition, text="Thêm chứng cứ.", channel=channel,
                            by=officials[by] if by else None)
    assert not Supplement.objects.exists()


# Committed for real, so the e-mail task sent after the commit runs in its worker thread as in production.
@pytest.mark.django_db(transaction=True)
def test_the_handler_is_told_by_e_mail_and_an_official_s_own_record_tells_nobody(
        intake_unit, officials, mailoutbox, settings):
    from danvan.petitions.services import petition_assign
    from danvan.tasks import wait_for_in_process_tasks

    handler = officials["handler"]
    handler.email = "xuly@example.gov.vn"
    handler.save(update_fields=["email"])
    petition = petition_assign(petition=receive(intake_unit).petition, by=officials["unit_head"], assignee=handler)
    # Each task is awaited before the next write: the in-memory SQLite test database locks whole tables.
    petition_supplement(petition=petition, text="Bổ sung: biên bản đo mùi hôi ngày 20/11.")
    wait_for_in_process_tasks()
    petition_withdrawal_request(petition=petition, reason="Đã thỏa thuận được.")
    wait_for_in_process_tasks()
    petition_supplement(petition=petition, text="Ghi nhận thư gửi qua bưu điện.", channel="post", by=handler)
    wait_for_in_process_tasks()
    assert sorted(m.subject for m in mailoutbox) == [
        f"Đơn {petition.code}: người gửi bổ sung nội dung, tài liệu", f"Đơn {petition.code}: người gửi đề nghị rút đơn"]
    assert all(m.to == ["xuly@example.gov.vn"] for m in mailoutbox)
    body = next(m.body for m in mailoutbox if "bổ sung" in m.subject)
    assert "biên bản đo mùi hôi" in body and f"{settings.DANVAN_SITE_URL}/desk/p/{petition.code}/" in body


def test_with_nobody_assigned_the_unit_heads_are_told(intake_unit, officials):
    from danvan.petitions.notify import supplement_recipients

    for role in ("unit_head", "handler"):
        officials[role].email = f"{role}@example.gov.vn"
        officials[role].save(update_fields=["email"])
    supplement, _created = petition_supplement(petition=receive(intake_unit).petition, text="Thêm chứng cứ.")
    assert supplement_recipients(supplement) == [officials["unit_head"]]
