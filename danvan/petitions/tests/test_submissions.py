"""A citizen's submission is stored and acknowledged at once, then registered as a petition in the background."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from conftest import TEST_PASSWORD
from danvan.audit.models import Event
from danvan.org.models import Unit
from danvan.petitions.models import Attachment, Petition, PetitionLink, Submission
from danvan.petitions.services import PersonData, secret_digest
from danvan.petitions.submissions import (
    SubmissionReceipt,
    submission_accept,
    submission_register_now,
    submissions_register,
)
from danvan.petitions.tests.services.test_petition_receive import PNG
from danvan.tasks import wait_for_in_process_tasks

pytestmark = pytest.mark.django_db

CONTENT = ("Bãi tập kết cát trái phép bên sông Thu Bồn tại thôn 4 xã Đại Lộc hoạt động cả đêm, xe tải làm hỏng "
           "đường bê tông của thôn. Đề nghị kiểm tra, xử lý.")
AN = PersonData(full_name="Nguyễn Văn An", id_number="049085012345", phone="0912345678", address="Thôn 4, Đại Lộc")
FORM = {
    "full_name": "Nguyễn Văn An", "person_kind": "person", "id_number": "049085012345", "phone": "0912345678",
    "address": "Thôn 4, xã Đại Lộc", "subject": "Khai thác cát trái phép", "content": CONTENT,
    "province_code": "48", "consent": "on", "idempotency_key": "form-1",
}


def accept(**overrides: Any) -> SubmissionReceipt:
    kwargs = {"channel": "portal", "subject": "Khai thác cát trái phép", "content": CONTENT, "petitioners": [AN],
              **overrides}
    return submission_accept(**kwargs)


def test_an_acknowledged_submission_is_stored_with_its_identity_encrypted_and_no_petition_yet(intake_unit):
    receipt = accept()

    submission = Submission.objects.get(code=receipt.code)
    assert receipt.created and receipt.secret and submission.secret_hash == secret_digest(receipt.secret)
    assert submission.petition is None and not Petition.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload FROM petitions_submission WHERE id = %s", [submission.pk])
        stored = cursor.fetchone()[0]
    assert "049085012345" not in stored and "Nguyễn Văn An" not in stored and "Thu Bồn" not in stored


def test_registering_files_the_petition_under_the_same_code_and_secret_and_empties_the_payload(intake_unit):
    receipt = accept()

    assert submissions_register() == 1
    petition = Petition.objects.get()
    submission = Submission.objects.get()
    assert receipt.secret and petition.secret_hash == secret_digest(receipt.secret)
    assert petition.code == receipt.code
    assert petition.unit == intake_unit and petition.channel == "portal"
    assert petition.received_at == submission.received_at and petition.processing_due == receipt.processing_due
    assert petition.petitioners.get().person.id_number == "049085012345"
    assert Event.objects.filter(action="petition.receive", object_id=str(petition.pk)).exists()
    assert submission.petition == petition and submission.registered_at and submission.payload == ""
    assert submissions_register() == 0  # nothing waits; a second run files nothing twice


def test_a_retry_with_another_key_within_minutes_answers_with_the_first_code(intake_unit):
    first = accept(idempotency_key="a")
    again = accept(idempotency_key="b")
    same_key = accept(idempotency_key="a", content=CONTENT + " Xin cảm ơn.")

    assert again.code == same_key.code == first.code
    assert not again.created and again.secret is None
    assert Submission.objects.count() == 1


def test_the_same_letter_from_another_person_is_registered_and_linked(intake_unit):
    accept()
    accept(petitioners=[PersonData(full_name="Trần Thị Bình", id_number="049190054321")])

    assert submissions_register() == 2
    later = Petition.objects.order_by("received_at", "id").last()
    assert PetitionLink.objects.filter(petition=later, kind=PetitionLink.Kind.RELATED).exists()


def test_an_attachment_is_saved_when_acknowledged_and_attached_when_registered(intake_unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    accept(files=[SimpleUploadedFile("anh.png", PNG, content_type="image/png")])
    submissions_register()

    attachment = Attachment.objects.get()
    assert attachment.original_name == "anh.png" and attachment.file.read() == PNG
    assert str(tmp_path) in attachment.file.path


def test_a_failed_registration_is_recorded_and_the_submission_keeps_waiting_until_it_succeeds(intake_unit, settings):
    receipt = accept()
    settings.DANVAN_PORTAL_UNIT_CODE = "no-such-unit"
    submission = Submission.objects.get()

    with pytest.raises(Unit.DoesNotExist):
        submission_register_now(submission.pk)
    assert submissions_register() == 0  # the sweep logs and goes on

    submission.refresh_from_db()
    assert submission.petition is None and submission.attempts == 2 and "DoesNotExist" in submission.error
    assert submission.payload  # nothing of it is lost
    settings.DANVAN_PORTAL_UNIT_CODE = intake_unit.code
    assert submissions_register() == 1
    assert Petition.objects.get().code == receipt.code


def test_the_citizen_tracks_a_waiting_submission_then_its_petition(client, intake_unit):
    html = client.post(reverse("portal:submit"), FORM).content.decode()
    code = re.search(r'id="tracking-code">([A-Z0-9-]+)<', html).group(1)  # type: ignore[union-attr]
    secret = re.search(r'id="tracking-secret">([A-Z0-9]+)<', html).group(1)  # type: ignore[union-attr]

    waiting = client.get(reverse("portal:status", args=[code])).content.decode()
    assert 'id="waiting"' in waiting and "Đã tiếp nhận đơn" in waiting and "Khai thác cát trái phép" in waiting
    assert "049085012345" not in waiting

    submissions_register()
    stranger = client.__class__()
    stranger.post(reverse("portal:track"), {"code": code, "secret": secret})
    registered = stranger.get(reverse("portal:status", args=[code])).content.decode()
    assert 'id="waiting"' not in registered and "Đã tiếp nhận đơn" in registered


def test_the_api_status_of_a_waiting_submission_shows_it_received(client, intake_unit):
    body = client.post("/api/v1/petitions", {**{k: v for k, v in FORM.items() if k != "idempotency_key"},
                                             "province_code": 48, "consent": True},
                       content_type="application/json").json()

    status = client.get(f"/api/v1/petitions/{body['code']}/status", headers={"X-Tracking-Secret": body["secret"]})
    assert status.status_code == 200
    assert status.json()["status"] == "received" and [s["label"] for s in status.json()["steps"]] == [
        "Đã tiếp nhận đơn"]
    wrong = client.get(f"/api/v1/petitions/{body['code']}/status", headers={"X-Tracking-Secret": "WRONGSECRET1"})
    assert wrong.status_code == 404


def test_the_desk_list_says_how_many_submissions_wait_and_how_many_failed(client, intake_unit, officials):
    accept()
    accept(petitioners=[PersonData(full_name="Trần Thị Bình", id_number="049190054321")])
    Submission.objects.filter(pk=Submission.objects.order_by("id").first().pk).update(attempts=1, error="x")  # type: ignore[union-attr]
    assert client.login(username=officials["handler"].username, password=TEST_PASSWORD)

    html = client.get(reverse("petitions:list")).content.decode()
    assert "2 đơn công dân gửi qua cổng đang chờ vào sổ" in html and "1 đơn vào sổ chưa thành công" in html

    submissions_register()
    assert 'id="waiting"' not in client.get(reverse("petitions:list")).content.decode()


def test_an_administrator_follows_submissions_without_seeing_their_content(admin_client, intake_unit):
    receipt = accept()
    client = admin_client

    listing = client.get(reverse("admin:petitions_submission_changelist"))
    page = client.get(reverse("admin:petitions_submission_change", args=[Submission.objects.get().pk]))

    assert listing.status_code == page.status_code == 200
    assert receipt.code in listing.content.decode()
    assert "Thu Bồn" not in page.content.decode() and "049085012345" not in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_background_task_registers_the_submission_after_it_commits(intake_unit):
    receipt = accept()  # no surrounding transaction: committed, then the in-process task is sent

    wait_for_in_process_tasks()
    deadline = time.monotonic() + 30
    while not Petition.objects.filter(code=receipt.code).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert Petition.objects.filter(code=receipt.code).exists()


def test_a_code_already_taken_is_drawn_again(intake_unit, monkeypatch):
    from danvan.petitions import submissions

    first = accept()
    draws = iter([first.code, "ZZZZ-2345"])
    monkeypatch.setattr(submissions, "new_code", lambda: next(draws))

    second = accept(petitioners=[PersonData(full_name="Trần Thị Bình", id_number="049190054321")])

    assert second.created and second.code == "ZZZZ-2345"
    assert Submission.objects.count() == 2


def test_a_code_a_desk_petition_took_meanwhile_still_tracks_through_the_submission(client, intake_unit):
    from danvan.petitions.tests.factories import receive

    receipt = accept()
    desk = receive(intake_unit)
    assert receipt.secret and desk.secret
    Petition.objects.filter(pk=desk.petition.pk).update(code=receipt.code)

    submissions_register()

    registered = Submission.objects.get().petition
    assert registered is not None and registered.code != receipt.code
    found = client.post(reverse("portal:track"), {"code": receipt.code, "secret": receipt.secret})
    page = client.get(found["Location"]).content.decode()
    assert "Khai thác cát trái phép" in page and 'id="waiting"' not in page
    # The desk petition's own citizen, with the same code and their own secret, sees theirs only.
    other = client.__class__()
    found = other.post(reverse("portal:track"), {"code": receipt.code, "secret": desk.secret})
    page = other.get(found["Location"]).content.decode()
    assert "Khiếu nại quyết định thu hồi đất" in page and "Khai thác cát trái phép" not in page


def test_without_a_subject_the_first_line_names_it_waiting_and_registered(intake_unit):
    from danvan.portal.selectors import tracked_by_code_and_secret

    receipt = accept(subject="")
    assert receipt.secret
    waiting = tracked_by_code_and_secret(receipt.code, receipt.secret)
    assert waiting is not None and waiting.waiting and waiting.petition.subject == CONTENT.split("\n")[0][:200]

    submissions_register()
    assert Petition.objects.get().subject == waiting.petition.subject
