import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from danvan.petitions.models import Field, Petition
from danvan.petitions.tests.factories import at, citizen, receive
from danvan.reception import services
from danvan.reception.services import Visitor

pytestmark = pytest.mark.django_db


@pytest.fixture
def some_petitions(intake_unit, land_department, officials):
    today = timezone.localdate()
    a = receive(intake_unit, received_at=at(today), letter_date=today).petition
    receive(land_department, received_at=at(today), letter_date=today, content="Phản ánh ô nhiễm nước thải",
            petitioners=[citizen("Lê Thị Hoa", "001190004567")], province_code=1)
    Petition.objects.filter(pk=a.pk).update(kind="complaint", processing_due=date(2026, 1, 1))
    services.visit_record(unit=intake_unit, visited_on=today, visitor=Visitor("Nguyễn Văn An", "001085012345"),
                          content="Khiếu nại", kind="complaint", handling="accept", by=officials["reception_officer"])
    return a


def test_the_dashboard_draws_charts_with_their_numbers_and_links(client, officials, some_petitions):
    client.force_login(officials["leader"])
    page = client.get("/desk/dashboard/").content.decode()
    assert "<svg" in page and "Bảng số liệu" in page
    assert "/desk/reports/records/?dataset=petitions" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing from the internet
    assert "Ban Tiếp công dân" in page  # timeliness per unit


