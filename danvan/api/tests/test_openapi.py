"""The served OpenAPI schema is valid, and the docs page works on an isolated network."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_served_schema_is_valid_openapi_and_names_every_endpoint(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/petitions", "/api/v1/petitions/{code}/status", "/api/v1/petitions/{code}/supplements",
        "/api/v1/staff/petitions",
        "/api/v1/staff/petitions/{code}", "/api/v1/staff/hotspots",
    }
    submit = schema["paths"]["/api/v1/petitions"]["post"]
    assert {"200", "201", "400", "422"} <= set(submit["responses"])
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in submit["parameters"])
    status = schema["paths"]["/api/v1/petitions/{code}/status"]["get"]
    assert any(p["name"] == "X-Tracking-Secret" and p["in"] == "header" for p in status["parameters"])
    staff = schema["paths"]["/api/v1/staff/petitions"]["get"]
    assert staff["security"] and {p["name"] for p in staff["parameters"]} >= {
        "q", "kind", "field", "unit", "status", "province", "received_from", "received_to", "due", "limit", "offset"}


def test_the_docs_page_loads_nothing_from_outside(client: Client) -> None:
    page = client.get("/api/v1/docs")

    assert page.status_code == 200
    html = page.content.decode()
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links and all(link.startswith("/api/v1/docs/assets/") for link in links)
    assert '"validatorUrl": null' in html
    for link in links:
        asset = client.get(link)
        assert asset.status_code == 200
        body = b"".join(asset.streaming_content)  # type: ignore[attr-defined]
        assert len(body) > 100


def test_only_the_docs_assets_are_served(client: Client) -> None:
    assert client.get("/api/v1/docs/assets/..%2F..%2F__init__.py").status_code == 404
    assert client.get("/api/v1/docs/assets/redoc.standalone.js").status_code == 404
