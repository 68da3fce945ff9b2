from datetime import date, timedelta
from io import BytesIO
from zipfile import ZipFile

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import LAND_COMPLAINT
from danvan.reception import services
from danvan.reception.models import Session, Visit
from danvan.reception.services import Visitor

pytestmark = pytest.mark.django_db


def visit_post(unit, **overrides):
    data = {
        "visited_on": timezone.localdate().isoformat(), "unit": unit.pk, "full_name": "Nguyễn Văn An",
        "id_number": "001085012345", "address": "Thôn 3, xã Hòa Vang", "kind": "complaint", "content": LAND_COMPLAINT,
        "people_count": "1", "handling": "accept", "petition_action": "create", "representatives": "",
    }
    data.update(overrides)
    return data


def test_the_desk_records_a_visit_with_its_petition_and_shows_it(client, officials, intake_unit):
    client.force_login(officials["reception_officer"])
    response = client.post("/desk/reception/visit/new/", visit_post(intake_unit))
    visit = Visit.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/desk/reception/visit/{visit.pk}/"
    assert visit.petition is not None and visit.petition.channel == "desk"
    page = client.get(response["Location"]).content.decode()
    assert visit.petition.code in page and "Nguyễn Văn An" in page


def test_the_desk_refuses_too_many_representatives_and_saves_nothing(client, officials, intake_unit):
    client.force_login(officials["reception_officer"])
    reps = "Trần Văn A\nTrần Văn B\nTrần Văn C"
    response = client.post("/desk/reception/visit/new/", visit_post(intake_unit, people_count="7", representatives=reps))
    assert response.status_code == 200
    assert "tối đa 2 người đại diện" in response.content.decode()
    assert not Visit.objects.exists() and not Petition.objects.exists()


def test_the_desk_refuses_an_unidentified_complainant(client, officials, intake_unit):
    client.force_login(officials["reception_officer"])
    response = client.post("/desk/reception/visit/new/", visit_post(intake_unit, id_number="", address=""))
    assert "họ tên, địa chỉ" in response.content.decode()
    assert not Visit.objects.exists()


def test_scheduling_a_past_session_shows_the_reason_and_saves_nothing(client, officials, intake_unit):
    client.force_login(officials["reception_officer"])
    past = timezone.localdate() - timedelta(days=3)
    response = client.post("/desk/reception/sessions/", {"kind": "regular", "mode": "in_person", "status": "scheduled",
                                                        "on": past.isoformat(), "unit": intake_unit.pk})
    assert response.status_code == 200 and "đã qua" in response.content.decode()
    assert not Session.objects.exists()


def test_the_book_prints_and_exports_form_03(client, officials, intake_unit):
    services.visit_record(unit=intake_unit, visited_on=timezone.localdate(), visitor=Visitor("Nguyễn Văn An", "001085012345"),
                          content="Khiếu nại giá bồi thường", kind="complaint", handling="accept",
                          by=officials["reception_officer"])
    client.force_login(officials["unit_head"])
    page = client.get("/desk/reception/").content.decode()
    assert "Khiếu nại giá bồi thường" in page and "data-print" in page
    response = client.get("/desk/reception/?format=xlsx")
    ws = load_workbook(BytesIO(response.content)).active
    texts = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert "SỔ TIẾP CÔNG DÂN" in texts and "Khiếu nại giá bồi thường" in texts and "Số CCCD/CMND" in texts


def test_the_book_and_its_xlsx_follow_the_readers_language(client, officials, intake_unit):
    services.visit_record(unit=intake_unit, visited_on=timezone.localdate(), visitor=Visitor("Nguyễn Văn An", "001085012345"),
                          content="Khiếu nại giá bồi thường", kind="complaint", handling="accept",
                          by=officials["reception_officer"])
    client.force_login(officials["unit_head"])
    client.cookies["django_language"] = "en"
    page = client.get("/desk/reception/").content.decode()
    ws = load_workbook(BytesIO(client.get("/desk/reception/?format=xlsx").content)).active
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]

    assert "<th>Reception date</th>" in page and "Form 03 — Circular 04/2021/TT-TTCP" in page
    assert "Ngày tiếp" not in page and "Mẫu số 03" not in page
    assert texts[:3] == ["Form 03 — Circular 04/2021/TT-TTCP", "CITIZEN RECEPTION BOOK", texts[2]]
    assert " — from " in texts[2] and "từ ngày" not in texts[2]
    assert "Reception date" in texts and "Complaint, 1 person(s)" in texts and "Khiếu nại giá bồi thường" in texts


