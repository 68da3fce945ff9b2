"""Hot issues: a field or place whose petitions jump well above its own usual rate is found, named and opened
to its records; steady business, one person writing again and again, and other units' petitions are not."""

import secrets
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from danvan.insights.hotspots import hotspots
from danvan.org.models import Unit
from danvan.petitions.models import Field, Petition, PetitionLink
from danvan.petitions.tests.factories import citizen, receive

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
    client.force_login(officials["leader"])
    page = client.get("/desk/dashboard/").content.decode()
    table = page[page.index('id="hotspots"'):page.index("</table>", page.index('id="hotspots"'))]
    assert "Môi trường" in table and "Hà Tĩnh" in table
    link = table[table.index('href="') + 6:table.index('"', table.index('href="') + 6)].replace("&amp;", "&")
    listed = client.get(link).content.decode()
    assert sum(p.code in listed for p in Petition.objects.filter(suggested_field__code="moi-truong")) == 6
    assert Petition.objects.get(field__code="dat-dai").code not in listed
    assert f"{timezone.localdate():%d/%m/%Y} 09:00" in listed  # received, as the official's clock read it

    # The intake unit's head sees only the intake unit's petitions: nothing hot there.
    client.force_login(officials["unit_head"])
    assert 'id="hotspots"' not in client.get("/desk/dashboard/").content.decode()
