import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.petitions.models import Attachment, Petition
from danvan.petitions.submissions import submissions_register
from danvan.petitions.tests.services.test_petition_receive import PNG

pytestmark = pytest.mark.django_db

FORM = {
    "full_name": "Lê Thị Hồng", "person_kind": "person", "id_number": "048190001234", "phone": "0905123456",
    "address": "Tổ 12, phường Hải Châu, TP Đà Nẵng", "subject": "Phản ánh ô nhiễm",
    "content": "Nhà máy chế biến thủy sản xả nước thải ra sông Hàn gây mùi hôi, đề nghị kiểm tra xử lý.",
    "province_code": "48", "consent": "on",
}


def _submit(client, **extra):
    """Submit, then register what waits as the background task would."""
    data = {**FORM, "idempotency_key": "key-1", **extra}
    response = client.post(reverse("portal:submit"), data)
    submissions_register()
    return response


def test_a_citizen_submits_with_an_attachment_and_gets_a_code_and_a_secret(client, intake_unit):
    response = _submit(client, attachments=SimpleUploadedFile("anh.png", PNG, content_type="image/png"))
    assert response.status_code == 200
    petition = Petition.objects.get()
    assert petition.channel == "portal" and petition.unit == intake_unit
    assert Attachment.objects.filter(petition=petition).count() == 1
    html = response.content.decode()
    assert petition.code in html
    assert re.search(r'id="tracking-secret">([A-Z0-9]{12})<', html)


def test_a_double_submit_lands_once(client, intake_unit):
    _submit(client)
    response = _submit(client)
    assert Petition.objects.count() == 1
    assert "đã được tiếp nhận trước đó" in response.content.decode()


def test_missing_fields_and_a_bad_phone_are_explained_and_nothing_is_stored(client, intake_unit):
    response = _submit(client, full_name="", phone="12345", content="ngắn")
    html = response.content.decode()
    assert response.status_code == 200 and Petition.objects.count() == 0
    assert "Số điện thoại gồm 10 chữ số" in html and "errorlist" in html


def test_a_ward_outside_the_chosen_province_is_refused(client, intake_unit):
    _submit(client, ward_code="70")  # Phường Hoàn Kiếm is in Hà Nội, not Đà Nẵng
    assert Petition.objects.count() == 0


def test_a_province_written_in_digits_int_refuses_is_refused_with_a_message(client, intake_unit):
    response = _submit(client, province_code="²")  # str.isdigit() says yes, int() says no
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Petition.objects.count() == 0


def test_tracking_needs_the_code_and_its_secret(client, intake_unit):
    html = _submit(client).content.decode()
    code_match = re.search(r'id="tracking-code">([A-Z0-9-]+)<', html)
    secret_match = re.search(r'id="tracking-secret">([A-Z0-9]+)<', html)
    assert code_match and secret_match
    code, secret = code_match.group(1), secret_match.group(1)
    stranger = client.__class__()
    assert stranger.get(reverse("portal:status", args=[code])).status_code == 404
    wrong = stranger.post(reverse("portal:track"), {"code": code, "secret": "WRONGSECRET1"})
    assert "không đúng" in wrong.content.decode()
    right = stranger.post(reverse("portal:track"), {"code": code.lower(), "secret": secret.lower()})
    assert right.status_code == 302
    page = stranger.get(right["Location"]).content.decode()
    assert "Đã tiếp nhận đơn" in page and "Phản ánh ô nhiễm" in page
    assert "048190001234" not in page  # the tracking page shows the matter, not the person


def test_the_ward_picker_lists_the_wards_of_a_province(client):
    html = client.get("/places/wards/", {"province_code": "1"}).content.decode()
    assert "Phường Hoàn Kiếm" in html and "Đà Nẵng" not in html


