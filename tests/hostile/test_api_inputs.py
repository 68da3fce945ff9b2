"""Hostile strings through the JSON API and Open311: never a server error, nothing stored on refusal, and
what is stored comes back as the same text (escaped wherever it is shown)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from danvan.api.services import open311_client_create
from danvan.petitions.models import Petition
from danvan.petitions.submissions import submissions_register
from tests.hostile.conftest import HOSTILE, SURROGATE, changed_tables, table_counts

pytestmark = pytest.mark.django_db

CONTENT = "Đề nghị kiểm tra việc đổ trộm rác thải xây dựng ra bờ sông tại thôn 3."
VALID = {"full_name": "Nguyễn Văn An", "address": "Thôn 3, xã Hòa Vang", "content": CONTENT, "consent": True}
TEXT_FIELDS = ["full_name", "representative_name", "address", "subject", "content", "decision_text",
               "request_text", "place_text", "id_number", "phone", "email"]


def _post_json(client: Client, body: str | bytes, key: str = "") -> Any:
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    response = client.post("/api/v1/petitions", data=body, content_type="application/json", **headers)
    # Registered as the background task would: what was acknowledged must also register.
    assert submissions_register() == (1 if response.status_code == 201 else 0)
    return response


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_api_submit_with_a_hostile_string_never_fails(client, intake_unit, field, name):
    value = HOSTILE[name]
    payload = {**VALID, field: (value + " " + CONTENT) if field == "content" else value}
    before = table_counts()
    response = _post_json(client, json.dumps(payload), key=f"{field}-{name}")
    assert response.status_code in (201, 400, 422), response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    if response.status_code == 201:
        petition = Petition.objects.get(code=response.json()["code"])
        if field == "content" and "\x00" not in value:
            assert " ".join(value.split())[:50] in petition.content or name in ("nfd_decomposed", "bidi", "control")
    else:
        assert changed_tables(before, table_counts()) == {}


@pytest.mark.parametrize("field", ["full_name", "content", "address", "subject"])
def test_api_refuses_a_lone_surrogate_and_stores_nothing(client, intake_unit, field):
    body = json.dumps({**VALID, field: f"{SURROGATE} {CONTENT}"})  # JSON carries it as \ud800
    before = table_counts()
    response = _post_json(client, body)
    assert response.status_code in (400, 422), response.content[:300]
    assert changed_tables(before, table_counts()) == {}


@pytest.mark.parametrize("body", [
    b'{"content": "\xff\xfe invalid utf-8", "consent": true}',
    b'{"content": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b"[]", b"null", b'"x"', b"", b"{" * 100_000,
    json.dumps({**VALID, "province_code": 10**30}).encode(),
    json.dumps({**VALID, "letter_date": "2026-02-30"}).encode(),
    json.dumps({**VALID, "letter_date": "9999-12-31"}).encode(),
])
def test_api_refuses_malformed_bodies_without_a_server_error(client, intake_unit, body):
    before = table_counts()
    response = _post_json(client, body)
    assert response.status_code in (400, 422), (body[:60], response.content[:300])
    assert changed_tables(before, table_counts()) == {}


def test_api_stored_script_is_shown_escaped_on_the_desk(client, intake_unit, officials):
    from conftest import TEST_PASSWORD

    payload = {**VALID, "subject": HOSTILE["script"], "content": f"{HOSTILE['attribute']} {CONTENT}"}
    code = _post_json(client, json.dumps(payload)).json()["code"]
    staff = Client()
    assert staff.login(username="xuly", password=TEST_PASSWORD)
    page = staff.get(f"/desk/p/{code}/").content.decode()
    assert '<script>alert("xss")</script>' not in page
    assert "<img src=x onerror" not in page
    assert "&lt;script&gt;" in page
    listing = staff.get("/desk/", {"q": HOSTILE["script"]}).content.decode()
    assert '<script>alert("xss")</script>' not in listing


@pytest.mark.parametrize("query", [HOSTILE["fts_syntax"], HOSTILE["sql_quote"], '"', "*", "NEAR(", HOSTILE["nul"],
                                   "a" * 500])
def test_staff_search_with_hostile_query_never_fails(client, intake_unit, officials, query):
    from conftest import TEST_PASSWORD

    _post_json(client, json.dumps(VALID))
    assert client.login(username="xuly", password=TEST_PASSWORD)
    response = client.get("/desk/", {"q": query})
    # A NUL byte in a URL is refused before any view (danvan.security.middleware.NulByteMiddleware).
    assert response.status_code == (400 if "\x00" in query else 200)


# --- Open311 ------------------------------------------------------------------------------------------


@pytest.fixture
def api_key(intake_unit) -> str:
    return open311_client_create(name="Ứng dụng thử")[1]


OPEN311_FIELDS = ["description", "address_string", "first_name", "last_name", "email", "phone", "device_id",
                  "account_id", "media_url", "attribute[full_name]", "attribute[subject]", "attribute[request]",
                  "attribute[id_number]", "attribute[province_code]", "attribute[ward_code]", "lat", "long",
                  "service_code", "jurisdiction_id"]


def _open311_valid(key: str) -> dict[str, str]:
    return {"api_key": key, "service_code": "recommendation", "description": CONTENT,
            "address_string": "Thôn 3, xã Hòa Vang", "attribute[full_name]": "Nguyễn Văn An"}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("field", OPEN311_FIELDS)
def test_open311_post_with_a_hostile_string_never_fails(client, api_key, field, name):
    data = _open311_valid(api_key)
    data[field] = HOSTILE[name] + (" " + CONTENT if field == "description" else "")
    before = table_counts()
    response = client.post("/open311/v2/requests.json", data=data)
    assert response.status_code in (200, 201, 400), response.content[:300]
    if response.status_code == 400:
        assert changed_tables(before, table_counts()) == {}
        assert isinstance(response.json(), list)


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_open311_json_body_and_reads_with_hostile_strings_never_fail(client, api_key, fmt, name):
    body = json.dumps({**_open311_valid(api_key), "description": HOSTILE[name] + " " + CONTENT,
                       "attribute": {"subject": HOSTILE[name]}})
    response = client.post(f"/open311/v2/requests.{fmt}", data=body, content_type="application/json")
    assert response.status_code in (200, 201, 400), response.content[:300]
    for url in (f"/open311/v2/requests.{fmt}", f"/open311/v2/requests/{name}.{fmt}",
                f"/open311/v2/tokens/{name}.{fmt}", f"/open311/v2/services/{name}.{fmt}"):
        assert client.get(url).status_code in (200, 400, 404)
    params = {"service_request_id": HOSTILE[name][:200], "start_date": HOSTILE[name][:100],
              "status": HOSTILE[name][:50], "service_code": HOSTILE[name][:50]}
    assert client.get(f"/open311/v2/requests.{fmt}", params).status_code == 400


def test_open311_refuses_a_lone_surrogate_and_invalid_utf8(client, api_key):
    before = table_counts()
    body = json.dumps({**_open311_valid(api_key), "description": f"{SURROGATE} {CONTENT}"})
    assert client.post("/open311/v2/requests.json", data=body, content_type="application/json").status_code == 400
    raw = f"api_key={api_key}&service_code=recommendation&address_string=x&description=".encode() + b"%FF%FE%00" * 20
    response = client.post("/open311/v2/requests.json", data=raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (201, 400)
    assert changed_tables(before, table_counts()) in ({}, changed_tables(before, table_counts()))
    if response.status_code == 400:
        assert changed_tables(before, table_counts()) == {}
