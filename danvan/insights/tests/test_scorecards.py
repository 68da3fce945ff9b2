"""Scorecards: each unit's and each official's petitions of a period where they stand, matters decided in it
on time or late, and visits received; each petition figure opens to its records, and an official's card is
shown to those who lead them, to themselves, and to nobody outside."""

from datetime import date, datetime, time, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from conftest import make_official
from danvan.insights.scorecards import scorecards_build
from danvan.matters.models import Matter, TimeLimit
from danvan.org.models import Role, User
from danvan.petitions.models import Petition, Status
from danvan.petitions.tests.factories import citizen, receive
from danvan.reception import services
from danvan.reception.services import Visitor

pytestmark = pytest.mark.django_db
START, END = date(2026, 9, 15), date(2026, 12, 14)


def received(unit, day: date, *, n: int, **after) -> Petition:
    petition = receive(unit, received_at=timezone.make_aware(datetime.combine(day, time(9))), letter_date=day,
                       content=f"Đơn số {n}: phản ánh việc cấp giấy chứng nhận quyền sử dụng đất chậm trễ.",
                       petitioners=[citizen(f"Người gửi {n}", f"0010850{n:05d}")]).petition
    Petition.objects.filter(pk=petition.pk).update(**after)
    return Petition.objects.get(pk=petition.pk)


def decided(matter_code: str, unit, *, on: date, due: date, assignee: User) -> None:
    matter = Matter.objects.create(code=matter_code, kind="complaint", unit=unit, accepted_on=on - timedelta(days=40),
                                   state="decided", decided_on=on, finding="right", assignee=assignee)
    TimeLimit.objects.create(matter=matter, key="resolution", label="Hạn giải quyết", rule="complaint.first",
                             start=on - timedelta(days=40), due=due)


@pytest.fixture
def work(intake_unit, land_department, officials):
    handler, head = officials["handler"], officials["unit_head"]
    today = timezone.localdate()
    at_land = make_official("canbo-dat", Role.HANDLER, land_department, "Đỗ Văn Đất")
    on_time = received(intake_unit, date(2026, 10, 1), n=1, status=Status.ANSWERED, assigned_to=handler,
                       processing_due=date(2026, 10, 15), decided_at=timezone.make_aware(datetime(2026, 10, 14, 10)),
                       decided_by=head)
    late = received(intake_unit, date(2026, 10, 2), n=2, status=Status.ARCHIVED, decided_by=head,
                    processing_due=date(2026, 10, 16), decided_at=timezone.make_aware(datetime(2026, 10, 20, 10)))
    overdue = received(intake_unit, date(2026, 10, 5), n=3, assigned_to=handler, processing_due=date(2026, 10, 19))
    in_time = received(intake_unit, date(2026, 10, 6), n=4, assigned_to=handler, processing_due=today + timedelta(days=5))
    received(intake_unit, date(2026, 9, 10), n=5, assigned_to=handler)  # the previous period's
    received(land_department, date(2026, 10, 7), n=6, assigned_to=at_land, processing_due=date(2026, 10, 21))
    decided("KN-1", intake_unit, on=date(2026, 11, 2), due=date(2026, 11, 5), assignee=officials["verifier"])
    decided("KN-2", intake_unit, on=date(2026, 11, 9), due=date(2026, 11, 5), assignee=officials["verifier"])
    decided("KN-3", intake_unit, on=date(2026, 9, 1), due=date(2026, 9, 5), assignee=officials["verifier"])  # before
    # Decided in the period with no resolution limit on file: neither on time nor late.
    Matter.objects.create(code="KN-4", kind="complaint", unit=intake_unit, state="decided", finding="right",
                          decided_on=date(2026, 11, 10), assignee=officials["verifier"])
    for day in (date(2026, 10, 1), date(2026, 11, 3)):
        services.visit_record(unit=intake_unit, visited_on=day, visitor=Visitor("Nguyễn Văn An", "001085012345"),
                              content="Khiếu nại", kind="complaint", handling="accept",
                              by=officials["reception_officer"])
    return {"on_time": on_time, "late": late, "overdue": overdue, "in_time": in_time, "at_land": at_land}


def test_the_cards_count_the_periods_petitions_where_they_stand_its_decided_matters_and_visits(
        work, officials, intake_unit, land_department):
    cards = scorecards_build(start=START, end=END)
    units = {unit.code: card for unit, card in cards.units}
    intake = units["ban-tcd"]
    assert (intake.on_time, intake.late, intake.open, intake.overdue) == (1, 1, 1, 1)
    assert intake.petitions == 4 and intake.on_time_rate == pytest.approx(33.3)
    assert (intake.matters_on_time, intake.matters_late, intake.matters_on_time_rate) == (1, 1, 50.0)
    assert intake.visits == 2
    assert (units["cuc-qldd"].overdue, units["cuc-qldd"].petitions) == (1, 1)

    people = {official.username: card for official, card in cards.officials}
    # Assigned petitions count for the one assigned; the late one nobody was assigned counts for who decided it.
    assert (people["xuly"].on_time, people["xuly"].overdue, people["xuly"].open, people["xuly"].late) == (1, 1, 1, 0)
    assert (people["truongban"].late, people["truongban"].petitions) == (1, 1)
    assert (people["xacminh"].matters_on_time, people["xacminh"].matters_late) == (1, 1)
    assert people["tiepdan"].visits == 2 and people["canbo-dat"].overdue == 1

    mine = scorecards_build(start=START, end=END, unit_ids={intake_unit.pk})
    assert [u.code for u, _c in mine.units] == ["ban-tcd"]
    assert "canbo-dat" not in {o.username for o, _c in mine.officials}
    assert scorecards_build(start=START, end=END, with_officials=False).officials == []


