"""Officials' side of /api/v1: session or bearer token, the desk's visibility and identity rules."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.api.models import ApiToken
from danvan.audit.models import Event
from danvan.org.models import Unit, User
from danvan.petitions import services
from danvan.petitions.models import Kind, Petition
from danvan.petitions.tests.factories import at, citizen, receive

pytestmark = pytest.mark.django_db

LIST = "/api/v1/staff/petitions"


def test_no_credentials_answer_401(client: Client, intake_unit: Unit) -> None:
    response = client.get(LIST)

    assert response.status_code == 401
    assert response.json()["detail"] == "Cần đăng nhập hoặc khóa API hợp lệ."


def test_a_wrong_or_revoked_token_answers_401(client: Client, bearer: Any) -> None:
    headers = bearer("handler")
    ApiToken.objects.update(active=False)

    assert client.get(LIST, headers=headers).status_code == 401
    assert client.get(LIST, headers={"Authorization": "Bearer dvt_khong-co-that"}).status_code == 401


def test_a_token_acts_as_its_official_and_records_its_use(client: Client, bearer: Any, intake_unit: Unit) -> None:
    receive(intake_unit)

    response = client.get(LIST, headers=bearer("handler"))

    assert response.status_code == 200 and response.json()["count"] == 1
    assert ApiToken.objects.get().last_used is not None


def test_a_logged_in_official_uses_the_session(client: Client, officials: dict[str, User], intake_unit: Unit) -> None:
    receive(intake_unit)
    client.force_login(officials["inspector"])

    assert client.get(LIST).json()["count"] == 1


def test_a_supervisor_sees_nothing_that_is_not_published_to_their_body(
    client: Client, bearer: Any, intake_unit: Unit,
) -> None:
    code = receive(intake_unit).petition.code
    response = client.get(LIST, headers=bearer("supervisor"))

    assert response.status_code == 200 and response.json()["count"] == 0
    assert client.get(f"{LIST}/{code}", headers=bearer("supervisor")).status_code == 404


def test_an_official_sees_only_the_petitions_of_their_units(
    client: Client, bearer: Any, intake_unit: Unit, land_department: Unit,
) -> None:
    mine = receive(intake_unit).petition
    receive(land_department, petitioners=[citizen("Lê Thị Hoa", "001190000222")])

    handler = client.get(LIST, headers=bearer("handler")).json()
    inspector = client.get(LIST, headers=bearer("inspector")).json()

    assert [r["code"] for r in handler["items"]] == [mine.code]
    assert inspector["count"] == 2


def test_filters_and_paging(client: Client, bearer: Any, intake_unit: Unit, officials: dict[str, User]) -> None:
    old = receive(intake_unit, received_at=at(date(2026, 9, 1)), letter_date=date(2026, 8, 30),
                  content="Kiến nghị nạo vét kênh mương nội đồng thôn 5 bị bồi lấp gây ngập úng.",
                  petitioners=[citizen("Phạm Văn Dũng", "001066000333")], province_code=1).petition
    newer = receive(intake_unit, received_at=timezone.now()).petition
    services.petition_classify(petition=newer, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    headers = bearer("handler")

    def codes(**params: Any) -> list[str]:
        response = client.get(LIST, params, headers=headers)
        assert response.status_code == 200, response.content
        return [r["code"] for r in response.json()["items"]]

    assert codes() == [newer.code, old.code]
    assert codes(kind="complaint") == [newer.code]
    assert codes(status="received") == [old.code]
    assert codes(q="kenh muong") == [old.code]
    assert codes(province=48) == [newer.code]
    assert codes(received_from="2026-11-01") == [newer.code]
    assert codes(received_to="2026-10-01") == [old.code]
    assert codes(limit=1) == [newer.code]
    assert codes(limit=1, offset=1) == [old.code]
    assert codes(due="overdue") == [old.code]


@pytest.mark.parametrize("params", [
    {"kind": "khac"}, {"status": "done"}, {"received_from": "2026-02-30"}, {"limit": 1000}, {"offset": -1},
    {"due": "tomorrow"}, {"province": "Da Nang"},
])
def test_bad_filters_answer_422_naming_the_parameter(client: Client, bearer: Any, params: dict[str, Any]) -> None:
    response = client.get(LIST, params, headers=bearer("handler"))

    assert response.status_code == 422
    assert set(response.json()["errors"]) == set(params)


def _queries(client: Client, headers: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LIST, {"limit": 100}, headers=headers)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_list_costs_the_same_queries_for_3_rows_as_for_30(
    client: Client, bearer: Any, intake_unit: Unit, django_assert_max_num_queries: Any,
) -> None:
    headers = bearer("handler")
    client.get(LIST, headers=headers)  # the token's first use writes last_used; later ones within minutes do not
    for i in range(3):
        receive(intake_unit, petitioners=[citizen(f"Người gửi {i}", f"0010850{i:05d}")], content=f"Nội dung {i} " * 5)
    few = _queries(client, headers)
    for i in range(3, 30):
        receive(intake_unit, petitioners=[citizen(f"Người gửi {i}", f"0010850{i:05d}")], content=f"Nội dung {i} " * 5)

    with django_assert_max_num_queries(few):
        response = client.get(LIST, {"limit": 100}, headers=headers)
    assert len(response.json()["items"]) == 30


def test_detail_shows_the_complainant_to_the_handler(client: Client, bearer: Any, intake_unit: Unit) -> None:
    petition = receive(intake_unit).petition

    body = client.get(f"{LIST}/{petition.code}", headers=bearer("handler")).json()

    assert body["code"] == petition.code and body["content"] == petition.content
    assert body["petitioners"][0]["full_name"] == "Nguyễn Văn An"
    assert body["petitioners"][0]["id_number"] == "001085012345"
    assert body["petitioners"][0]["protected"] is False


def test_detail_lists_what_the_petitioner_sent_later_apart_from_the_letter(
        client: Client, bearer: Any, intake_unit: Unit, officials: dict[str, User]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.petitions.tests.services.test_petition_receive import PNG

    petition = receive(intake_unit).petition
    services.petition_supplement(petition=petition, text="Bổ sung biên bản.",
                                 files=[SimpleUploadedFile("bien-ban.png", PNG, content_type="image/png")])
    services.petition_supplement(petition=petition, text="Thư qua bưu điện.", channel="post",
                                 by=officials["handler"])

    body = client.get(f"{LIST}/{petition.code}", headers=bearer("handler")).json()

    assert body["attachments"] == []
    assert [(s["kind"], s["channel"], s["text"], s["recorded_by"]) for s in body["supplements"]] == [
        ("addition", "portal", "Bổ sung biên bản.", None),
        ("addition", "post", "Thư qua bưu điện.", "Trần Văn Minh")]
    assert body["supplements"][0]["attachments"][0]["name"] == "bien-ban.png"


def test_a_denouncers_identity_is_withheld_from_a_verifier_and_audited_for_the_handler(
    client: Client, bearer: Any, intake_unit: Unit, officials: dict[str, User],
) -> None:
    petition = receive(intake_unit, subject="Tố cáo cán bộ địa chính nhận tiền").petition
    services.petition_classify(petition=petition, by=officials["handler"], kind=Kind.DENUNCIATION, field=None)

    verifier = client.get(f"{LIST}/{petition.code}", headers=bearer("verifier"))
    handler = client.get(f"{LIST}/{petition.code}", headers=bearer("handler"))

    assert verifier.status_code == 200
    for value in ("Nguyễn Văn An", "001085012345", "0912345678"):
        assert value not in verifier.content.decode()
    assert verifier.json()["petitioners"][0]["protected"] is True
    assert handler.json()["petitioners"][0]["protected"] is True  # no purpose stated, nothing shown
    stated = client.get(f"{LIST}/{petition.code}", headers={**bearer("handler"), "X-Danvan-Purpose": "contact"})
    assert stated.json()["petitioners"][0]["full_name"] == "Nguyễn Văn An"
    viewed = Event.objects.filter(action="identity.view")
    assert [(e.actor, e.data["purpose"]) for e in viewed] == [(officials["handler"], "contact")]


def test_detail_of_a_petition_outside_the_users_units_answers_404(
    client: Client, bearer: Any, land_department: Unit,
) -> None:
    petition = receive(land_department).petition

    assert client.get(f"{LIST}/{petition.code}", headers=bearer("handler")).status_code == 404
    assert client.get(f"{LIST}/KHONG-CO", headers=bearer("handler")).status_code == 404
    assert Petition.objects.count() == 1


@pytest.mark.parametrize("q", ['"dat', "a AND OR", "NEAR(", "*", "đất đai, ", "'; drop table"])
def test_search_text_with_query_syntax_is_taken_literally(
    client: Client, bearer: Any, intake_unit: Unit, q: str,
) -> None:
    receive(intake_unit)

    response = client.get(LIST, {"q": q}, headers=bearer("handler"))

    assert response.status_code == 200


def test_the_hot_issues_are_served_to_officials_and_supervising_bodies(client: Client, bearer: Any,
                                                                      land_department: Unit) -> None:
    from danvan.insights.tests.test_hotspots import HA_TINH, petition, visit

    today = timezone.localdate()
    for i in range(5):
        petition(land_department, today - timedelta(days=i % 3), suggested="moi-truong", province=HA_TINH)
    visit(land_department, today, User.objects.get(username="tiepdan"), field="moi-truong", province=HA_TINH)

    [spot] = client.get("/api/v1/staff/hotspots", headers=bearer("leader")).json()
    assert (spot["field"], spot["province_code"], spot["count"], spot["usual"]) == ("moi-truong", HA_TINH, 6, 0.5)
    assert (spot["petitions"], spot["visits"]) == (5, 1)
    assert spot["ratio"] == 12 and spot["end"] == today.isoformat()
    assert spot["records_url"].startswith("http://testserver/desk/reports/records/?dataset=petitions")
    assert spot["visits_url"].startswith("http://testserver/desk/reports/records/?dataset=visits")
    browser = Client()
    browser.force_login(User.objects.get(username="thutruong"))
    listed = browser.get(spot["records_url"].removeprefix("http://testserver")).content.decode()
    assert all(p.code in listed for p in Petition.objects.filter(province_code=HA_TINH))
    [seen] = client.get("/api/v1/staff/hotspots", headers=bearer("supervisor")).json()
    assert seen["count"] == 6 and seen["records_url"] is None and seen["visits_url"] is None
    # The intake unit's head sees the intake unit's petitions only: nothing hot there.
    assert client.get("/api/v1/staff/hotspots", headers=bearer("unit_head")).json() == []
    assert client.get("/api/v1/staff/hotspots", headers=bearer("drafter")).status_code == 403
    assert client.get("/api/v1/staff/hotspots").status_code == 401
