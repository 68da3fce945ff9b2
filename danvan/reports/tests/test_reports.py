from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from danvan.matters.models import Matter, MatterRecord
from danvan.petitions.models import Field, Petition
from danvan.petitions.tests.factories import LAND_COMPLAINT, at, citizen, receive
from danvan.reception import services as reception
from danvan.reception.services import Visitor
from danvan.reports.layouts import layout_get, layout_parse, layouts
from danvan.reports.periods import period_parse
from danvan.reports.selectors import cell_records, cell_value, report_build
from danvan.reports.xlsx import report_xlsx


def test_a_quarter_runs_from_the_15th_of_the_month_before_to_the_14th_of_its_last_month():
    q1 = period_parse("2026-Q1")
    assert (q1.start, q1.end) == (date(2025, 12, 15), date(2026, 3, 14))
    q3 = period_parse("2026-q3")
    assert (q3.start, q3.end) == (date(2026, 6, 15), date(2026, 9, 14))
    year = period_parse("2025-Y")
    assert (year.start, year.end) == (date(2024, 12, 15), date(2025, 12, 14))
    assert period_parse("2026-6M").end == date(2026, 6, 14) and period_parse("2026-9M").end == date(2026, 9, 14)
    assert year.confidence == "L"


@pytest.mark.parametrize("bad", ["2026-Q5", "2026-Q0", "2026-M13", "Q3", "2026", "", "2019-Q1", "2031-Q1"])
def test_a_report_period_that_does_not_exist_is_refused_with_a_message(bad):
    with pytest.raises(ValidationError) as error:
        period_parse(bad)
    assert "Kỳ báo cáo" in str(error.value)


def test_a_period_outside_the_reporting_rules_is_refused_in_the_readers_language():
    with translation.override("en"), pytest.raises(ValidationError) as error:
        period_parse("2019-Q1")
    assert "outside the period when the reporting regime applies" in str(error.value)
    assert "is outside every rule pack" in str(error.value) and "nằm ngoài" not in str(error.value)


def test_every_layout_file_loads_and_numbers_its_columns():
    found = layouts()
    assert {"01-tcd", "02-xld", "03-gqkn", "04-gqtc"} <= set(found)
    for layout in found.values():
        assert [leaf.number for leaf in layout.leaves] == list(range(1, len(layout.leaves) + 1))


def test_a_layout_naming_an_unknown_dimension_stops_with_the_column_named():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="bad_col"):
        layout_parse({"slug": "x", "code": "x", "title": "x", "dataset": "petitions",
                      "columns": [{"key": "bad_col", "label": "x", "filter": {"colour": "red"}}]})


@pytest.fixture
def activity(intake_unit, land_department, officials):
    """A quarter's worth of records in two units, and some outside the period that must not count."""
    land = Field.objects.get(code="dat-dai")
    env = Field.objects.get(code="moi-truong")
    officer = officials["reception_officer"]
    day = date(2026, 10, 5)
    a = receive(intake_unit, received_at=at(day), letter_date=day).petition
    b = receive(land_department, received_at=at(date(2026, 10, 6)), letter_date=day,
                content="Tố cáo cán bộ địa chính xã nhận tiền của dân", channel="post",
                petitioners=[citizen("Lê Thị Hoa", "001190004567")]).petition
    receive(intake_unit, received_at=at(date(2026, 9, 10)), letter_date=date(2026, 9, 1),
            content="Đơn của kỳ trước", petitioners=[citizen("Phạm Văn Cường", "001080001111")])
    Petition.objects.filter(pk=a.pk).update(kind="complaint", field=land, status="accepted")
    Petition.objects.filter(pk=b.pk).update(kind="denunciation", field=env)
    reception.visit_record(unit=intake_unit, visited_on=day, visitor=Visitor("Nguyễn Văn An", "001085012345"),
                           content=LAND_COMPLAINT, kind="complaint", handling="accept", field=land, by=officer)
    reps = [Visitor("Trần Văn Tám"), Visitor("Đỗ Thị Chín")]
    reception.visit_record(unit=intake_unit, visited_on=date(2026, 10, 7), visitor=Visitor("Trần Văn Tám", "001070008888"),
                           content="Đoàn 9 hộ dân phản ánh ô nhiễm từ trại chăn nuôi", kind="recommendation",
                           handling="forward", handling_target="UBND tỉnh Bắc Ninh", people_count=9,
                           representatives=reps, by=officer)
    reception.refusal_record(unit=intake_unit, on=date(2026, 10, 8), ground=1, note="Say rượu", by=officer)
    Matter.objects.create(code="KN-2026-000001", kind="complaint", unit=land_department, accepted_on=date(2026, 10, 9))
    Matter.objects.create(code="KN-2026-000002", kind="complaint", unit=land_department, accepted_on=date(2026, 10, 9),
                          state="decided", decided_on=date(2026, 11, 2), finding="partly")
    Matter.objects.create(code="TC-2026-000003", kind="denunciation", unit=intake_unit, accepted_on=date(2026, 10, 9))
    return {"intake": intake_unit, "land": land_department}


