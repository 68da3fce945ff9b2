"""Every role against every protected page, endpoint, export and document.

The URL patterns are enumerated from the resolver: a new page under /desk/, /api/v1/staff or /documents/
without an entry in MATRIX fails `test_every_protected_url_is_in_the_matrix`, so none can be forgotten.
Each entry names the roles that may open it; every other role (and an anonymous visitor, and an official
of another unit) must be refused. A denouncer's identity is checked on every page a role can open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import make_official
from danvan.emulation import services as emulation
from danvan.emulation.models import Evidence, MobilizationModel
from danvan.org.models import Role, Unit, User
from danvan.petitions.models import Kind, Petition
from danvan.petitions.services import Outcome, petition_classify, petition_decide
from danvan.petitions.tests.factories import citizen, receive
from danvan.petitions.tests.services.test_petition_receive import PNG
from danvan.security.models import Publication
from danvan.security.services import publication_create

pytestmark = pytest.mark.django_db

PROTECTED_PREFIXES = ("desk/", "api/v1/staff", "documents/")
DENOUNCER = ("Nguyễn Văn An", "001085012345", "0912345678", "Hòa Vang, TP Đà Nẵng")
OFFICIALS = {"reception_officer", "handler", "verifier", "unit_head", "leader", "inspector", "administrator"}
# The drafting team works on consultations only: every petition, matter and report page refuses it.
EVERY_ROLE = [*sorted(OFFICIALS), "drafter", "supervisor", "outsider", "anonymous"]
DENUNCIATION_TEXT = (
    "Tôi tố cáo ông Trần Văn Bảy, công chức địa chính xã Hòa Vang, đã nhận tiền của nhiều hộ dân để làm nhanh "
    "hồ sơ cấp giấy chứng nhận quyền sử dụng đất, vi phạm pháp luật về phòng, chống tham nhũng. Tôi gửi kèm "
    "biên nhận và danh sách hộ dân đã nộp tiền.")


@dataclass
class World:
    denunciation: Petition
    complaint: Petition
    unpublished: Petition
    users: dict[str, User]


@pytest.fixture
def world(intake_unit: Unit, land_department: Unit, officials: dict[str, User]) -> World:
    body = Unit.objects.create(code="mttq", name="Ủy ban Mặt trận Tổ quốc Việt Nam", kind=Unit.Kind.EXTERNAL)
    supervisor = officials["supervisor"]
    supervisor.unit = body
    supervisor.save(update_fields=["unit"])
    users = {**officials, "outsider": make_official("cucdatdai", Role.HANDLER, land_department)}
    pdf = SimpleUploadedFile("bien-nhan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                             content_type="application/pdf")
    denunciation = receive(intake_unit, subject="Tố cáo cán bộ địa chính nhận tiền", content=DENUNCIATION_TEXT,
                           decision_text="Ông Trần Văn Bảy, công chức địa chính xã", files=[pdf]).petition
    petition_classify(petition=denunciation, by=officials["handler"], kind=Kind.DENUNCIATION, field=None)
    denunciation = petition_decide(petition=denunciation, by=officials["unit_head"], outcome=Outcome.ACCEPT)
    complaint = receive(intake_unit, petitioners=[citizen("Lê Thị Hoa", "001190054321")]).petition
    petition_classify(petition=complaint, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    unpublished = receive(intake_unit, petitioners=[citizen("Phan Văn Cường", "001170011111")],
                          content="Kiến nghị sửa đường giao thông nông thôn bị sạt lở ở thôn 5.").petition
    leader = officials["leader"]
    publication_create(body=body, by=leader, petition=complaint, scope=Publication.Scope.CONTENT)
    publication_create(body=body, by=leader, matter=denunciation.matter, scope=Publication.Scope.CONTENT)
    return World(denunciation=denunciation, complaint=complaint, unpublished=unpublished, users=users)


def _model(w: World) -> MobilizationModel:
    """A "Skilled Mass Mobilization" model of the intake unit."""
    model, _created = MobilizationModel.objects.get_or_create(
        unit=w.complaint.unit, year=2026, title_key="tiếp dân tại thôn", defaults={
            "title": "Tiếp dân tại thôn", "domain": "political_system", "started_on": date(2026, 3, 1),
            "summary": "Tiếp nhận, trả lời phản ánh của người dân ngay tại thôn."})
    return model


def _evidence(w: World) -> Evidence:
    """A file the intake unit's head gave as evidence of the model's results."""
    model = _model(w)
    if not model.evidence.exists():
        emulation.model_report(model=model, by=w.users["unit_head"], people_benefited=None,
                               results="Giải quyết 20 vụ việc ngay tại cơ sở, đơn vượt cấp giảm rõ rệt.",
                               evidence=[SimpleUploadedFile("anh.png", PNG, content_type="image/png")])
    return model.evidence.get()


def _d(w: World) -> dict[str, Any]:
    return {"code": w.denunciation.code}


@dataclass(frozen=True)
class Entry:
    """How to call one protected URL, and who may. `url` builds the path from the world; `None` means the
    object is owned by another app whose fixtures this test does not build: only refusal of an anonymous
    visitor, a supervisor and an outsider is checked there, with a made-up id."""

    allowed: frozenset[str]
    url: Callable[[World], str] | None = None
    method: str = "GET"
    data: dict[str, Any] | None = None


def E(allowed: set[str], url: Callable[[World], str] | None = None, method: str = "GET",
      data: dict[str, Any] | None = None) -> Entry:
    return Entry(frozenset(allowed), url, method, data)


PROCESS = {"handler", "unit_head"}
READ = OFFICIALS
READ_AND_SUPERVISE = OFFICIALS | {"supervisor"}
MAY_SEE_DENOUNCER = {"reception_officer", "handler", "unit_head", "leader"}

MATRIX: dict[str, Entry] = {
    "petitions:list": E(READ_AND_SUPERVISE | {"outsider"}, lambda w: "/desk/"),
    "petitions:receive": E({"reception_officer", "handler", "unit_head", "outsider"}, lambda w: "/desk/receive/"),
    # The denunciation's matter is published to the supervisor's body: its content, never its denouncer.
    "petitions:detail": E(READ_AND_SUPERVISE, lambda w: f"/desk/p/{w.denunciation.code}/"),
    "petitions:classify": E(PROCESS, lambda w: f"/desk/p/{w.unpublished.code}/classify/", "POST",
                            {"kind": "recommendation"}),
    "petitions:decide": E(PROCESS, lambda w: f"/desk/p/{w.unpublished.code}/decide/", "POST", {}),
    "petitions:link": E(PROCESS, lambda w: f"/desk/p/{w.unpublished.code}/link/", "POST", {}),
    "petitions:find_duplicates": E(PROCESS, lambda w: f"/desk/p/{w.unpublished.code}/duplicates/", "POST", {}),
    "petitions:supplement": E(PROCESS | {"reception_officer"}, lambda w: f"/desk/p/{w.unpublished.code}/supplement/",
                              "POST", {}),
    "petitions:attachment": E(MAY_SEE_DENOUNCER, lambda w: (
        f"/desk/p/{w.denunciation.code}/attachments/{w.denunciation.attachments.get().pk}/")),
    "petitions:identity": E(MAY_SEE_DENOUNCER, lambda w: f"/desk/p/{w.denunciation.code}/identity/"),
    "matters:list": E(READ_AND_SUPERVISE | {"outsider"}, lambda w: "/desk/matters/"),
    "matters:detail": E(READ_AND_SUPERVISE, lambda w: f"/desk/matters/{w.denunciation.matter.code}/"),
    "matters:step": E({"unit_head", "leader"}, lambda w: f"/desk/matters/{w.denunciation.matter.code}/accept/",
                      "POST", {}),
    "matters:document_download": E(READ, None),
    "matters:document": E(READ, None),
    "reception:book": E(READ | {"outsider"}, lambda w: "/desk/reception/"),
    "reception:visit_new": E({"reception_officer", "handler", "unit_head", "leader", "outsider"},
                             lambda w: "/desk/reception/visit/new/"),
    "reception:visit": E(READ, None),
    "reception:sessions": E(READ | {"outsider"}, lambda w: "/desk/reception/sessions/"),
    "reception:session_held": E(READ, None),
    "reception:compliance": E(READ | {"outsider"}, lambda w: "/desk/reception/compliance/"),
    "reception:refusals": E(READ | {"outsider"}, lambda w: "/desk/reception/refusals/"),
    "reports:index": E(READ_AND_SUPERVISE | {"outsider"}, lambda w: "/desk/reports/"),
    "reports:records": E(READ | {"outsider"}, None),
    "reports:report": E(READ | {"outsider"}, None),
    "reports:cell": E(READ | {"outsider"}, None),
    "insights:dashboard": E(READ_AND_SUPERVISE | {"outsider"}, lambda w: "/desk/dashboard/"),
    "insights:scorecards": E(READ_AND_SUPERVISE | {"outsider"}, lambda w: "/desk/dashboard/scorecards/"),
    # The movement's models are read by every official and supervising body; a unit's head (or the leader)
    # registers and reports on the unit's own, takes up another's; the leader evaluates.
    "emulation:list": E(READ_AND_SUPERVISE | {"outsider"}, lambda w: "/desk/dan-van-kheo/"),
    "emulation:new": E({"unit_head", "leader"}, lambda w: "/desk/dan-van-kheo/new/"),
    "emulation:detail": E(READ_AND_SUPERVISE | {"outsider"}, lambda w: f"/desk/dan-van-kheo/{_model(w).pk}/"),
    "emulation:report": E({"unit_head", "leader"}, lambda w: f"/desk/dan-van-kheo/{_model(w).pk}/report/", "POST",
                          {}),
    "insights:appraisals": E({"unit_head", "leader"}, lambda w: "/desk/dashboard/xep-loai/"),
    "emulation:evidence": E(READ_AND_SUPERVISE | {"outsider"},
                            lambda w: f"/desk/dan-van-kheo/{_model(w).pk}/minh-chung/{_evidence(w).pk}/"),
    "emulation:evaluate": E({"leader"}, lambda w: f"/desk/dan-van-kheo/{_model(w).pk}/evaluate/", "POST", {}),
    "emulation:replicate": E({"unit_head", "leader"}, lambda w: f"/desk/dan-van-kheo/{_model(w).pk}/replicate/",
                             "POST", {}),
    "rules:list": E(READ | {"outsider", "drafter"}, lambda w: "/desk/rules/"),  # the legal rules: any official
    "documents:download": E(READ, None),
    "privacy:requests": E({"administrator"}, lambda w: "/desk/privacy/"),
    "privacy:detail": E({"administrator"}, None),
    "privacy:decide": E({"administrator"}, None),
    "privacy:export": E({"administrator"}, None),
    "api-v1:staff_petitions": E(READ_AND_SUPERVISE | {"outsider"}, lambda w: "/api/v1/staff/petitions"),
    "api-v1:staff_petition": E(READ_AND_SUPERVISE, lambda w: f"/api/v1/staff/petitions/{w.denunciation.code}"),
    "api-v1:staff_hotspots": E(READ_AND_SUPERVISE | {"outsider"}, lambda w: "/api/v1/staff/hotspots"),
    **{f"consultation:{name}": E(READ, None) for name in (
        "draft", "hot_articles", "version_upload", "period", "import", "moderation", "synthesis_start",
        "run_progress", "groups", "group", "group_action", "report", "publish")},
    "consultation:index": E(READ | {"outsider", "drafter"}, lambda w: "/desk/consultation/"),
}


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Any:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), namespace + (p.name or "")


def protected_urls() -> dict[str, str]:
    return {name: route for route, name in _walk(get_resolver().url_patterns) if route.startswith(PROTECTED_PREFIXES)}


def test_every_protected_url_is_in_the_matrix():
    missing = {name: route for name, route in protected_urls().items() if name not in MATRIX}
    assert missing == {}, "add these pages to MATRIX with the roles that may open them"


def test_the_matrix_names_no_url_that_is_gone():
    assert set(MATRIX) - set(protected_urls()) == set()


def _client(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _call(client: Client, entry: Entry, url: str, role: str) -> Any:
    # The staff API accepts the session of a logged-in official as well as a bearer token.
    if entry.method == "POST":
        return client.post(url, entry.data or {})
    return client.get(url)


def _refused(response: Any) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    # Sent to sign in, or (the drafting team, from the petition list) to its own desk: no data either way.
    return response.status_code == 302 and response.get("Location", "").startswith(("/login/", "/desk/consultation/"))


FAKE_ARGS = {"code": "KHONG-CO", "pk": "999999", "name": "accept", "step": "accept", "slug": "02-xld",
             "fmt": "json", "run_id": "999999", "gid": "999999", "kind": "docx"}


def _fake_url(route: str) -> str:
    import re

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: FAKE_ARGS.get(m.group(1), "1"), route)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_role_by_page_matrix(name: str, world: World) -> None:
    entry = MATRIX[name]
    if entry.url is None:
        url = _fake_url(protected_urls()[name])
        for role in ("anonymous", "supervisor", "outsider"):
            if role in entry.allowed:
                continue
            response = _call(_client(world, role), entry, url, role)
            if response.status_code == 405:  # a POST-only URL: ask it the way its form does
                response = _call(_client(world, role), Entry(entry.allowed, None, "POST"), url, role)
            assert _refused(response), (name, role, response.status_code)
        return
    url = entry.url(world)
    for role in EVERY_ROLE:
        response = _call(_client(world, role), entry, url, role)
        if role in entry.allowed:
            assert not _refused(response), (name, role, response.status_code)
        else:
            assert _refused(response), (name, role, response.status_code)
        if response.status_code == 200 and not response.streaming:
            body = response.content.decode(errors="replace")
            for value in DENOUNCER:
                assert value not in body, (name, role, value)


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_the_denouncer_is_shown_only_with_a_purpose_and_only_to_those_who_must_know(world: World, role: str) -> None:
    client = _client(world, role)
    response = client.post(f"/desk/p/{world.denunciation.code}/identity/", {"purpose": "contact"})
    api = client.get(f"/api/v1/staff/petitions/{world.denunciation.code}", headers={"X-Danvan-Purpose": "contact"})
    shown = response.status_code == 200 and "001085012345" in response.content.decode()
    api_shown = api.status_code == 200 and "001085012345" in api.content.decode()
    assert shown is (role in MAY_SEE_DENOUNCER)
    assert api_shown is (role in MAY_SEE_DENOUNCER)


def test_a_supervisor_reads_what_is_published_and_nothing_else(world: World) -> None:
    client = _client(world, "supervisor")
    listing = client.get("/desk/").content.decode()
    assert world.complaint.code in listing and world.denunciation.code in listing
    assert world.unpublished.code not in listing
    complaint = client.get(f"/desk/p/{world.complaint.code}/")
    assert complaint.status_code == 200
    assert "Lê Thị Hoa" not in complaint.content.decode() and "001190054321" not in complaint.content.decode()
    denunciation = client.get(f"/desk/p/{world.denunciation.code}/")
    assert denunciation.status_code == 200 and "Trần Văn Bảy" in denunciation.content.decode()
    for value in DENOUNCER:
        assert value not in denunciation.content.decode()
    assert client.get(f"/desk/p/{world.unpublished.code}/").status_code == 404
    api = client.get("/api/v1/staff/petitions").json()
    assert {row["code"] for row in api["items"]} == {world.complaint.code, world.denunciation.code}


def test_a_withdrawn_publication_closes_the_door(world: World) -> None:
    from danvan.security.services import publication_withdraw

    for publication in Publication.objects.all():
        publication_withdraw(publication=publication, by=world.users["leader"])
    client = _client(world, "supervisor")
    assert client.get(f"/desk/p/{world.complaint.code}/").status_code == 404
    assert client.get(f"/desk/matters/{world.denunciation.matter.code}/").status_code in (403, 404)
