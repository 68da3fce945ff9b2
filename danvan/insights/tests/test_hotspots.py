"""Hot issues: a field or place whose petitions and reception visits jump well above its own usual rate is
found, named and opened to its records; steady business, one person writing again and again, a visit counted
twice, and other units' petitions are not."""

import re
import secrets
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from danvan.insights.hotspots import hotspots
from danvan.org.models import Unit
from danvan.petitions.models import Field, Petition, PetitionLink
from danvan.petitions.tests.factories import citizen, receive
from danvan.reception.models import Visit
from danvan.reception.services import Visitor, visit_record

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)
DA_NANG, HA_TINH, HA_NOI = 48, 42, 1


def petition(unit: Unit, day: date, *, field: str | None = None, suggested: str | None = None,
             province: int | None = None) -> Petition:
    fields = {f.code: f for f in Field.objects.all()}
    return Petition.objects.create(
        code=secrets.token_hex(4).upper(), secret_hash="-", channel="post", unit=unit, subject="Phản ánh",
        content="Phản ánh", search_text="phan anh", content_hash=secrets.token_hex(8),
        fingerprint=secrets.token_hex(8), province_code=province, field=fields.get(field or ""),
        suggested_field=fields.get(suggested or ""),
        received_at=timezone.make_aware(datetime.combine(day, time(9))))


def visit(unit: Unit, day: date, officer, *, field: str | None = None, province: int | None = None,
          people: int = 1, create_petition: bool = False) -> Visit:
    n = Visit.objects.count()
    representatives = [Visitor(f"Đại diện {i}", f"00108509{n:02d}{i:02d}") for i in range(2)] if people >= 5 else []
    return visit_record(
        unit=unit, visited_on=day, visitor=Visitor(f"Người đến {n}", f"00108508{n:04d}", "Thôn 1, xã Kỳ Anh"),
        content=f"Cá chết hàng loạt trên sông, lần {n}", kind="recommendation", handling="accept", by=officer,
        field=Field.objects.get(code=field) if field else None, province_code=province, people_count=people,
        representatives=representatives, create_petition=create_petition).visit


def steady(unit: Unit, field: str, province: int, per_week: int) -> None:
    """`per_week` petitions every week of the nine up to TODAY."""
    for week in range(9):
        for i in range(per_week):
            petition(unit, TODAY - timedelta(days=7 * week + i % 7), field=field, province=province)


def test_a_jump_in_one_field_and_province_is_found_and_not_repeated_for_its_field_or_province(intake_unit):
    steady(intake_unit, "dat-dai", DA_NANG, per_week=6)  # busy, and no busier this week
    steady(intake_unit, "moi-truong", HA_NOI, per_week=1)
    for i in range(7):  # fish dying along a river: seven reports in three days, none before
        petition(intake_unit, TODAY - timedelta(days=i % 3), suggested="moi-truong", province=HA_TINH)
    # The other week's figures: only this jump is unusual.
    [spot] = hotspots(today=TODAY)
    assert (spot.field_code, spot.province_code, spot.count) == ("moi-truong", HA_TINH, 7)
    assert spot.province_name == "Hà Tĩnh" and spot.field_name == "Môi trường"
    assert spot.usual == 0.5 and spot.ratio == 14  # a cell never seen before gets half a petition a week
    assert (spot.start, spot.end) == (TODAY - timedelta(days=6), TODAY)
    # A week later the jump is last week's: compared with it, this week is quiet again.
    assert hotspots(today=TODAY + timedelta(days=7)) == []


def test_a_busy_cell_must_jump_further_than_a_quiet_one(intake_unit):
    steady(intake_unit, "dat-dai", DA_NANG, per_week=10)
    for i in range(8):  # 18 this week against 10 a week: chance does that more than once in a hundred weeks
        petition(intake_unit, TODAY - timedelta(days=i % 7), field="dat-dai", province=DA_NANG)
    assert hotspots(today=TODAY) == []
    for i in range(6):  # 24: chance does that about once in ten thousand weeks
        petition(intake_unit, TODAY - timedelta(days=i % 7), field="dat-dai", province=DA_NANG)
    [spot] = hotspots(today=TODAY)
    assert (spot.field_code, spot.province_code, spot.count, spot.usual) == ("dat-dai", DA_NANG, 24, 10.0)
    assert hotspots(today=TODAY, p_max=1e-6) == []  # a stricter test lets it pass
    assert hotspots(today=TODAY, min_count=25) == []
    # However new the place, fewer petitions than min_count are never a hot issue.
    for _ in range(4):
        petition(intake_unit, TODAY, field="thuy-san", province=HA_TINH)
    assert [s.field_code for s in hotspots(today=TODAY)] == ["dat-dai"]


def test_at_large_counts_a_jump_must_also_double_the_usual_rate(intake_unit):
    steady(intake_unit, "dat-dai", DA_NANG, per_week=30)
    for i in range(20):  # 50 this week against 30 a week: rare by chance alone, but not twice the usual
        petition(intake_unit, TODAY - timedelta(days=i % 7), field="dat-dai", province=DA_NANG)
    assert hotspots(today=TODAY) == []
    for i in range(10):  # 60: twice
        petition(intake_unit, TODAY - timedelta(days=i % 7), field="dat-dai", province=DA_NANG)
    assert [(s.field_code, s.count) for s in hotspots(today=TODAY)] == [("dat-dai", 60)]


