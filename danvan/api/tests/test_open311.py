"""Open311 GeoReport v2 at /open311/v2/: the spec's shapes in JSON and XML, strict input, no personal data."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import fromstring
from django.test import Client

from danvan.api.models import Open311Client, Open311Request
from danvan.api.services import open311_client_create
from danvan.org.models import Unit, User
from danvan.people.models import Person
from danvan.petitions import services
from danvan.petitions.models import Channel, Kind, Petition
from danvan.petitions.tests.factories import citizen, receive

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"
DESCRIPTION = "Bãi rác tự phát ven đường Nguyễn Tất Thành gây ô nhiễm, bốc mùi nhiều tháng nay, đề nghị xử lý."
SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
REQUEST_FIELDS = [
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
]


def xml(response: Any) -> Element:
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return fromstring(response.content)


def form(key: str, **overrides: str) -> dict[str, str]:
    data = {
        "api_key": key, "service_code": "recommendation", "lat": "16.061234", "long": "108.223456",
        "address_string": "Đường Nguyễn Tất Thành, phường Thanh Khê", "first_name": "Văn An", "last_name": "Nguyễn",
        "email": "an.nguyen@example.vn", "phone": "0912345678", "description": DESCRIPTION,
        "attribute[province_code]": "48", "attribute[request]": "Dọn bãi rác và lắp biển cấm đổ rác",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def ward_of(province: int) -> int:
    from danvan.org import places

    return places.wards(province)[0][0]


# --- discovery --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/open311/discovery.json", f"{BASE}/discovery.json"])
def test_service_discovery_in_json_points_at_the_v2_endpoint(client: Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200 and response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert list(body) == ["changeset", "contact", "key_service", "endpoints"]
    assert body["contact"] and body["key_service"]
    [endpoint] = body["endpoints"]
    # node-open311 picks the endpoint whose specification and type match these two strings exactly.
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2" and endpoint["type"] == "production"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["formats"] == ["text/xml", "application/json"] and endpoint["changeset"] == body["changeset"]
    assert client.get(endpoint["url"] + "/services.json").status_code == 200


def test_service_discovery_in_xml_has_the_specs_elements(client: Client, settings: Any) -> None:
    settings.DANVAN_OPEN311_CONTACT = "Ban Tiếp công dân, tiepcongdan@example.gov.vn, 0236 3822 000"

    root = xml(client.get("/open311/discovery.xml"))

    assert root.tag == "discovery" and [c.tag for c in root] == ["changeset", "contact", "key_service", "endpoints"]
    assert root.findtext("contact") == "Ban Tiếp công dân, tiepcongdan@example.gov.vn, 0236 3822 000"
    endpoint = root.find("endpoints/endpoint")
    assert endpoint is not None and endpoint.findtext("url") == "http://testserver/open311/v2"
    assert [f.text for f in endpoint.iterfind("formats/format")] == ["text/xml", "application/json"]


# --- services ---------------------------------------------------------------------------------------


def test_any_web_page_may_read_the_open_data_but_not_the_desk(client: Client) -> None:
    # A civic dashboard on its own site reads the public lists from the browser (CORS); the desk stays
    # same-origin, and a POST answer is not opened to other sites.
    origin = {"Origin": "https://ban-do-phan-anh.example"}
    for path in (f"{BASE}/services.json", f"{BASE}/requests.xml", "/open311/discovery.json"):
        response = client.get(path, headers=origin)
        assert response["Access-Control-Allow-Origin"] == "*", path
        assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    posted = client.post(f"{BASE}/requests.json", {"service_code": "recommendation"}, headers=origin)
    assert posted.status_code == 403 and "Access-Control-Allow-Origin" not in posted
    desk = client.get("/desk/", headers=origin)
    assert "Access-Control-Allow-Origin" not in desk and desk["Cross-Origin-Resource-Policy"] == "same-origin"


def test_services_json_lists_the_public_kinds_of_petition(client: Client) -> None:
    body = client.get(f"{BASE}/services.json").json()

    assert [s["service_code"] for s in body] == ["complaint", "denunciation", "recommendation"]
    assert all(list(s) == SERVICE_FIELDS and s["type"] == "realtime" and s["metadata"] is True for s in body)
    assert body[0]["service_name"] == "Khiếu nại"


def test_services_speak_english_on_request_keywords_included(client: Client) -> None:
    body = client.get(f"{BASE}/services.json", headers={"Accept-Language": "en"}).json()

    assert body[0]["service_name"] == "Complaint"
    assert body[0]["keywords"] == "complaint, administrative decision, land recovery, compensation"


def test_services_xml_has_the_specs_structure(client: Client) -> None:
    root = xml(client.get(f"{BASE}/services.xml"))

    assert root.tag == "services"
    assert [s.tag for s in root] == ["service"] * 3
    assert [c.tag for c in root[0]] == SERVICE_FIELDS
    assert root[0].findtext("metadata") == "true" and root[0].findtext("type") == "realtime"


def test_service_definition_json_and_xml(client: Client) -> None:
    body = client.get(f"{BASE}/services/complaint.json").json()
    root = xml(client.get(f"{BASE}/services/complaint.xml"))

    codes = [a["code"] for a in body["attributes"]]
    assert body["service_code"] == "complaint"
    assert {"full_name", "id_number", "decision_text", "request", "province_code", "ward_code"} <= set(codes)
    province = next(a for a in body["attributes"] if a["code"] == "province_code")
    assert province["datatype"] == "singlevaluelist" and len(province["values"]) == 34
    assert {"key": "48", "name": "Thành phố Đà Nẵng"} in province["values"]
    assert [a["order"] for a in body["attributes"]] == list(range(1, len(codes) + 1))

    assert root.tag == "service_definition" and root.findtext("service_code") == "complaint"
    attributes = root.find("attributes")
    assert attributes is not None and [a.findtext("code") for a in attributes] == codes
    first = attributes[0]
    assert [c.tag for c in first] == ["variable", "code", "datatype", "required", "datatype_description", "order",
                                      "description"]
    values = root.find("attributes/attribute[code='province_code']/values")
    assert values is not None and len(values) == 34 and [c.tag for c in values[0]] == ["key", "name"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_service_answers_404_in_the_error_format(client: Client, fmt: str) -> None:
    response = client.get(f"{BASE}/services/parking.{fmt}")

    assert response.status_code == 404
    if fmt == "json":
        assert response.json() == [{"code": 404, "description": "Không có dịch vụ parking."}]
    else:
        root = xml(response)
        assert root.tag == "errors" and [e.tag for e in root] == ["error"]
        assert root[0].findtext("code") == "404" and [c.tag for c in root[0]] == ["code", "description"]


# --- POST requests ------------------------------------------------------------------------------------


def test_posting_a_request_files_a_petition_on_the_api_channel(
    client: Client, open311_app: tuple[Open311Client, str], intake_unit: Unit,
) -> None:
    app, key = open311_app

    response = client.post(f"{BASE}/requests.json", form(key, **{"attribute[full_name]": ""}))

    assert response.status_code == 201
    [row] = response.json()
    petition = Petition.objects.get(code=row["service_request_id"])
    record = Open311Request.objects.get(petition=petition)
    assert record.petition == petition and record.client == app and record.service_code == "recommendation"
    assert str(record.lat) == "16.061234" and str(record.long) == "108.223456"
    assert petition.channel == Channel.API and petition.source_agency == app.name and petition.unit == intake_unit
    assert petition.content == DESCRIPTION and petition.province_code == 48
    assert petition.request_text == "Dọn bãi rác và lắp biển cấm đổ rác"
    assert "Nguyễn Tất Thành" in petition.place_text and "16.061234" in petition.place_text
    person = petition.petitioners.get().person
    assert (person.full_name, person.phone, person.email) == ("Nguyễn Văn An", "0912345678", "an.nguyen@example.vn")
    assert row["tracking_secret"] and "hạn xử lý" in row["service_notice"]
    assert services.secret_digest(row["tracking_secret"]) == petition.secret_hash


def test_posting_in_xml_answers_in_the_specs_shape(client: Client, open311_app: tuple[Open311Client, str]) -> None:
    _app, key = open311_app
    ward = ward_of(48)

    root = xml(client.post(f"{BASE}/requests.xml", form(key, service_code="complaint", **{
        "attribute[full_name]": "Nguyễn Văn An", "attribute[id_number]": "001085012345",
        "attribute[decision_text]": "Quyết định số 456/QĐ-UBND", "attribute[ward_code]": str(ward)})))

    assert root.tag == "service_requests" and [r.tag for r in root] == ["request"]
    request = root[0]
    assert [c.tag for c in request] == ["service_request_id", "service_notice", "account_id", "tracking_secret"]
    petition = Petition.objects.get(code=request.findtext("service_request_id"))
    assert petition.ward_code == ward and petition.decision_text == "Quyết định số 456/QĐ-UBND"
    assert petition.petitioners.get().person.id_number == "001085012345"


def test_a_json_body_is_accepted_with_attributes_as_an_object(
    client: Client, open311_app: tuple[Open311Client, str],
) -> None:
    _app, key = open311_app
    body = {"api_key": key, "service_code": "recommendation", "address_string": "Chợ Hàn", "description": DESCRIPTION,
            "attribute": {"province_code": 48}}

    response = client.post(f"{BASE}/requests.json", json.dumps(body), content_type="application/json")

    assert response.status_code == 201
    assert Petition.objects.get().anonymous is True


def test_a_retry_with_the_same_idempotency_key_returns_the_first_request(
    client: Client, open311_app: tuple[Open311Client, str],
) -> None:
    _app, key = open311_app

    first = client.post(f"{BASE}/requests.json", form(key), headers={"Idempotency-Key": "lan-1"})
    again = client.post(f"{BASE}/requests.json", form(key), headers={"Idempotency-Key": "lan-1"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()[0]["service_request_id"] == first.json()[0]["service_request_id"]
    assert "tracking_secret" not in again.json()[0]
    assert Petition.objects.count() == 1 and Open311Request.objects.count() == 1


@pytest.mark.parametrize("typed", ["0912 345 678", "0912.345.678", "(0912) 345-678", "+84 912 345 678", "0084912345678"])
def test_a_phone_number_as_the_user_typed_it_is_stored_in_its_ten_digit_form(
    client: Client, open311_app: tuple[Open311Client, str], typed: str,
) -> None:
    # FixMyStreet and its kind pass on the user's phone as typed; refusing it would refuse the whole report.
    _app, key = open311_app

    response = client.post(f"{BASE}/requests.json", form(key, phone=typed))

    assert response.status_code == 201, response.content
    assert Petition.objects.get().petitioners.get().person.phone == "0912345678"


def test_a_realtime_request_answers_its_id_without_a_token_as_the_spec_says(
    client: Client, open311_app: tuple[Open311Client, str],
) -> None:
    _app, key = open311_app

    [row] = client.post(f"{BASE}/requests.json", form(key)).json()

    # "token: This should not be returned if service_request_id is returned" (GeoReport v2, POST).
    assert list(row)[:3] == ["service_request_id", "service_notice", "account_id"] and "token" not in row
    assert Petition.objects.filter(code=row["service_request_id"]).exists()


def test_the_api_key_and_jurisdiction_in_the_query_string_are_accepted_as_the_python_open311_wrapper_sends_them(
    client: Client, open311_app: tuple[Open311Client, str],
) -> None:
    # codeforamerica's `open311` (PyPI 1.1) posts to requests.xml?jurisdiction_id=&api_key=KEY, the rest in the body.
    _app, key = open311_app
    body = form(key)
    del body["api_key"]

    response = client.post(f"{BASE}/requests.xml?{urlencode({'jurisdiction_id': '', 'api_key': key})}", body)

    assert response.status_code == 201, response.content
    assert xml(response).findtext("request/service_request_id") == Petition.objects.get().code


def test_fields_sent_only_in_the_query_string_of_a_post_are_read(
    client: Client, open311_app: tuple[Open311Client, str],
) -> None:
    _app, key = open311_app

    response = client.generic("POST", f"{BASE}/requests.json?{urlencode(form(key))}")

    assert response.status_code == 201, response.content
    assert Petition.objects.get().content == DESCRIPTION


def test_a_field_in_both_the_body_and_the_query_string_is_taken_from_the_body(
    client: Client, open311_app: tuple[Open311Client, str],
) -> None:
    _app, key = open311_app

    response = client.post(f"{BASE}/requests.json?api_key=dvo_sai&service_code=parking", form(key))

    assert response.status_code == 201, response.content
    assert Open311Request.objects.get().service_code == "recommendation"


def test_an_unknown_parameter_in_the_query_string_of_a_post_is_refused_like_one_in_the_body(
    client: Client, open311_app: tuple[Open311Client, str],
) -> None:
    _app, key = open311_app

    response = client.post(f"{BASE}/requests.json?zipcode=550000", form(key))

    assert response.status_code == 400
    assert "Tham số không được hỗ trợ: zipcode." in [e["description"] for e in response.json()]
    assert not Petition.objects.exists()


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"service_code": ""}, "Thiếu service_code."),
    ({"service_code": "parking"}, "service_code: không có dịch vụ parking."),
    ({"lat": "", "long": "", "address_string": ""}, "Cần vị trí: lat và long, hoặc address_string."),
    ({"long": ""}, "lat và long phải gửi cùng nhau."),
    ({"lat": "91"}, "lat: phải là số trong khoảng -90 đến 90."),
    ({"long": "NaN"}, "long: phải là số trong khoảng -180 đến 180."),
    ({"description": "Rác"}, "description: cần trình bày nội dung, ít nhất 20 ký tự."),
    ({"phone": "84912345678"}, "phone: Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."),
    ({"phone": "+84 12 345 678"}, "phone: Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."),
    ({"phone": "0912 345 67"}, "phone: Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."),
    ({"email": "khong-phai-thu"}, "email: "),
    ({"media_url": "ftp://example.vn/a.jpg"}, "media_url: "),
    ({"attribute[province_code]": "99"}, "attribute[province_code]: giá trị 99 không có trong danh sách."),
    ({"attribute[ward_code]": "26734"}, "attribute[ward_code]: 26734 không phải là xã, phường của tỉnh"),
    ({"attribute[province_code]": "", "attribute[ward_code]": "20194"}, "cần kèm attribute[province_code]"),
    ({"attribute[ward_code]": "abc"}, "attribute[ward_code]: không đúng định dạng"),
    ({"attribute[province_code]": "²"}, "attribute[province_code]: "),  # a digit to str.isdigit(), not to int()
    ({"attribute[id_number]": "12345"}, "attribute[id_number]: không đúng định dạng"),
    ({"attribute[decision_text]": "x"}, "attribute[decision_text]: dịch vụ recommendation không có thuộc tính này."),
    ({"attribute[colour]": "đỏ"}, "attribute[colour]: dịch vụ recommendation không có thuộc tính này."),
    ({"zipcode": "550000"}, "Tham số không được hỗ trợ: zipcode."),
    ({"address_string": "", "lat": "", "long": "", "address_id": "42"}, "address_id chưa được hỗ trợ"),
    ({"first_name": "", "last_name": ""}, "Cần họ tên người gửi"),
    ({"service_code": "denunciation", "first_name": "", "last_name": "", "phone": "", "email": ""},
     "Cần họ tên người gửi"),
])
def test_bad_input_answers_400_in_the_error_format_and_stores_nothing(
    client: Client, open311_app: tuple[Open311Client, str], overrides: dict[str, str], expected: str,
) -> None:
    _app, key = open311_app

    response = client.post(f"{BASE}/requests.json", form(key, **overrides))

    assert response.status_code == 400
    errors = response.json()
    assert all(set(e) == {"code", "description"} and e["code"] == 400 for e in errors)
    assert any(expected in e["description"] for e in errors), errors
    assert not Petition.objects.exists() and not Person.objects.exists() and not Open311Request.objects.exists()


def test_every_mistake_is_reported_at_once(client: Client, open311_app: tuple[Open311Client, str]) -> None:
    _app, key = open311_app

    root = xml(client.post(f"{BASE}/requests.xml", form(key, service_code="parking", lat="200", description="x")))

    assert root.tag == "errors" and len(root) == 3


def test_a_repeated_parameter_is_refused(client: Client, open311_app: tuple[Open311Client, str]) -> None:
    _app, key = open311_app
    body = "&".join([f"api_key={key}", "service_code=recommendation", "service_code=complaint",
                     "address_string=Ch%E1%BB%A3", f"description={DESCRIPTION}"])

    response = client.post(f"{BASE}/requests.json", body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert "service_code: chỉ được gửi một lần." in [e["description"] for e in response.json()]


@pytest.mark.parametrize(("body", "content_type"), [
    ("{không phải json", "application/json"),
    ("[1, 2]", "application/json"),
    ('{"api_key": ["a", "b"]}', "application/json"),
    ("<service_request/>", "application/xml"),
])
def test_malformed_bodies_answer_400(
    client: Client, open311_app: tuple[Open311Client, str], body: str, content_type: str,
) -> None:
    response = client.post(f"{BASE}/requests.json", body, content_type=content_type)

    assert response.status_code == 400 and response.json()[0]["code"] == 400
    assert not Petition.objects.exists()


def test_a_missing_wrong_or_revoked_key_is_403_as_the_spec_says(
    client: Client, open311_app: tuple[Open311Client, str],
) -> None:
    app, key = open311_app

    missing = client.post(f"{BASE}/requests.json", form(key, api_key=""))
    wrong = client.post(f"{BASE}/requests.json", form("dvo_sai"))
    Open311Client.objects.filter(pk=app.pk).update(active=False)
    revoked = client.post(f"{BASE}/requests.json", form(key))

    assert missing.status_code == 403 and missing.json() == [{"code": 403, "description": "Thiếu api_key."}]
    assert (wrong.status_code, revoked.status_code) == (403, 403)
    assert not Petition.objects.exists()


def test_errors_speak_english_on_request(client: Client, open311_app: tuple[Open311Client, str]) -> None:
    _app, key = open311_app

    response = client.post(f"{BASE}/requests.json", form(key, service_code="parking"),
                           headers={"Accept-Language": "en"})

    assert response.json() == [{"code": 400, "description": "service_code: no service parking."}]


def test_a_file_upload_is_refused(client: Client, open311_app: tuple[Open311Client, str]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    _app, key = open311_app
    data: dict[str, Any] = {**form(key), "media": SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff" + b"0" * 100)}

    response = client.post(f"{BASE}/requests.json", data)

    assert response.status_code == 400
    assert not Petition.objects.exists()


# --- GET requests -------------------------------------------------------------------------------------


@pytest.fixture
def filed(client: Client, open311_app: tuple[Open311Client, str], intake_unit: Unit,
          officials: dict[str, User]) -> dict[str, str]:
    """A recommendation and a denunciation through Open311; a complaint, a denunciation and an unclassified
    petition at the desk."""
    _app, key = open311_app
    codes = {
        "o311_recommendation": client.post(f"{BASE}/requests.json", form(key)).json()[0]["service_request_id"],
        "o311_denunciation": client.post(f"{BASE}/requests.json", form(
            key, service_code="denunciation", phone="0987654321",
            description="Tố cáo cán bộ địa chính phường nhận tiền để hợp thức hóa đất lấn chiếm.")).json()[0][
            "service_request_id"],
    }
    handler = officials["handler"]
    complaint = receive(intake_unit).petition
    services.petition_classify(petition=complaint, by=handler, kind=Kind.COMPLAINT, field=None)
    denunciation = receive(intake_unit, petitioners=[citizen("Hoàng Văn Tố", "001070000999")],
                           content="Tố cáo chủ tịch xã chiếm dụng đất công làm nhà riêng.").petition
    services.petition_classify(petition=denunciation, by=handler, kind=Kind.DENUNCIATION, field=None)
    unclassified = receive(intake_unit, petitioners=[citizen("Đỗ Thị Nga", "001080000888")],
                           content="Đề nghị xem xét lại việc cấp giấy chứng nhận quyền sử dụng đất.").petition
    codes.update(desk_complaint=complaint.code, desk_denunciation=denunciation.code,
                 desk_unclassified=unclassified.code)
    return codes


def _listed(client: Client, **params: str) -> list[str]:
    response = client.get(f"{BASE}/requests.json", params)
    assert response.status_code == 200, response.content
    return [r["service_request_id"] for r in response.json()]


def test_the_public_list_never_shows_a_denunciation_or_an_unclassified_desk_petition(
    client: Client, filed: dict[str, str],
) -> None:
    listed = _listed(client, start_date="2026-09-01T00:00:00+07:00", end_date="2026-11-29T00:00:00+07:00")
    listed += _listed(client)

    assert filed["o311_recommendation"] in listed and filed["desk_complaint"] in listed
    for hidden in ("o311_denunciation", "desk_denunciation", "desk_unclassified"):
        assert filed[hidden] not in listed


def test_a_denunciation_stays_hidden_when_classified_as_something_else_and_vice_versa(
    client: Client, filed: dict[str, str], officials: dict[str, User],
) -> None:
    chosen_as_denunciation = Petition.objects.get(code=filed["o311_denunciation"])
    services.petition_classify(petition=chosen_as_denunciation, by=officials["handler"], kind=Kind.COMPLAINT,
                               field=None)
    recommendation = Petition.objects.get(code=filed["o311_recommendation"])
    services.petition_classify(petition=recommendation, by=officials["handler"], kind=Kind.MIXED, field=None)

    listed = _listed(client, service_request_id=",".join(filed.values()))

    assert listed == [filed["desk_complaint"]]


def test_the_public_list_holds_no_persons_data(client: Client, filed: dict[str, str]) -> None:
    json_text = client.get(f"{BASE}/requests.json").content.decode()
    xml_text = client.get(f"{BASE}/requests.xml").content.decode()

    for text in (json_text, xml_text):
        for private in ("Nguyễn", "0912345678", "an.nguyen@example.vn", "001085012345", "Nguyễn Tất Thành",
                        "16.061234", "Bãi rác", "thu hồi"):
            assert private not in text


def test_the_public_list_in_both_formats(client: Client, filed: dict[str, str]) -> None:
    rows = client.get(f"{BASE}/requests.json").json()
    root = xml(client.get(f"{BASE}/requests.xml"))

    assert all(list(r) == REQUEST_FIELDS for r in rows)
    row = next(r for r in rows if r["service_request_id"] == filed["o311_recommendation"])
    assert row["status"] == "open" and row["service_code"] == "recommendation"
    assert row["agency_responsible"] == "Ban Tiếp công dân" and row["address"] == "Thành phố Đà Nẵng"
    assert row["requested_datetime"].endswith("+07:00") and row["expected_datetime"].endswith("T23:59:59+07:00")
    assert root.tag == "service_requests" and len(root) == len(rows)
    assert [c.tag for c in root[0]] == REQUEST_FIELDS


def test_list_filters(client: Client, filed: dict[str, str], officials: dict[str, User]) -> None:
    complaint = Petition.objects.get(code=filed["desk_complaint"])
    services.petition_decide(petition=complaint, by=officials["handler"], outcome="guide",
                             target="Tòa án nhân dân thành phố Đà Nẵng")

    assert _listed(client, service_code="complaint") == [filed["desk_complaint"]]
    assert _listed(client, service_code="recommendation,complaint", status="open") == [filed["o311_recommendation"]]
    assert _listed(client, status="closed") == [filed["desk_complaint"]]
    assert _listed(client, status="open,closed", service_code="complaint") == [filed["desk_complaint"]]
    assert _listed(client, service_request_id=filed["o311_recommendation"].lower(), status="closed") == [
        filed["o311_recommendation"]]  # ids override every other filter, as the spec says
    assert _listed(client, start_date="2020-01-01", end_date="2020-03-01") == []


@pytest.mark.parametrize(("params", "expected"), [
    ({"start_date": "2026-02-30T00:00:00Z"}, "start_date: không phải ngày giờ hợp lệ"),
    ({"end_date": "hôm qua"}, "end_date: không phải ngày giờ hợp lệ"),
    ({"start_date": "2026-01-01", "end_date": "2026-06-01"}, "Khoảng thời gian không được quá 90 ngày."),
    ({"start_date": "2026-06-01", "end_date": "2026-05-01"}, "end_date phải sau start_date."),
    ({"status": "pending"}, "status: chỉ nhận open hoặc closed, không nhận pending."),
    ({"service_code": "complaint,parking"}, "service_code: không có dịch vụ parking."),
    ({"service_request_id": "A'; DROP"}, "service_request_id: mã A'; DROP không hợp lệ."),
    ({"page": "2"}, "Tham số không được hỗ trợ: page."),
])
def test_bad_list_parameters_answer_400(client: Client, params: dict[str, str], expected: str) -> None:
    for fmt in ("json", "xml"):
        response = client.get(f"{BASE}/requests.{fmt}", params)
        assert response.status_code == 400
    assert any(expected in e["description"] for e in client.get(f"{BASE}/requests.json", params).json())


def test_a_browsers_cache_buster_is_ignored_on_the_list(client: Client, filed: dict[str, str]) -> None:
    # jQuery's `cache: false` appends `_=<timestamp>` to every GET.
    plain = client.get(f"{BASE}/requests.json", {"service_code": "recommendation"})
    busted = client.get(f"{BASE}/requests.json", {"service_code": "recommendation", "_": "1795312345678"})
    assert busted.status_code == 200 and busted.json() == plain.json() and plain.json()


def test_one_request_by_id(client: Client, filed: dict[str, str]) -> None:
    code = filed["o311_recommendation"]

    rows = client.get(f"{BASE}/requests/{code}.json").json()
    root = xml(client.get(f"{BASE}/requests/{code}.xml"))
    hidden = client.get(f"{BASE}/requests/{filed['o311_denunciation']}.json")
    unknown = client.get(f"{BASE}/requests/ZZZZ-ZZZZ.xml")

    assert [r["service_request_id"] for r in rows] == [code]
    assert root.tag == "service_requests" and root.findtext("request/service_request_id") == code
    assert hidden.status_code == 404 and hidden.json()[0]["code"] == 404
    assert unknown.status_code == 404 and xml(unknown).tag == "errors"
    assert hidden.content.replace(filed["o311_denunciation"].encode(), b"") == client.get(
        f"{BASE}/requests/ZZZZ-ZZZZ.json").content.replace(b"ZZZZ-ZZZZ", b"")


def test_a_token_leads_to_its_request_id(client: Client, open311_app: tuple[Open311Client, str]) -> None:
    _app, key = open311_app
    filed = client.post(f"{BASE}/requests.json", form(key)).json()[0]
    token = Open311Request.objects.get(petition__code=filed["service_request_id"]).token

    rows = client.get(f"{BASE}/tokens/{token}.json").json()
    root = xml(client.get(f"{BASE}/tokens/{token}.xml"))

    assert rows == [{"service_request_id": filed["service_request_id"], "token": token}]
    assert root.tag == "service_requests" and [c.tag for c in root[0]] == ["service_request_id", "token"]
    assert client.get(f"{BASE}/tokens/0000.json").status_code == 404


def test_other_methods_answer_405(client: Client) -> None:
    response = client.delete(f"{BASE}/requests.json")

    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, POST"
    assert client.post(f"{BASE}/services.xml").status_code == 405


@pytest.mark.parametrize("path", ["/services.json", "/services/complaint.xml", "/requests.json"])
def test_head_is_answered_wherever_get_is(client: Client, path: str) -> None:
    head = client.head(f"{BASE}{path}")

    assert head.status_code == 200 and head["Content-Type"] == client.get(f"{BASE}{path}")["Content-Type"]


def test_a_plus_sent_unencoded_in_a_date_offset_is_read_back(client: Client, filed: dict[str, str]) -> None:
    # ?start_date=2026-09-01T00:00:00+07:00 typed into a URL: the query string decodes that "+" to a space.
    raw = client.get(f"{BASE}/requests.json?start_date=2026-09-01T00:00:00+07:00&end_date=2026-11-29T00:00:00+0700")
    encoded = client.get(f"{BASE}/requests.json", {"start_date": "2026-09-01T00:00:00+07:00",
                                                   "end_date": "2026-11-29T00:00:00+07:00"})

    assert raw.status_code == 200, raw.content
    assert raw.json() == encoded.json() and filed["o311_recommendation"] in [r["service_request_id"] for r in raw.json()]


@pytest.mark.parametrize(("path", "fmt"), [
    ("/open311/v2/servics.json", "json"), ("/open311/v2/services.csv", "json"), ("/open311/v2/requests/A B.xml", "xml"),
    ("/open311/v3/services.xml", "xml"), ("/open311/", "json"),
])
def test_any_other_address_under_open311_answers_404_in_the_error_format(client: Client, path: str, fmt: str) -> None:
    for response in (client.get(path), client.post(path, {"api_key": "x"})):
        assert response.status_code == 404
        if fmt == "xml":
            assert xml(response).findtext("error/code") == "404"
        else:
            assert response.json()[0]["code"] == 404 and "discovery" in response.json()[0]["description"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_rate_limit_answers_in_the_open311_error_format_of_the_format_asked(
    client: Client, settings: Any, fmt: str,
) -> None:
    settings.DANVAN_RATE_LIMITS = {**settings.DANVAN_RATE_LIMITS, "submit": "1/3600"}
    client.post(f"{BASE}/requests.{fmt}", {}, REMOTE_ADDR=f"10.9.9.{len(fmt)}")

    response = client.post(f"{BASE}/requests.{fmt}", {}, REMOTE_ADDR=f"10.9.9.{len(fmt)}")

    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    if fmt == "xml":
        root = xml(response)
        assert root.tag == "errors" and root.findtext("error/code") == "429"
    else:
        [error] = response.json()
        assert error["code"] == 429 and "quá nhiều yêu cầu" in error["description"]


def test_a_registered_app_filing_for_many_citizens_from_one_server_is_counted_by_its_key_not_its_address(
    client: Client, open311_app: tuple[Open311Client, str], settings: Any,
) -> None:
    _app, key = open311_app
    _other_app, other_key = open311_client_create(name="Ứng dụng thứ hai")
    settings.DANVAN_RATE_LIMITS = {**settings.DANVAN_RATE_LIMITS, "submit": "2/3600", "open311_client": "4/3600"}
    server = Client(REMOTE_ADDR="10.7.7.7")

    def post(api_key: str, i: int) -> int:
        data = form(api_key, description=f"{DESCRIPTION} Lần phản ánh thứ {i}.", phone=f"09{i:08d}")
        return server.post(f"{BASE}/requests.json", data).status_code

    by_app = [post(key, i) for i in range(5)]
    by_other_app = post(other_key, 9)
    keyless = [server.post(f"{BASE}/requests.json", {}).status_code for _ in range(3)]
    wrong_key = server.post(f"{BASE}/requests.json", form("dvo_sai")).status_code

    assert by_app == [201, 201, 201, 201, 429] and by_other_app == 201
    assert keyless == [403, 403, 429] and wrong_key == 429
    assert Petition.objects.count() == 5