@pytest.mark.django_db
def test_every_cell_of_every_report_reconciles_with_its_drill_down_list(activity, ministry):
    period = period_parse("2026-Q4")
    for layout in layouts().values():
        for scope in (None, ministry, activity["land"]):
            table = report_build(layout=layout, period=period, scope=scope)
            for leaf in layout.leaves:
                records = cell_records(layout=layout, leaf=leaf, period=period, scope=scope)
                assert table.total.values.get(leaf.key, 0) == cell_value(records, leaf), (layout.slug, leaf.key)
                assert sum(r.values.get(leaf.key, 0) for r in table.rows) == table.total.values.get(leaf.key, 0)
                for row in table.rows:
                    rows_records = cell_records(layout=layout, leaf=leaf, period=period, scope=scope, row_unit=row.unit)
                    assert row.values.get(leaf.key, 0) == cell_value(rows_records, leaf)


@pytest.mark.django_db
def test_the_reports_count_what_happened_in_the_period(activity):
    period = period_parse("2026-Q4")
    xld = report_build(layout=layout_get("02-xld"), period=period).total.values  # type: ignore[arg-type]
    assert xld["tong"] == 2  # the petition of 10/9 falls in Q3's data period, which closed on 14/9
    assert xld["pl_kn"] == 1 and xld["pl_tc"] == 1 and xld["lv_dat-dai"] == 1 and xld["kq_thuly"] == 1
    assert xld["ng_buuchinh"] == 1 and xld["ng_tructiep"] == 1
    tcd = report_build(layout=layout_get("01-tcd"), period=period).total.values  # type: ignore[arg-type]
    assert tcd["tx_luot"] == 2 and tcd["tx_nguoi"] == 10 and tcd["doan_so"] == 1 and tcd["doan_nguoi"] == 9
    assert tcd["tu_choi"] == 1 and tcd["kq_chuyen"] == 1 and tcd["lv_dat-dai"] == 1
    kn = report_build(layout=layout_get("03-gqkn"), period=period).total.values  # type: ignore[arg-type]
    assert kn["tl_tong"] == 2 and kn["kq_dagq"] == 1
    assert (kn.get("gq_dung", 0), kn["gq_motphan"], kn.get("gq_sai", 0)) == (0, 1, 0)
    earlier = report_build(layout=layout_get("02-xld"), period=period_parse("2026-Q3")).total.values  # type: ignore[arg-type]
    assert earlier["tong"] == 1


@pytest.mark.django_db
def test_the_complaint_form_counts_the_caseload_carried_over_and_results_as_they_stood_at_the_period_end(
        land_department):
    # Q4 2026's data period is 15/09 to 14/12/2026 (Circular 02/2021). The caseload is what was accepted by
    # its end and not decided or closed before its start; accepted before the start means carried over.
    def complaint(code: str, **fields) -> None:
        Matter.objects.create(code=code, kind="complaint", unit=land_department, **fields)

    def paused(code: str, *steps: tuple[date, str]) -> None:
        for on, transition in steps:
            MatterRecord.objects.create(matter=Matter.objects.get(code=code), transition=transition, on=on)

    complaint("KN-A", accepted_on=date(2026, 8, 20))  # carried over, still open
    complaint("KN-B", accepted_on=date(2026, 9, 1), state="decided", decided_on=date(2026, 10, 5), finding="right")
    complaint("KN-C", accepted_on=date(2026, 7, 1), state="final", decided_on=date(2026, 9, 14), finding="wrong")
    complaint("KN-D", accepted_on=date(2026, 10, 1), state="decided", decided_on=date(2026, 12, 20), finding="wrong")
    complaint("KN-E", accepted_on=date(2026, 12, 15))  # accepted after the period: next quarter's
    complaint("KN-F", accepted_on=date(2026, 6, 1), state="withdrawn", closed_on=date(2026, 9, 2))
    complaint("KN-G", accepted_on=date(2026, 11, 2), state="withdrawn", closed_on=date(2027, 1, 5))  # after Q4
    complaint("KN-H", accepted_on=date(2026, 10, 20), state="suspended", suspended_on=date(2026, 11, 16))
    paused("KN-H", (date(2026, 11, 16), "suspend"))
    # Suspended in Q4 and resumed after it: suspended at the end of Q4 all the same.
    complaint("KN-I", accepted_on=date(2026, 10, 1))
    paused("KN-I", (date(2026, 12, 1), "suspend"), (date(2027, 1, 10), "resume"))
    # Suspended and resumed within Q4, then suspended again after it: being resolved at the end of Q4.
    complaint("KN-J", accepted_on=date(2026, 9, 20), state="suspended", suspended_on=date(2026, 12, 20))
    paused("KN-J", (date(2026, 10, 5), "suspend"), (date(2026, 11, 5), "resume"), (date(2026, 12, 20), "suspend"))
    # Suspended and resumed on the same day: the later record wins.
    complaint("KN-K", accepted_on=date(2026, 9, 25))
    paused("KN-K", (date(2026, 12, 14), "suspend"), (date(2026, 12, 14), "resume"))
    layout = layout_get("03-gqkn")
    assert layout is not None
    q4 = report_build(layout=layout, period=period_parse("2026-Q4")).total.values
    # A, B carried over; D, G, H, I, J, K new.
    assert (q4["tl_tong"], q4["tl_kytruoc"], q4["tl_moi"]) == (8, 2, 6)
    # D was decided and G withdrawn after the period ended: at the end of Q4 both were still being resolved,
    # as were J and K, whose suspensions in Q4 had ended; H and I stood suspended.
    assert (q4["kq_dagq"], q4["kq_dang"], q4["kq_tamdinhchi"], q4["kq_rut"]) == (1, 5, 2, 0)
    assert (q4.get("gq_dung", 0), q4.get("gq_sai", 0)) == (1, 0)
    q3 = report_build(layout=layout, period=period_parse("2026-Q3")).total.values
    # Q3's data period is 15/06 to 14/09/2026: F carried over from Q2; A, B, C new; C decided on its last day.
    assert (q3["tl_tong"], q3["tl_kytruoc"], q3["tl_moi"]) == (4, 1, 3)
    assert (q3["kq_dagq"], q3["gq_sai"], q3["kq_rut"]) == (1, 1, 1)
    for figures in (q3, q4):  # the results add up to the caseload
        assert sum(figures.get(k, 0) for k in ("kq_dagq", "kq_dang", "kq_tamdinhchi", "kq_rut")) == figures["tl_tong"]


