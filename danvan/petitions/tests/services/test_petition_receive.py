import unicodedata
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.audit.models import Event
from danvan.petitions.models import Attachment, Petition, PetitionLink
from danvan.petitions.tests.factories import LAND_COMPLAINT, at, citizen, receive

pytestmark = pytest.mark.django_db

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def test_a_received_petition_is_stored_in_nfc_with_a_folded_search_text(intake_unit):
    receipt = receive(intake_unit, content=unicodedata.normalize("NFD", LAND_COMPLAINT))
    petition = Petition.objects.get(pk=receipt.petition.pk)
    assert receipt.created and receipt.secret
    assert unicodedata.is_normalized("NFC", petition.content)
    assert petition.content_original  # the decomposed original is kept
    assert "thu hoi" in petition.search_text and "đ" not in petition.search_text
    assert Event.objects.filter(action="petition.receive", object_id=str(petition.pk)).count() == 1


def test_processing_is_due_ten_working_days_after_receipt(intake_unit):
    # Thu 26 Nov 2026: counting starts Fri 27 Nov; ten working days end Thu 10 Dec.
    petition = receive(intake_unit).petition
    assert petition.processing_due == date(2026, 12, 10)


def test_processing_time_skips_the_tet_break(intake_unit):
    # Tue 10 Feb 2026: 11, 12, 13 Feb count; Tết closes 14-22 Feb; then 23-27 Feb and 2-3 Mar.
    petition = receive(intake_unit, received_at=at(date(2026, 2, 10)), letter_date=date(2026, 2, 9)).petition
    assert petition.processing_due == date(2026, 3, 3)
    assert petition.processing_due_explained  # the derivation is kept for the page


def test_the_same_idempotency_key_returns_the_first_petition(intake_unit):
    first = receive(intake_unit, idempotency_key="k-123")
    again = receive(intake_unit, idempotency_key="k-123", content=LAND_COMPLAINT + " (gửi lại)")
    assert again.petition.pk == first.petition.pk and not again.created and again.secret is None
    assert Petition.objects.count() == 1


def test_a_retry_of_the_same_content_by_the_same_person_within_minutes_is_not_a_second_petition(intake_unit):
    first = receive(intake_unit, received_at=None)
    again = receive(intake_unit, received_at=None, content=LAND_COMPLAINT.upper())
    assert again.petition.pk == first.petition.pk and not again.created
    assert Petition.objects.count() == 1


def test_an_earlier_petition_of_the_same_person_is_linked_as_a_duplicate(intake_unit):
    earlier = receive(intake_unit, received_at=at(date(2026, 6, 1)), letter_date=date(2026, 5, 30)).petition
    text_without_marks = "Kính gửi Bộ. " + LAND_COMPLAINT.replace("đ", "d")
    later = receive(intake_unit, content=text_without_marks).petition
    link = PetitionLink.objects.get(petition=later)
    assert link.other_id == earlier.pk and link.kind == PetitionLink.Kind.DUPLICATE and link.score >= 0.8


def test_one_letter_forwarded_by_two_agencies_is_linked_as_a_copy(intake_unit):
    first = receive(intake_unit, channel="forwarded", source_agency="Văn phòng Chính phủ",
                    received_at=at(date(2026, 11, 2))).petition
    second = receive(intake_unit, channel="forwarded", source_agency="Ban Dân nguyện Quốc hội").petition
    assert PetitionLink.objects.get(petition=second).other_id == first.pk
    assert PetitionLink.objects.get(petition=second).kind == PetitionLink.Kind.COPY


def test_the_same_text_from_another_person_is_related_not_a_duplicate(intake_unit):
    receive(intake_unit, received_at=at(date(2026, 11, 2)))
    other = receive(intake_unit, petitioners=[citizen("Trần Thị Bình", "001190054321", phone="0987654321")]).petition
    assert PetitionLink.objects.get(petition=other).kind == PetitionLink.Kind.RELATED


def test_a_different_matter_of_the_same_person_is_not_linked(intake_unit):
    receive(intake_unit, received_at=at(date(2026, 11, 2)))
    other = receive(intake_unit, subject="Phản ánh ô nhiễm", content=(
        "Cơ sở chăn nuôi lợn của ông Lê Văn Tư tại thôn 5 xả nước thải chưa qua xử lý ra kênh thủy lợi, gây mùi "
        "hôi thối kéo dài nhiều tháng nay, đề nghị cơ quan chức năng kiểm tra, xử lý.")).petition
    assert not PetitionLink.objects.filter(petition=other).exists()


def test_an_attachment_is_stored_under_a_random_name_with_its_original_name_kept(intake_unit):
    upload = SimpleUploadedFile("../../etc/ảnh hiện trường.png", PNG, content_type="image/png")
    petition = receive(intake_unit, files=[upload]).petition
    attachment = Attachment.objects.get(petition=petition)
    assert attachment.original_name == "ảnh hiện trường.png"
    assert attachment.content_type == "image/png"
    stored = str(attachment.file.name)
    assert ".." not in stored and "hien" not in stored
    with attachment.file.open("rb") as f:
        assert f.read() == PNG


@pytest.mark.parametrize("name, data", [
    ("quyet-dinh.pdf", b"<script>alert(1)</script>"),  # a PDF's name on a script's bytes
    ("anh.png", b"MZ\x90\x00" + b"\x00" * 200),  # an executable behind an image's name
])
def test_a_file_whose_bytes_are_not_an_allowed_type_is_refused_and_nothing_is_stored(intake_unit, name, data):
    with pytest.raises(ValidationError):
        receive(intake_unit, files=[SimpleUploadedFile(name, data, content_type="application/pdf")])
    assert Petition.objects.count() == 0 and Attachment.objects.count() == 0


def test_an_oversize_file_is_refused(intake_unit, settings):
    settings.DANVAN_UPLOAD_MAX_BYTES = 50
    with pytest.raises(ValidationError, match="MB"):
        receive(intake_unit, files=[SimpleUploadedFile("a.png", PNG, content_type="image/png")])
    assert Petition.objects.count() == 0


@pytest.mark.parametrize("overrides, field", [
    ({"content": "   "}, "content"),
    ({"channel": "pigeon"}, "channel"),
    ({"channel": "forwarded", "source_agency": ""}, "source_agency"),
    ({"letter_date": date(2026, 12, 1)}, "letter_date"),
])
def test_bad_input_is_refused_with_a_message_and_changes_nothing(intake_unit, overrides, field):
    with pytest.raises(ValidationError) as error:
        receive(intake_unit, **overrides)
    assert field in error.value.message_dict
    assert Petition.objects.count() == 0 and Event.objects.count() == 0


def test_a_receipt_in_the_future_is_refused(intake_unit):
    from django.utils import timezone

    with pytest.raises(ValidationError):
        receive(intake_unit, received_at=timezone.now() + timedelta(days=2))


def test_a_petition_without_a_name_is_anonymous(intake_unit):
    assert receive(intake_unit, petitioners=[]).petition.anonymous


def test_a_returning_citizen_with_the_same_id_number_is_one_person(intake_unit):
    a = receive(intake_unit, received_at=at(date(2026, 10, 1))).petition
    b = receive(intake_unit, content="Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa đất số 88 đã quá hạn "
                "ba tháng mà chưa được giải quyết.").petition
    assert a.petitioners.get().person_id == b.petitioners.get().person_id
