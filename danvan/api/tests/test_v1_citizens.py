"""The citizen's side of /api/v1: submit without logging in, then track with the code and the secret."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from danvan.audit.models import Event
from danvan.org.models import Unit, User
from danvan.people.models import Person
from danvan.petitions import services
from danvan.petitions.models import Channel, Kind, Petition, Submission
from danvan.petitions.submissions import submissions_register
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db

URL = "/api/v1/petitions"
CONTENT = ("Ngày 12/8/2026 UBND xã Hòa Vang ban hành Quyết định số 456/QĐ-UBND thu hồi 320 m² đất nông nghiệp "
           "của gia đình tôi nhưng giá bồi thường thấp hơn giá thị trường. Tôi khiếu nại quyết định này.")


def petition_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "full_name": "Nguyễn Văn An", "id_number": "001085012345", "phone": "0912345678",
        "address": "Thôn 3, xã Hòa Vang, TP Đà Nẵng", "subject": "Khiếu nại quyết định thu hồi đất",
        "content": CONTENT, "decision_text": "Quyết định số 456/QĐ-UBND ngày 12/8/2026",
        "request_text": "Hủy quyết định thu hồi đất", "province_code": 48, "letter_date": "2026-11-20",
        "consent": True,
    }
    body.update(overrides)
    return body


def post(client: Client, body: Any, **headers: str) -> Any:
    """Submit, then register what waits as the background task would."""
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    response = client.post(URL, data, content_type="application/json", headers=headers)
    submissions_register()
    return response


def test_a_submission_answers_201_with_code_secret_and_processing_due(client: Client, intake_unit: Unit) -> None:
    response = post(client, petition_body())

    assert response.status_code == 201
    body = response.json()
    petition = Petition.objects.get(code=body["code"])
    assert body["secret"] and body["created"] is True
    assert petition.processing_due is not None
    assert body["processing_due"] == petition.processing_due.isoformat()
    assert body["status_url"] == f"/api/v1/petitions/{petition.code}/status"
    assert petition.channel == Channel.PORTAL and petition.unit == intake_unit
    assert petition.petitioners.get().person.full_name == "Nguyễn Văn An"


def test_a_retry_with_the_same_idempotency_key_answers_200_with_the_same_code_and_no_secret(
    client: Client, intake_unit: Unit,
) -> None:
    first = post(client, petition_body(), **{"Idempotency-Key": "ung-dung-di-dong-7f3a"})
    again = post(client, petition_body(), **{"Idempotency-Key": "ung-dung-di-dong-7f3a"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["code"] == first.json()["code"]
    assert again.json()["secret"] is None and again.json()["created"] is False
    assert Petition.objects.count() == 1


def test_a_different_idempotency_key_from_another_person_files_a_second_petition(
    client: Client, intake_unit: Unit,
) -> None:
    post(client, petition_body(), **{"Idempotency-Key": "k1"})
    other = post(client, petition_body(full_name="Trần Thị Bình", id_number="001190054321"),
                 **{"Idempotency-Key": "k2"})

    assert other.status_code == 201
    assert Petition.objects.count() == 2


def test_an_unprintable_idempotency_key_is_refused(client: Client, intake_unit: Unit) -> None:
    response = post(client, petition_body(), **{"Idempotency-Key": "x" * 256})

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["detail"]
    assert not Petition.objects.exists()


@pytest.mark.parametrize(("overrides", "field"), [
    ({"content": None}, "content"),
    ({"content": "quá ngắn"}, "content"),
    ({"address": None}, "address"),
    ({"full_name": 12}, "full_name"),
    ({"consent": False}, "consent"),
    ({"letter_date": "2026-02-30"}, "letter_date"),
    ({"letter_date": "30/11/2026"}, "letter_date"),
    ({"letter_date": 1780000000}, "letter_date"),
    ({"letter_date": "2099-01-01"}, "letter_date"),
    ({"ward_code": 99999}, "ward_code"),
    ({"province_code": 999}, "province_code"),
    ({"phone": "12345"}, "phone"),
    ({"id_number": "12AB"}, "id_number"),
    ({"person_kind": "robot"}, "person_kind"),
    ({"nickname": "An"}, "nickname"),
])
def test_bad_input_answers_422_naming_the_field_and_stores_nothing(
    client: Client, intake_unit: Unit, overrides: dict[str, Any], field: str,
) -> None:
    body = {k: v for k, v in petition_body(**overrides).items() if v is not None}

    response = post(client, body)

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert field in errors and all(isinstance(m, str) and m for m in errors[field])
    assert not Petition.objects.exists() and not Person.objects.exists() and not Submission.objects.exists()


def test_field_messages_are_vietnamese_by_default_and_english_on_request(client: Client, intake_unit: Unit) -> None:
    body = {k: v for k, v in petition_body(full_name=7).items() if k != "content"}

    vi = post(client, body).json()
    en = post(client, body, **{"Accept-Language": "en"}).json()

    assert vi["errors"]["content"] == ["Trường này là bắt buộc."]
    assert en["errors"]["content"] == ["This field is required."]
    assert en["errors"]["full_name"] == ["Must be a string."]
    assert en["detail"] == "The submitted data is not valid."


@pytest.mark.parametrize("raw", ["{bad json", '{"content": ', "[1, 2]", '"chuỗi"', b"\xff\xfe\x00"])
def test_a_malformed_body_answers_400_with_a_clear_message_never_500(
    client: Client, intake_unit: Unit, raw: str | bytes,
) -> None:
    response = post(client, raw)

    assert response.status_code == 400
    assert response.json()["detail"] in ("Nội dung gửi lên không phải JSON hợp lệ.",
                                         "Nội dung gửi lên phải là một đối tượng JSON.")
    assert not Petition.objects.exists()


def test_an_empty_body_names_the_missing_fields(client: Client, intake_unit: Unit) -> None:
    response = post(client, {})

    assert response.status_code == 422
    assert {"full_name", "address", "content", "consent"} <= set(response.json()["errors"])


# --- tracking ---------------------------------------------------------------------------------------


def status_of(client: Client, code: str, secret: str | None) -> Any:
    headers = {"X-Tracking-Secret": secret} if secret is not None else {}
    return client.get(f"{URL}/{code}/status", headers=headers)


def test_the_code_and_secret_show_the_status_and_timeline(client: Client, intake_unit: Unit,
                                                          officials: dict[str, User]) -> None:
    receipt = post(client, petition_body()).json()
    petition = Petition.objects.get(code=receipt["code"])
    services.petition_classify(petition=petition, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    services.petition_decide(petition=petition, by=officials["handler"], outcome="guide",
                             target="UBND thành phố Đà Nẵng", reason="Không thuộc thẩm quyền của Bộ")

    response = status_of(client, receipt["code"], receipt["secret"].lower())

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == receipt["code"] and body["status"] == "guided" and body["open"] is False
    assert body["status_label"] == "Đã hướng dẫn"
    assert [s["label"] for s in body["steps"]] == [
        "Đã tiếp nhận đơn", "Đang xem xét, xử lý đơn", "Đã hướng dẫn gửi đơn đến cơ quan có thẩm quyền"]
    assert body["steps"][-1]["detail"] == "UBND thành phố Đà Nẵng"


def test_a_wrong_secret_a_wrong_code_and_no_secret_get_the_same_404(client: Client, intake_unit: Unit) -> None:
    mine = post(client, petition_body()).json()
    other = receive(intake_unit, petitioners=[services.PersonData(full_name="Lê Văn Cường", id_number="001077000111")])

    answers = [
        status_of(client, mine["code"], "SAIMABIMAT12"),
        status_of(client, "ZZZZ-ZZZZ", mine["secret"]),
        status_of(client, other.petition.code, mine["secret"]),  # my secret never opens another petition
        status_of(client, mine["code"], None),
        status_of(client, "X" * 40, mine["secret"]),
    ]

    assert {a.status_code for a in answers} == {404}
    assert len({a.content for a in answers}) == 1


def test_the_status_shows_no_persons_data(client: Client, intake_unit: Unit) -> None:
    receipt = post(client, petition_body()).json()

    body = status_of(client, receipt["code"], receipt["secret"])

    text = body.content.decode()
    for secret_value in ("Nguyễn Văn An", "001085012345", "0912345678", "Thôn 3", receipt["secret"]):
        assert secret_value not in text
    assert set(body.json()) == {"code", "subject", "status", "status_label", "open", "received_at",
                                "processing_due", "unit", "answer_text", "steps"}


def test_submitting_is_audited_as_the_citizen(client: Client, intake_unit: Unit) -> None:
    code = post(client, petition_body()).json()["code"]

    event = Event.objects.get(action="petition.receive")
    assert event.actor_id is None and event.actor_label == "citizen" and event.data["code"] == code


def supplement(client: Client, code: str, secret: str | None, body: Any, **headers: str) -> Any:
    if secret is not None:
        headers["X-Tracking-Secret"] = secret
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(f"{URL}/{code}/supplements", data, content_type="application/json", headers=headers)


def test_the_citizen_adds_facts_once_with_the_code_and_secret(client: Client, intake_unit: Unit) -> None:
    receipt = post(client, petition_body()).json()
    text = "Bổ sung: ngày 25/11/2026 xã đã cắm mốc trên phần đất đang khiếu nại."

    first = supplement(client, receipt["code"], receipt["secret"], {"text": text}, **{"Idempotency-Key": "s-1"})
    again = supplement(client, receipt["code"], receipt["secret"], {"text": text}, **{"Idempotency-Key": "s-1"})

    assert first.status_code == 201 and first.json()["created"] is True
    assert again.status_code == 200 and again.json()["created"] is False
    petition = Petition.objects.get(code=receipt["code"])
    assert [s.text for s in petition.supplements.all()] == [text]
    steps = status_of(client, receipt["code"], receipt["secret"]).json()["steps"]
    assert steps[-1]["label"] == "Bạn đã gửi bổ sung"


def test_a_supplement_without_the_secret_empty_or_to_a_closed_petition_is_refused(
        client: Client, intake_unit: Unit, officials: dict[str, User]) -> None:
    receipt = post(client, petition_body()).json()
    code, secret = receipt["code"], receipt["secret"]

    assert supplement(client, code, "SAIMABIMAT12", {"text": "Thêm."}).status_code == 404
    assert supplement(client, code, None, {"text": "Thêm."}).status_code == 404
    assert supplement(client, code, secret, {"text": ""}).status_code == 422
    assert supplement(client, code, secret, {"text": "   "}).status_code == 422
    assert supplement(client, code, secret, {"text": "Thêm.", "files": []}).status_code == 422
    assert supplement(client, code, secret, "[1, 2]").status_code == 400
    petition = Petition.objects.get(code=code)
    services.petition_classify(petition=petition, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    services.petition_decide(petition=petition, by=officials["handler"], outcome="archive", reason="Đơn trùng")
    closed = supplement(client, code, secret, {"text": "Thêm chứng cứ."})
    assert closed.status_code == 422 and "không nhận bổ sung" in closed.json()["detail"]
    assert not petition.supplements.exists()


def test_a_supplement_waits_until_the_submission_is_registered(client: Client, intake_unit: Unit) -> None:
    response = client.post(URL, json.dumps(petition_body()), content_type="application/json")
    receipt = response.json()

    waiting = supplement(client, receipt["code"], receipt["secret"], {"text": "Thêm chứng cứ."})

    assert waiting.status_code == 409 and "ít phút" in waiting.json()["detail"]
    submissions_register()
    assert supplement(client, receipt["code"], receipt["secret"], {"text": "Thêm chứng cứ."}).status_code == 201


def test_a_nul_character_in_a_supplement_is_refused_with_a_message(client: Client, intake_unit: Unit) -> None:
    receipt = post(client, petition_body()).json()

    response = supplement(client, receipt["code"], receipt["secret"], {"text": "Bổ sung\u0000 chứng cứ."})

    assert response.status_code == 422 and "text" in response.json()["errors"]
    assert not Petition.objects.get(code=receipt["code"]).supplements.exists()