def test_the_dashboard_heads_with_the_overdue_backlog_and_the_visits_each_opening_to_its_records(
        client, officials, some_petitions):
    client.force_login(officials["leader"])
    page = client.get("/desk/dashboard/").content.decode()
    headline = page[page.index('id="headline"'):page.index("</div></div>", page.index('id="headline"'))]
    links = [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', headline)]
    assert ">1</a>" in headline and "0.0%" in headline.replace(",", ".")  # one overdue, none decided on time
    overdue = client.get(links[0]).content.decode()
    assert some_petitions.code in overdue and "Số hồ sơ trong danh sách<b>1</b>" in overdue.replace("\n", "")
    assert "Nguyễn Văn An" in client.get(links[1]).content.decode()  # the visit, named to the leader

    client.force_login(officials["supervisor"])  # the figures, without the records behind them
    page = client.get("/desk/dashboard/").content.decode()
    headline = page[page.index('id="headline"'):page.index("</div></div>", page.index('id="headline"'))]
    assert "href=" not in headline and ">1</b>" in headline


def test_a_window_of_centuries_is_cut_to_ten_years_with_a_message(client, officials, some_petitions):
    client.force_login(officials["leader"])
    response = client.get("/desk/dashboard/?start=1900-01-01&end=2199-12-31")
    page = response.content.decode()
    assert response.status_code == 400 and "tối đa 120 tháng" in page and "31/12/2199" in page
    # The months drawn are the last 120 of the window, not 3,600.
    assert "01/90" in page and "12/99" in page and "12/89" not in page


def test_a_dashboard_link_lists_the_records_it_counted(client, officials, some_petitions, intake_unit):
    client.force_login(officials["leader"])
    today = timezone.localdate()
    page = client.get(f"/desk/reports/records/?dataset=petitions&start={today.replace(day=1)}&end={today}"
                      f"&timeliness=overdue&unit={intake_unit.pk}").content.decode()
    assert some_petitions.code in page
    assert "Thời hạn xử lý: Quá hạn chưa xử lý" in page  # the filter in words, not "timeliness=overdue"
    land = Field.objects.get(code="dat-dai")
    page = client.get(f"/desk/reports/records/?dataset=petitions&start={today.replace(day=1)}&end={today}"
                      f"&kind=complaint&topic={land.pk}&province=48&repeat=False&channel=-").content.decode()
    assert ("Loại: Khiếu nại; Nguồn đơn: không có; Tỉnh, thành phố: Thành phố Đà Nẵng; Lĩnh vực: Đất đai; "
            "Đơn gửi lại, gửi nhiều nơi: không") in page


def test_every_dimension_of_every_dataset_reads_in_words():
    from danvan.reports.datasets import DATASETS, DIMENSION_LABELS

    assert {d for dataset in DATASETS.values() for d in dataset.dimensions} <= set(DIMENSION_LABELS)


def test_public_statistics_show_figures_and_no_personal_data(client, some_petitions):
    cache.clear()
    page = client.get("/thong-ke/").content.decode()
    assert "<svg" in page and "Đơn tiếp nhận" in page
    for secret in ("Nguyễn Văn An", "001085012345", "Lê Thị Hoa", some_petitions.code, "/desk/"):
        assert secret not in page


def test_reports_pages_render_link_every_figure_and_refuse_a_missing_period(client, officials, some_petitions):
    client.force_login(officials["inspector"])
    assert client.get("/desk/reports/").status_code == 200
    page = client.get("/desk/reports/02-xld/?period=2026-Q4").content.decode()
    assert "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN" in page and "/desk/reports/02-xld/cell/?period=2026-Q4" in page
    bad = client.get("/desk/reports/02-xld/?period=2026-Q7")
    assert bad.status_code == 400 and "không tồn tại" in bad.content.decode()
    cell = client.get("/desk/reports/02-xld/cell/?period=2026-Q4&col=tong").content.decode()
    assert some_petitions.code in cell and "khớp" in cell
    xlsx = client.get("/desk/reports/01-tcd/?period=2026-Q4&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_supervisor_sees_figures_but_no_names_behind_them(client, officials, some_petitions):
    from danvan.security.services import publication_create

    client.force_login(officials["supervisor"])
    url = "/desk/reports/01-tcd/cell/?period=2026-Q4&col=tx_luot"
    assert client.get(url).status_code == 403  # a supervising body reads only what is published to it
    publication_create(body=officials["supervisor"].unit, by=officials["leader"], report="01-tcd")
    page = client.get(url).content.decode()
    assert "Khiếu nại" in page and "Nguyễn Văn An" not in page


def test_the_rollup_gives_the_same_dashboard_as_counting_live(officials, intake_unit, land_department):
    from danvan.insights.models import MonthlyRollup
    from danvan.insights.rollup import rollup_refresh
    from danvan.insights.selectors import dashboard_build

    for i, day in enumerate([date(2026, 3, 2), date(2026, 3, 30), date(2026, 5, 12), date(2026, 11, 3)]):
        p = receive(intake_unit if i % 2 else land_department, received_at=at(day), letter_date=day,
                    content=f"Đơn số {i} về ô nhiễm", petitioners=[citizen(f"Người {i}", f"00108501000{i}")],
                    province_code=1 if i % 2 else 79).petition
        if i < 2:
            Petition.objects.filter(pk=p.pk).update(status="archived", decided_at=at(day) if i else at(date(2026, 5, 1)))
    start, end = date(2026, 2, 10), timezone.localdate()
    live = dashboard_build(start=start, end=end)
    assert rollup_refresh() > 0 and MonthlyRollup.objects.exists()
    rolled = dashboard_build(start=start, end=end)
    assert rolled.from_rollup and not live.from_rollup
    assert rolled.by_month_kind == live.by_month_kind and rolled.total == live.total == 4
    assert rolled.by_field == live.by_field and rolled.by_province == live.by_province
    assert rolled.by_channel == live.by_channel
    assert [(r["unit"].pk, r["on_time"], r["late"], r["overdue"]) for r in rolled.timeliness] == \
        [(r["unit"].pk, r["on_time"], r["late"], r["overdue"]) for r in live.timeliness]
    assert sum(r["late"] for r in live.timeliness) == 1 and sum(r["on_time"] for r in live.timeliness) == 1


def test_the_dashboard_page_takes_the_same_number_of_queries_however_many_petitions(client, officials, some_petitions,
                                                                                   land_department):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officials["leader"])
    with CaptureQueriesContext(connection) as before:
        client.get("/desk/dashboard/")
    today = timezone.localdate()
    for i in range(5):
        receive(land_department, received_at=at(today), letter_date=today, content=f"Phản ánh số {i} về khai thác cát",
                petitioners=[citizen(f"Người {i}", f"00109000000{i}")], province_code=40 + i)
    with CaptureQueriesContext(connection) as after:
        client.get("/desk/dashboard/")
    assert len(after) == len(before)


def test_a_supervisor_s_dashboard_has_the_figures_without_links_to_records(client, officials, some_petitions):
    from django.urls import reverse

    client.force_login(officials["supervisor"])
    page = client.get(reverse("insights:dashboard")).content.decode()
    assert "<svg" in page and reverse("reports:records") not in page
    client.force_login(officials["leader"])
    assert reverse("reports:records") in client.get(reverse("insights:dashboard")).content.decode()


def test_a_units_overdue_figure_opens_to_every_overdue_petition_however_old(client, officials, intake_unit):
    old_day = timezone.localdate() - timedelta(days=430)  # before the dashboard's 12 months
    old = receive(intake_unit, received_at=at(old_day), letter_date=old_day).petition
    Petition.objects.filter(pk=old.pk).update(processing_due=old_day + timedelta(days=14))
    client.force_login(officials["leader"])
    page = client.get("/desk/dashboard/").content.decode()
    row = page[page.index("Ban Tiếp công dân", page.index("Tỷ lệ quá hạn")):]
    overdue = next(part.split('"')[0].replace("&amp;", "&") for part in row.split('href="')[1:]
               if "timeliness=overdue" in part.split('"')[0])
    assert old.code in client.get(overdue).content.decode()