@pytest.mark.django_db
def test_a_report_takes_one_grouped_query_per_dataset_whatever_the_number_of_records(activity):
    layout = layout_get("01-tcd")
    assert layout is not None
    with CaptureQueriesContext(connection) as queries:
        report_build(layout=layout, period=period_parse("2026-Q4"))
    # visits, refusals, then the units of the rows.
    assert len(queries) == 3
    assert all("GROUP BY" in q["sql"] for q in queries.captured_queries[:2])


@pytest.mark.django_db
def test_the_xlsx_is_laid_out_like_the_form(activity):
    layout = layout_get("02-xld")
    assert layout is not None
    table = report_build(layout=layout, period=period_parse("2026-Q4"))
    ws = load_workbook(BytesIO(report_xlsx(table))).active
    texts = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN" in texts and "Biểu số 02/XLD" in texts
    assert "Theo nguồn đơn" in texts and "Kết quả xử lý" in texts and "(1)" in texts
    total_row = next(row for row in ws.iter_rows() if row[1].value == "Tổng cộng")
    assert total_row[2].value == table.total.values["tong"] == 2
    assert any("15/09/2026" in str(t) for t in texts)
    assert ws.merged_cells.ranges  # group headers span their columns


@pytest.mark.django_db
def test_the_xlsx_is_the_vietnamese_form_even_when_asked_for_in_english(activity):
    # The statutory form is filed as the circular lays it out; the page around it follows the reader.
    table = report_build(layout=layout_get("02-xld"), period=period_parse("2026-Q4"))  # type: ignore[arg-type]
    with translation.override("en"):
        ws = load_workbook(BytesIO(report_xlsx(table))).active
        title = period_parse("2026-Q4").title
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]

    assert "Quý IV năm 2026 — toàn Bộ" in texts and "Tổng cộng" in texts
    assert any(t.startswith("(Số liệu từ ngày 15/09/2026 đến ngày 14/12/2026") for t in texts)
    assert title == "Q4 2026" and period_parse("2026-Q4").title == "Quý IV năm 2026"


@pytest.mark.django_db
def test_an_official_of_no_unit_reads_no_units_records_or_reports(client, activity):
    from danvan.org.models import Role, User

    adrift = User.objects.create_user(username="xuly-le", password="-", full_name="Vũ Văn Lẻ", unit=None,
                                      roles=[Role.HANDLER.value])  # not yet placed in a unit
    client.force_login(adrift)
    listed = client.get("/desk/reports/records/?dataset=petitions&start=2026-09-01&end=2026-12-31")
    assert activity["land"].name not in listed.content.decode() and listed.status_code == 403
    assert client.get("/desk/reports/02-xld/?period=2026-Q4").status_code == 403
    assert client.get("/desk/reports/02-xld/cell/?period=2026-Q4&col=tong").status_code == 403