def test_the_citizen_sees_the_matter_steps_and_downloads_the_notice_addressed_to_them(client, intake_unit, officials):
    from danvan.matters.services import matter_accept, matter_document_issue
    from danvan.petitions.models import Kind
    from danvan.petitions.services import Outcome, petition_classify, petition_decide
    from danvan.petitions.tests.factories import receive

    receipt = receive(intake_unit)
    petition = petition_classify(petition=receipt.petition, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    petition = petition_decide(petition=petition, by=officials["unit_head"], outcome=Outcome.ACCEPT)
    assert petition.matter is not None
    matter = matter_accept(matter=petition.matter, by=officials["unit_head"])
    document = matter_document_issue(matter=matter, step="accept", by=officials["unit_head"],
                                     signer_name="Phạm Thu Hà", signer_title="Trưởng ban")
    client.post(reverse("portal:track"), {"code": petition.code, "secret": receipt.secret})
    page = client.get(reverse("portal:status", args=[petition.code])).content.decode()
    assert "Giải quyết vụ việc" in page and "Thụ lý" in page and document.title in page
    assert "Phạm Thu Hà" not in page.split("Văn bản gửi bạn")[0]  # no official's name in the steps
    download = client.get(reverse("portal:document", args=[petition.code, document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    stranger = client.__class__()
    assert stranger.get(reverse("portal:document", args=[petition.code, document.pk])).status_code == 404


def _unlocked(client):
    """Submit, register, and return the code this browser unlocked."""
    html = _submit(client).content.decode()
    code = re.search(r'id="tracking-code">([A-Z0-9-]+)<', html)
    assert code
    return code.group(1)


def test_the_citizen_adds_facts_and_evidence_and_the_handler_reads_them(client, intake_unit, officials):
    code = _unlocked(client)
    form = client.get(reverse("portal:status", args=[code])).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', form.split('id="bo-sung"')[1])
    assert key
    data = {"text": "Bổ sung biên bản đo mùi hôi ngày 20/11.", "idempotency_key": key.group(1),
            "attachments": SimpleUploadedFile("bien-ban.png", PNG, content_type="image/png")}
    response = client.post(reverse("portal:supplement", args=[code]), data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhận nội dung bổ sung của bạn" in page and "Bạn đã gửi bổ sung" in page
    sent = page.split('id="additions"')[1].split("</ul>")[0]
    assert "Bổ sung biên bản đo mùi hôi ngày 20/11." in sent and "bien-ban.png" in sent
    client.post(reverse("portal:supplement", args=[code]), {**data, "attachments": []})  # the same post again
    petition = Petition.objects.get(code=code)
    assert petition.supplements.count() == 1 and petition.attachments.filter(supplement__isnull=False).count() == 1
    client.force_login(officials["handler"])
    detail = client.get(reverse("petitions:detail", args=[code])).content.decode()
    assert "Bổ sung biên bản đo mùi hôi" in detail.split('id="supplements"')[1] and "bien-ban.png" in detail
    assert 'Người gửi bổ sung đơn · <span class="muted">người gửi</span>' in detail  # not the stored "citizen"


def test_an_empty_supplement_is_explained_and_a_stranger_cannot_add_one(client, intake_unit):
    code = _unlocked(client)
    refused = client.post(reverse("portal:supplement", args=[code]), {"text": "  ", "idempotency_key": "k"})
    assert refused.status_code == 400 and "Hãy ghi nội dung bổ sung" in refused.content.decode()
    stranger = client.__class__()
    assert stranger.post(reverse("portal:supplement", args=[code]), {"text": "Giả mạo."}).status_code == 404
    assert stranger.post(reverse("portal:withdraw", args=[code]), {"rut-confirm": "on"}).status_code == 404
    assert not Petition.objects.get(code=code).supplements.exists()


def test_the_citizen_asks_to_withdraw_once_and_the_desk_sees_the_request(client, intake_unit, officials):
    code = _unlocked(client)
    unconfirmed = client.post(reverse("portal:withdraw", args=[code]), {"rut-reason": "Đã giải quyết xong."})
    assert unconfirmed.status_code == 400 and not Petition.objects.get(code=code).supplements.exists()
    response = client.post(reverse("portal:withdraw", args=[code]),
                           {"rut-reason": "Gia đình đã tự thỏa thuận.", "rut-confirm": "on", "rut-idempotency_key": "w"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhận đề nghị rút đơn của bạn" in page and 'id="withdrawal-requested"' in page
    assert 'id="rut-don"' not in page  # asked once; the form is gone
    petition = Petition.objects.get(code=code)
    assert petition.supplements.get().kind == "withdrawal"
    client.force_login(officials["handler"])
    row = client.get(reverse("petitions:list")).content.decode().split(code, 1)[1].split("</tr>")[0]
    assert "đề nghị rút đơn" in row