def test_a_province_is_hot_when_its_petitions_jump_across_fields(intake_unit):
    for code in ("dat-dai", "moi-truong", "khoang-san", "tai-nguyen-nuoc", "lam-nghiep", "thuy-san"):
        petition(intake_unit, TODAY, field=code, province=DA_NANG)
    petition(intake_unit, TODAY, province=DA_NANG)  # not classified, nothing suggested: still a petition here
    [spot] = hotspots(today=TODAY)
    assert (spot.field_id, spot.province_code, spot.count) == (None, DA_NANG, 7)
    assert spot.records_filter() == {"repeat": "False", "province": str(DA_NANG)}
    # Land petitions in the same province jump too: that cell is listed, and the province, hot without it
    # as well, is listed whole, as its records list it.
    for _ in range(6):
        petition(intake_unit, TODAY, field="dat-dai", province=DA_NANG)
    spots = {(s.field_code, s.province_code): s for s in hotspots(today=TODAY)}
    assert set(spots) == {("dat-dai", DA_NANG), ("", DA_NANG)}
    assert spots[("dat-dai", DA_NANG)].count == 7 and spots[("", DA_NANG)].count == 13


def test_one_person_writing_again_and_again_is_not_a_hot_issue(intake_unit):
    first = receive(intake_unit, received_at=timezone.make_aware(datetime.combine(TODAY - timedelta(days=3), time(9))),
                    province_code=HA_TINH).petition
    for day in range(3):
        for hour in (8, 14):
            receive(intake_unit, province_code=HA_TINH,
                    received_at=timezone.make_aware(datetime.combine(TODAY - timedelta(days=day), time(hour))))
    assert PetitionLink.objects.filter(other=first, kind=PetitionLink.Kind.DUPLICATE).count() >= 5
    assert hotspots(today=TODAY) == []
    # The same letter from different people is a group campaign: each counts.
    for n in range(6):
        receive(intake_unit, province_code=HA_TINH, petitioners=[citizen(f"Người ký {n}", f"00108501{n:04d}")],
                received_at=timezone.make_aware(datetime.combine(TODAY, time(10 + n))))
    [spot] = hotspots(today=TODAY)
    assert spot.province_code == HA_TINH and spot.count == 7


def test_the_dashboard_lists_hot_issues_that_open_to_their_petitions_within_the_officials_units(
        client, officials, intake_unit, land_department, settings):
    for i in range(6):
        petition(land_department, timezone.localdate() - timedelta(days=i % 2), suggested="moi-truong",
                 province=HA_TINH)
    petition(land_department, timezone.localdate(), field="dat-dai", province=HA_TINH)  # not this topic
    for create_petition in (False, False, True):  # the third visit is counted as its petition
        visit(land_department, timezone.localdate(), officials["reception_officer"], field="moi-truong", province=HA_TINH,
              create_petition=create_petition)
    client.force_login(officials["leader"])
    page = client.get("/desk/dashboard/").content.decode()
    table = page[page.index('id="hotspots"'):page.index("</table>", page.index('id="hotspots"'))]
    assert "Môi trường" in table and "Hà Tĩnh" in table
    [link, visits_link] = [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', table)]
    listed = client.get(link).content.decode()
    assert sum(p.code in listed for p in Petition.objects.filter(suggested_field__code="moi-truong")) == 6
    assert Petition.objects.get(field__code="dat-dai").code not in listed
    assert f"{timezone.localdate():%d/%m/%Y} 09:00" in listed  # received, as the official's clock read it
    # Citizens who came to the desk on the same matter open to the visits that no petition records.
    assert "dataset=visits" in visits_link
    visited = client.get(visits_link).content.decode()
    assert visited.count("Cá chết hàng loạt") == 2 and "lần 2" not in visited

    # The intake unit's head sees only the intake unit's petitions: nothing hot there.
    client.force_login(officials["unit_head"])
    assert 'id="hotspots"' not in client.get("/desk/dashboard/").content.decode()


def test_citizens_at_the_reception_desk_make_a_hot_issue_each_visit_counted_once(intake_unit, officials):
    officer = officials["reception_officer"]
    # A visit that recorded a petition counts through its petition alone.
    recorded = visit(intake_unit, TODAY, officer, field="moi-truong", province=HA_TINH, create_petition=True)
    assert recorded.petition is not None
    for i in range(3):
        visit(intake_unit, TODAY - timedelta(days=i), officer, field="moi-truong", province=HA_TINH)
    # A group of forty people on one content is one visit, not forty.
    visit(intake_unit, TODAY, officer, field="moi-truong", province=HA_TINH, people=40)
    recorded.petition.field = Field.objects.get(code="moi-truong")  # as the handler classifies it
    recorded.petition.save(update_fields=["field"])
    [spot] = hotspots(today=TODAY)  # five arrivals, not six
    assert (spot.field_code, spot.province_code, spot.count, spot.petitions, spot.visits) == (
        "moi-truong", HA_TINH, 5, 1, 4)
    assert spot.visits_filter() == {"petition": "-", "topic": str(spot.field_id), "province": str(HA_TINH)}
    # Visits in the baseline make them usual: the same visits every week for eight weeks are no jump.
    for week in range(1, 9):
        for _ in range(5):
            visit(intake_unit, TODAY - timedelta(days=7 * week), officer, field="moi-truong", province=HA_TINH)
    assert hotspots(today=TODAY) == []
