import pytest
from django.urls import reverse

from conftest import TEST_PASSWORD
from danvan.petitions.models import Kind, Petition
from danvan.petitions.services import Outcome, petition_classify, petition_decide, petition_supplement
from danvan.petitions.tests.factories import citizen, receive

pytestmark = pytest.mark.django_db

PAGE_STATUS = {"reception_officer": 200, "handler": 200, "verifier": 200, "unit_head": 200, "leader": 200,
               "inspector": 200, "administrator": 200, "supervisor": 404}
# A supervisor opens the list (only what is published to their body: nothing here) but not this petition.
LIST_STATUS = {**PAGE_STATUS, "supervisor": 200}


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)


@pytest.fixture
def decided(intake_unit, officials):
    petition = receive(intake_unit).petition
    petition_classify(petition=petition, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    return petition_decide(petition=petition, by=officials["handler"], outcome=Outcome.GUIDE,
                           target="Chủ tịch UBND xã Hòa Vang")


@pytest.mark.parametrize("role", list(PAGE_STATUS))
def test_the_list_and_the_detail_answer_each_role(client, officials, decided, role):
    login(client, officials[role])
    assert client.get(reverse("petitions:list")).status_code == LIST_STATUS[role]
    response = client.get(reverse("petitions:detail", args=[decided.code]))
    assert response.status_code == PAGE_STATUS[role]
    if response.status_code == 200:
        html = response.content.decode()
        assert "Hướng dẫn công dân" in html and "Chủ tịch UBND xã Hòa Vang" in html


def test_the_list_shows_what_intake_suggests_until_a_handler_classifies(client, officials, intake_unit, decided):
    waiting = receive(intake_unit, petitioners=[citizen("Lê Thị Hoa", "001190054321")]).petition  # about land
    assert waiting.kind == Kind.UNCLASSIFIED and waiting.suggested_field is not None
    login(client, officials["handler"])
    page = client.get(reverse("petitions:list")).content.decode()
    row = page[page.index(waiting.code):page.index("</tr>", page.index(waiting.code))]
    assert f"{waiting.suggested_field.name} (gợi ý)" in row and f"gợi ý: {waiting.get_suggested_kind_display()}" in row
    decided_row = page[page.index(decided.code):page.index("</tr>", page.index(decided.code))]
    assert "gợi ý:" not in decided_row  # classified: the handler's kind alone


def _row(client, code):
    page = client.get(reverse("petitions:list")).content.decode()
    return page[page.index(code):page.index("</tr>", page.index(code))]


def test_the_list_marks_what_the_citizen_added_until_a_handler_opens_it(client, officials, intake_unit, decided):
    added = receive(intake_unit, petitioners=[citizen("Lê Thị Hoa", "001190054321")]).petition
    petition_supplement(petition=added, text="Bổ sung: ảnh chụp mốc giới.")
    login(client, officials["verifier"])
    client.get(reverse("petitions:detail", args=[added.code]))  # a verifier's reading does not count
    login(client, officials["handler"])
    assert "bổ sung mới" in _row(client, added.code) and "bổ sung mới" not in _row(client, decided.code)
    detail = client.get(reverse("petitions:detail", args=[added.code])).content.decode()
    assert "mới</span>" in detail.split('id="supplements"')[1]  # still marked on the visit that reads it
    assert "bổ sung mới" not in _row(client, added.code)


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, decided):
    response = client.get(reverse("petitions:detail", args=[decided.code]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_intake_records_a_forwarded_letter(client, officials, intake_unit):
    login(client, officials["reception_officer"])
    response = client.post(reverse("petitions:receive"), {
        "channel": "forwarded", "unit": intake_unit.pk, "received_on": "2026-11-25",
        "source_agency": "Văn phòng Chính phủ", "source_reference": "1234/VPCP-V.I", "signed": "on",
        "full_name": "Phạm Văn Đức", "person_kind": "person", "address": "Xã Yên Lạc, Phú Thọ",
        "subject": "Kiến nghị về đền bù", "content": "Đề nghị xem xét mức hỗ trợ khi thu hồi đất nông nghiệp.",
        "letter_date": "2026-11-10",
    })
    petition = Petition.objects.get()
    assert response.status_code == 302 and petition.channel == "forwarded"
    assert petition.source_reference == "1234/VPCP-V.I"


def test_staff_intake_refuses_a_forwarded_letter_without_its_agency(client, officials, intake_unit):
    login(client, officials["reception_officer"])
    response = client.post(reverse("petitions:receive"), {
        "channel": "forwarded", "unit": intake_unit.pk, "received_on": "2026-11-25", "content": "Nội dung",
        "person_kind": "person"})
    assert response.status_code == 200 and "Ghi tên cơ quan đã chuyển đơn đến" in response.content.decode()
    assert not Petition.objects.exists()


def test_a_verifier_cannot_post_a_decision(client, officials, intake_unit):
    petition = receive(intake_unit).petition
    login(client, officials["verifier"])
    response = client.post(reverse("petitions:decide", args=[petition.code]), {"outcome": "archive", "reason": "x"})
    assert response.status_code == 403
    petition.refresh_from_db()
    assert petition.is_open


def test_a_handler_records_a_decision_made_on_an_earlier_day(client, officials, intake_unit):
    from datetime import date

    from django.utils import timezone

    from danvan.petitions.tests.factories import at

    petition = receive(intake_unit, received_at=at(date(2026, 10, 1))).petition
    petition_classify(petition=petition, by=officials["handler"], kind=Kind.RECOMMENDATION, field=None)
    login(client, officials["handler"])
    client.post(reverse("petitions:decide", args=[petition.code]),
                {"outcome": "archive", "reason": "Nội dung không rõ ràng.", "decided_on": "2026-10-09"})
    petition.refresh_from_db()
    assert not petition.is_open and petition.decided_at is not None
    assert timezone.localdate(petition.decided_at) == date(2026, 10, 9)
    response = client.post(reverse("petitions:decide", args=[receive(intake_unit, content="Đơn khác hẳn về rừng."
                                                                         ).petition.code]),
                           {"outcome": "archive", "reason": "x", "decided_on": "2026-01-01"}, follow=True)
    assert "Ngày xử lý phải từ ngày nhận đơn" in response.content.decode()


def test_a_code_typed_in_the_search_opens_its_petition_or_matter(client, officials, intake_unit, land_department):
    accepted = receive(intake_unit, petitioners=[citizen("Lê Thị Hoa", "001190054321")]).petition
    petition_classify(petition=accepted, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    accepted = petition_decide(petition=accepted, by=officials["unit_head"], outcome=Outcome.ACCEPT)
    matter = accepted.matter
    assert matter is not None
    elsewhere = receive(land_department, petitioners=[citizen("Phan Văn Cường", "001170011111")]).petition
    login(client, officials["handler"])
    for typed, page in ((f" {accepted.code.lower()} ", f"/desk/p/{accepted.code}/"),
                        (matter.code.lower(), f"/desk/matters/{matter.code}/")):
        response = client.get(reverse("petitions:list"), {"q": typed})
        assert response.status_code == 302 and response["Location"] == page
    # Another unit's petition is not opened by its code: the search runs as for any words, and finds nothing.
    response = client.get(reverse("petitions:list"), {"q": elsewhere.code})
    assert response.status_code == 200 and f"/desk/p/{elsewhere.code}/" not in response.content.decode()
    assert client.get(reverse("petitions:list"), {"q": "dat dai"}).status_code == 200  # words: the list


def test_a_handler_records_an_addition_that_came_by_post(client, officials, intake_unit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.petitions.tests.services.test_petition_receive import PNG

    petition = receive(intake_unit).petition
    login(client, officials["handler"])
    detail = client.get(reverse("petitions:detail", args=[petition.code])).content.decode()
    assert 'id="record-supplement"' in detail
    response = client.post(reverse("petitions:supplement", args=[petition.code]), {
        "channel": "post", "text": "Bản sao quyết định thu hồi đất gửi qua bưu điện.",
        "attachments": SimpleUploadedFile("qd.png", PNG, content_type="image/png")}, follow=True)
    page = response.content.decode()
    assert "Đã ghi nhận nội dung bổ sung." in page
    assert "Bưu chính · Trần Văn Minh" in page.split('id="supplements"')[1] and "qd.png" in page
    refused = client.post(reverse("petitions:supplement", args=[petition.code]), {"channel": "portal", "text": "x"},
                          follow=True)
    assert "portal không phải là một trong các lựa chọn" in refused.content.decode()
    assert petition.supplements.count() == 1


def test_the_reception_officer_records_documents_brought_to_the_desk(client, officials, intake_unit):
    petition = receive(intake_unit).petition
    login(client, officials["reception_officer"])
    page = client.post(reverse("petitions:supplement", args=[petition.code]),
                       {"channel": "desk", "text": "Công dân mang đến bản sao sổ đỏ."}, follow=True).content.decode()
    assert "Đã ghi nhận nội dung bổ sung." in page
    supplement = petition.supplements.get()
    assert supplement.channel == "desk" and supplement.recorded_by == officials["reception_officer"]
    login(client, officials["verifier"])
    refused = client.post(reverse("petitions:supplement", args=[petition.code]), {"channel": "desk", "text": "x"})
    assert refused.status_code == 403 and petition.supplements.count() == 1
