"""A denouncer's identity (Law on Denunciations Arts. 9, 47, 56) must not reach an official who works on the
content alone (a verifier), an inspector, an administrator or a supervisor, on any page or file that shows
it: the reception book and its XLSX, a visit's page, and the petition a denunciation visit opened."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from danvan.org.models import Unit, User
from danvan.people.selectors import petitioners_for
from danvan.reception import services
from danvan.reception.services import Visitor

pytestmark = pytest.mark.django_db

NAME, ID_NUMBER, ADDRESS, PHONE = "Nguyễn Văn An", "001085012345", "Thôn 3, Hòa Vang", "0912345678"
REP_NAME, REP_ID = "Trần Thị Bích", "001190054321"
NEEDLES = (NAME, ID_NUMBER, ADDRESS, PHONE, REP_NAME, REP_ID)
MAY_SEE = ("reception_officer", "handler", "unit_head", "leader")
MAY_NOT_SEE = ("verifier", "inspector", "administrator")


def _visit(unit: Unit, by: User, *, kind: str = "denunciation", create_petition: bool = False) -> services.VisitResult:
    return services.visit_record(
        unit=unit, visited_on=timezone.localdate(), by=by, kind=kind, handling="accept",
        visitor=Visitor(NAME, ID_NUMBER, ADDRESS, PHONE),
        content="Tố cáo cán bộ địa chính xã nhận tiền của dân để làm nhanh hồ sơ đất đai.",
        people_count=6, representatives=[Visitor(REP_NAME, REP_ID)], create_petition=create_petition,
    )


def _xlsx_text(body: bytes) -> str:
    return "\n".join(str(c.value) for row in load_workbook(BytesIO(body)).active.iter_rows() for c in row
                     if c.value is not None)


def _leaks(text: str) -> list[str]:
    return [n for n in NEEDLES if n in text]


@pytest.mark.parametrize("role", MAY_NOT_SEE)
def test_the_reception_book_withholds_a_denouncer_from_who_must_not_see_them(intake_unit, officials, role):
    visit = _visit(intake_unit, officials["reception_officer"]).visit
    client = Client()
    client.force_login(officials[role])
    page = client.get("/desk/reception/")
    assert page.status_code == 200 and "Tố cáo cán bộ địa chính" in page.content.decode()
    assert _leaks(page.content.decode()) == []
    assert _leaks(_xlsx_text(client.get("/desk/reception/?format=xlsx").content)) == []
    detail = client.get(f"/desk/reception/visit/{visit.pk}/")
    assert detail.status_code == 200
    assert _leaks(detail.content.decode()) == []


@pytest.mark.parametrize("role", MAY_SEE)
def test_the_reception_book_still_names_the_denouncer_to_who_must_know(intake_unit, officials, role):
    visit = _visit(intake_unit, officials["reception_officer"]).visit
    client = Client()
    client.force_login(officials[role])
    assert NAME in client.get("/desk/reception/").content.decode()
    assert ID_NUMBER in _xlsx_text(client.get("/desk/reception/?format=xlsx").content)
    assert REP_NAME in client.get(f"/desk/reception/visit/{visit.pk}/").content.decode()


def test_a_complainants_visit_is_shown_to_every_official_of_the_book(intake_unit, officials):
    _visit(intake_unit, officials["reception_officer"], kind="complaint")
    client = Client()
    client.force_login(officials["verifier"])
    assert NAME in client.get("/desk/reception/").content.decode()


@pytest.mark.parametrize("role", MAY_NOT_SEE)
def test_a_petition_opened_from_a_denunciation_visit_is_protected_before_it_is_classified(
        intake_unit, officials, role):
    petition = _visit(intake_unit, officials["reception_officer"], create_petition=True).petition
    assert petition is not None and petition.kind == "unclassified"
    user = officials[role]
    assert all(p.protected for p in petitioners_for(user=user, petition=petition))
    assert not user.has_perm("petitions.view_identity", petition)
    client = Client()
    client.force_login(user)
    page = client.get(f"/desk/p/{petition.code}/")
    assert page.status_code == 200
    assert _leaks(page.content.decode()) == []
    api = client.get(f"/api/v1/staff/petitions/{petition.code}")
    assert api.status_code == 200, api.content
    assert _leaks(api.content.decode()) == []