def test_the_book_exports_a_visitors_formula_and_control_characters_as_plain_text(client, officials, intake_unit):
    # What a visitor says is written down as said; in the spreadsheet it must stay text, never a formula
    # that runs when an official opens the file, and a pasted control character must not fail the export.
    name = '=HYPERLINK("http://example.com/x","Xem")'
    services.visit_record(unit=intake_unit, visited_on=timezone.localdate(), visitor=Visitor(name, "001085012345"),
                          content="Khiếu nại\x0bgiá bồi thường\x01", kind="complaint", handling="accept",
                          by=officials["reception_officer"])
    client.force_login(officials["unit_head"])
    response = client.get("/desk/reception/?format=xlsx")
    assert response.status_code == 200
    cells = {c.value: c.data_type for row in load_workbook(BytesIO(response.content)).active.iter_rows() for c in row}
    assert cells[name] == "s" and cells["Khiếu nại giá bồi thường "] == "s"
    with ZipFile(BytesIO(response.content)) as xlsx:
        assert "<f>" not in xlsx.read("xl/worksheets/sheet1.xml").decode()


def test_the_public_schedule_lists_leaders_days_without_login(client, officials, intake_unit):
    day = date.today() + timedelta(days=20)
    session = services.session_create(unit=intake_unit, kind="periodic", on=day, host=officials["leader"],
                                      by=officials["reception_officer"], location="Số 10 Tôn Thất Thuyết, Hà Nội")
    page = client.get("/lich-tiep-cong-dan/").content.decode()
    assert "Hoàng Đức Thắng" in page and session.on.strftime("%d/%m/%Y") in page


def test_a_supervisor_cannot_open_the_reception_book(client, officials):
    client.force_login(officials["supervisor"])
    assert client.get("/desk/reception/").status_code == 403
    assert client.get("/desk/reception/visit/new/").status_code == 403


def test_the_book_checks_its_denouncers_in_a_fixed_number_of_queries(client, officials, intake_unit):
    # Each denunciation visit brings a petition whose denouncer the book must withhold from some officials;
    # that is worked out for all lines at once, not once per line.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def denunciation(serial: int) -> None:
        services.visit_record(
            unit=intake_unit, visited_on=timezone.localdate(), by=officials["reception_officer"], kind="denunciation",
            handling="accept", visitor=Visitor(f"Người tố cáo {serial}", f"0010850{serial:05d}", "Thôn 3, Hòa Vang"),
            content=f"Tố cáo ông Trần Văn Minh nhận tiền để chuyển đơn nhanh (lần {serial}).", create_petition=True)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/desk/reception/").status_code == 200
        return len(captured.captured_queries)

    client.force_login(officials["unit_head"])
    denunciation(1)
    few = queries()
    for serial in range(2, 8):
        denunciation(serial)
    assert queries() <= few


def test_the_book_pages_through_a_long_range_and_counts_every_line(client, officials, intake_unit):
    today = timezone.localdate()
    Visit.objects.bulk_create(
        Visit(unit=intake_unit, visited_on=today, number=n, full_name=f"Người đến {n}", content=f"Nội dung {n}",
              kind="recommendation", handling="guide", handling_target="UBND xã")
        for n in range(1, 202))
    client.force_login(officials["unit_head"])
    first = client.get("/desk/reception/").content.decode()
    assert "201 lượt" in first and "Người đến 200" in first and "Người đến 201" not in first
    assert "page=2" in first and "1 / 2" in first
    second = client.get("/desk/reception/?page=2").content.decode()
    assert "Người đến 201" in second and "Người đến 200" not in second
    assert "Người đến 1<" in client.get("/desk/reception/?page=abc").content.decode()  # an unreadable page: the first
