"""A civic app's view: the Open311 endpoints driven over real HTTP with `requests`, as a third party would."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from defusedxml.ElementTree import fromstring

from danvan.api.services import open311_client_create
from danvan.org.models import Unit

# Transactional: the live server answers from another thread (the reference data that migrations seed is
# seeded again by conftest.reference_data_after_a_flush).
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_civic_app_discovers_files_and_follows_a_request(live_server: Any) -> None:
    Unit.objects.create(code="ban-tcd-live", name="Ban Tiếp công dân", kind=Unit.Kind.DEPARTMENT)
    _client, key = open311_client_create(name="Ứng dụng Đà Nẵng Smart City")
    base = f"{live_server.url}/open311/v2"
    session = requests.Session()
    session.headers["Accept-Language"] = "vi"

    from django.test import override_settings

    with override_settings(DANVAN_PORTAL_UNIT_CODE="ban-tcd-live"):
        services = session.get(f"{base}/services.json", timeout=30)
        assert services.status_code == 200 and services.headers["Content-Type"].startswith("application/json")
        codes = [s["service_code"] for s in services.json()]
        assert "recommendation" in codes

        definition = fromstring(session.get(f"{base}/services/recommendation.xml", timeout=30).content)
        assert definition.tag == "service_definition"
        attribute_codes = [a.findtext("code") for a in definition.iterfind("attributes/attribute")]
        assert "province_code" in attribute_codes

        # The spec's way: form-encoded, attributes as attribute[code].
        posted = session.post(f"{base}/requests.json", data={
            "api_key": key, "service_code": "recommendation", "lat": "16.0544", "long": "108.2022",
            "address_string": "Cầu Rồng, Đà Nẵng", "first_name": "Thị Bình", "last_name": "Trần",
            "phone": "0905123456", "description": "Đèn chiếu sáng trên cầu bị hỏng nhiều ngày, đi lại ban đêm nguy hiểm.",
            "attribute[province_code]": "48",
        }, timeout=30)
        assert posted.status_code == 201, posted.text
        [receipt] = posted.json()

        # A realtime service: the id comes at once, with no token to exchange (GeoReport v2, POST).
        assert "token" not in receipt and receipt["account_id"] is None

        listed = session.get(f"{base}/requests.json", params={"service_code": "recommendation", "status": "open"},
                             timeout=30)
        assert [r["service_request_id"] for r in listed.json()] == [receipt["service_request_id"]]
        assert "Trần" not in listed.text and "0905123456" not in listed.text

        one = fromstring(session.get(f"{base}/requests/{receipt['service_request_id']}.xml", timeout=30).content)
        assert one.findtext("request/status") == "open"

        refused = session.post(f"{base}/requests.xml", data={"api_key": "sai", "service_code": "recommendation"},
                               timeout=30)
        assert refused.status_code == 403
        assert fromstring(refused.content).findtext("error/code") == "403"

        # The tracking secret the app received opens the citizen's status in the JSON API.
        status = session.get(f"{live_server.url}/api/v1/petitions/{receipt['service_request_id']}/status",
                             headers={"X-Tracking-Secret": receipt["tracking_secret"]}, timeout=30)
        assert status.status_code == 200 and status.json()["status"] == "received"


def test_clients_that_discover_the_endpoint_and_post_their_key_in_the_url_work_over_http(live_server: Any) -> None:
    """What node `open311` (discovery, then `endpoint + "services.json"`) and the Python `open311` wrapper
    (POST to requests.xml?jurisdiction_id=&api_key=…, the rest in the body, XML back) send, over real HTTP."""
    from django.test import override_settings

    Unit.objects.create(code="ban-tcd-live", name="Ban Tiếp công dân", kind=Unit.Kind.DEPARTMENT)
    _client, key = open311_client_create(name="Ứng dụng Huế S")
    session = requests.Session()

    with override_settings(DANVAN_PORTAL_UNIT_CODE="ban-tcd-live"):
        discovered = session.get(f"{live_server.url}/open311/discovery.json", timeout=30).json()
        [endpoint] = [e for e in discovered["endpoints"]
                      if e["specification"] == "http://wiki.open311.org/GeoReport_v2" and e["type"] == "production"]
        base = endpoint["url"].rstrip("/") + "/"
        assert session.get(base + "services.json", timeout=30).status_code == 200

        posted = session.post(base + "requests.xml", params={"jurisdiction_id": "", "api_key": key}, data={
            "service_code": "recommendation", "address_string": "Cầu Trường Tiền, Huế", "first_name": "Văn Hùng",
            "last_name": "Lê", "phone": "+84 905 123 456",
            "description": "Đèn trang trí trên cầu Trường Tiền tắt nhiều đêm liền, đề nghị kiểm tra.",
        }, timeout=30)
        assert posted.status_code == 201, posted.text
        request = fromstring(posted.content).find("request")
        assert request is not None and request.find("token") is None
        code = request.findtext("service_request_id")
        one = fromstring(session.get(f"{base}requests/{code}.xml", timeout=30).content)
        assert one.findtext("request/service_request_id") == code

        missing = session.get(base + "service/recommendation.xml", timeout=30)
        assert missing.status_code == 404 and fromstring(missing.content).findtext("error/code") == "404"


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_georeport_client_library_reads_services_and_requests(live_server: Any, output_format: str) -> None:
    """`georeport` (PyPI), a third-party GeoReport v2 client, as a civic app uses it: in JSON, and in XML
    parsed by xmltodict; with a jurisdiction_id, which a single-jurisdiction server accepts and ignores."""
    from georeport import GeoReport

    Unit.objects.create(code="ban-tcd-live", name="Ban Tiếp công dân", kind=Unit.Kind.DEPARTMENT)
    _client, key = open311_client_create(name="Ứng dụng phản ánh hiện trường")
    base = f"{live_server.url}/open311/v2"
    from django.test import override_settings

    with override_settings(DANVAN_PORTAL_UNIT_CODE="ban-tcd-live"):
        posted = requests.post(f"{base}/requests.json", data={
            "api_key": key, "service_code": "recommendation", "address_string": "Chợ Đông Ba, Huế",
            "description": "Nước thải từ chợ chảy tràn ra đường Trần Hưng Đạo, đề nghị khơi thông cống.",
            "attribute[province_code]": "46",
        }, timeout=30)
        assert posted.status_code == 201, posted.text
        code = posted.json()[0]["service_request_id"]

        client = GeoReport(base, jurisdiction="hue.gov.vn", output_format=output_format)
        services = client.get_service_list()
        codes = [s["service_code"] for s in services]
        assert {"complaint", "denunciation", "recommendation"} <= set(codes)
        definition = client.get_service_definition("recommendation")
        assert definition["service_code"] == "recommendation" and definition["attributes"]

        listed = client.get_service_requests(service_code="recommendation", status="open")
        rows = listed if isinstance(listed, list) else [listed]  # xmltodict gives one <request> as a dict
        assert [r["service_request_id"] for r in rows] == [code]
        one = client.get_service_request(code)
        assert one["service_request_id"] == code and one["status"] == "open"
        assert one["address"] == "Thành phố Huế"  # the area only: a petition's exact place can name a person