def _cells(page: str, table_id: str) -> str:
    start = page.index(f'id="{table_id}"')
    return page[start:page.index("</table>", start)]


def test_the_page_shows_officials_cards_to_those_who_lead_them_and_each_official_their_own(
        client, work, officials, settings):
    period = "?start=2026-09-15&end=2026-12-14"
    client.force_login(officials["unit_head"])
    page = client.get(f"/desk/dashboard/scorecards/{period}").content.decode()
    staff = _cells(page, "official-cards")
    assert "Trần Văn Minh" in staff and "Nguyễn Thị Lan" in staff and "Đỗ Văn Đất" not in staff
    assert "Cục Quản lý đất đai" not in _cells(page, "unit-cards")

    client.force_login(officials["leader"])
    page = client.get(f"/desk/dashboard/scorecards/{period}").content.decode()
    assert "Đỗ Văn Đất" in _cells(page, "official-cards") and "Cục Quản lý đất đai" in _cells(page, "unit-cards")

    client.force_login(officials["handler"])
    staff = _cells(client.get(f"/desk/dashboard/scorecards/{period}").content.decode(), "official-cards")
    assert "Trần Văn Minh" in staff and "Phạm Thu Hà" not in staff and "Nguyễn Thị Lan" not in staff

    client.force_login(officials["supervisor"])
    page = client.get(f"/desk/dashboard/scorecards/{period}").content.decode()
    assert 'id="official-cards"' not in page and "/desk/reports/records/" not in page
    assert "Ban Tiếp công dân" in _cells(page, "unit-cards")


def test_an_officials_overdue_figure_opens_to_those_petitions(client, work, officials):
    client.force_login(officials["unit_head"])
    page = client.get("/desk/dashboard/scorecards/?start=2026-09-15&end=2026-12-14").content.decode()
    row = _cells(page, "official-cards")
    row = row[row.index("Trần Văn Minh"):]
    row = row[:row.index("</tr>")]
    links = [part.split('"')[0].replace("&amp;", "&") for part in row.split('href="')[1:]]
    overdue = next(link for link in links if "timeliness=overdue" in link)
    listed = client.get(overdue).content.decode()
    assert work["overdue"].code in listed
    assert work["in_time"].code not in listed and work["on_time"].code not in listed


def test_unreadable_days_get_a_message_and_the_current_period(client, officials):
    client.force_login(officials["leader"])
    response = client.get("/desk/dashboard/scorecards/?start=2026-02-30")
    assert response.status_code == 400 and "2026-02-30" in response.content.decode()
    client.force_login(officials["drafter"])
    assert client.get("/desk/dashboard/scorecards/").status_code == 403


def test_a_parent_units_card_counts_and_opens_to_its_own_petitions_not_its_childrens(client, work, officials,
                                                                                    ministry):
    own = received(ministry, date(2026, 10, 8), n=7, status=Status.ARCHIVED, decided_by=officials["leader"],
                   processing_due=date(2026, 10, 22), decided_at=timezone.make_aware(datetime(2026, 10, 30, 10)))
    client.force_login(officials["leader"])
    page = client.get("/desk/dashboard/scorecards/?start=2026-09-15&end=2026-12-14").content.decode()
    row = _cells(page, "unit-cards")
    row = row[row.index(ministry.name):]
    row = row[:row.index("</tr>")]
    late = next(part.split('"')[0].replace("&amp;", "&") for part in row.split('href="')[1:]
                if "timeliness=late" in part)
    listed = client.get(late).content.decode()
    assert own.code in listed and work["late"].code not in listed  # the intake unit's, below the ministry


def test_the_cards_download_as_a_workbook_showing_what_the_page_shows(client, work, officials):
    def sheets(role: str) -> dict[str, list[tuple]]:
        client.force_login(officials[role])
        response = client.get("/desk/dashboard/scorecards/?start=2026-09-15&end=2026-12-14&format=xlsx")
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
        book = load_workbook(BytesIO(response.content))
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}

    book = sheets("unit_head")
    assert set(book) == {"Theo đơn vị", "Theo cán bộ"}
    assert book["Theo đơn vị"][1][:3] == ("Đơn vị", "Tổng", "Đúng hạn")
    assert ("Ban Tiếp công dân", 4, 1, 1, 1, 1, 33.3, 1, 1, 2) in book["Theo đơn vị"]
    assert ("Trần Văn Minh", "Ban Tiếp công dân", 3, 1, 0, 1, 1, 50.0, 0, 0, 0) in book["Theo cán bộ"]
    assert [row[0] for row in sheets("handler")["Theo cán bộ"][2:]] == ["Trần Văn Minh"]
    assert set(sheets("supervisor")) == {"Theo đơn vị"}
