"""Civil servants rated on the 100-point scale of Decree 335/2025: the thresholds and the grounds of "not
completed" come from the rule pack, the share of excellent ratings is capped within a unit, a unit's head rates
the unit's officials (a leader anyone, nobody themselves), and bad input changes nothing."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from conftest import make_official
from danvan.audit.models import Event
from danvan.documents.spreadsheet import XLSX_CONTENT_TYPE
from danvan.insights.appraisals import appraisal_record, scale_for, unit_ratings
from danvan.insights.models import Appraisal, Rating
from danvan.org.models import Role
from danvan.petitions.models import Kind
from danvan.petitions.services import Outcome, petition_classify, petition_decide
from danvan.petitions.tests.factories import at, receive

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.mark.parametrize(("points", "ground", "rating"), [
    ("100", None, Rating.EXCELLENT), ("90", None, Rating.EXCELLENT), ("89.9", None, Rating.GOOD),
    ("70", None, Rating.GOOD), ("69.9", None, Rating.COMPLETED), ("50", None, Rating.COMPLETED),
    ("49.9", None, Rating.NOT_COMPLETED), ("0", None, Rating.NOT_COMPLETED),
    ("95", 2, Rating.NOT_COMPLETED),  # disciplined in the year: not completed whatever the points
])
def test_the_rating_follows_the_points_and_the_grounds_of_the_rule_pack(points, ground, rating):
    assert scale_for(YEAR).rating(Decimal(points), ground) == rating


def test_no_rating_before_the_decree_and_its_scale_is_the_packs():
    with pytest.raises(ValidationError, match="2025"):
        scale_for(2025)
    scale = scale_for(YEAR)
    assert (scale.general_max, scale.task_max, scale.cap_percent) == (30, 70, 20)
    assert len(scale.grounds) == 3 and "335/2025" in scale.citation


def test_excellent_ratings_never_pass_a_fifth_of_the_good_ones_the_demoted_counting_as_good():
    scale = scale_for(YEAR)
    assert scale.excellent_allowed(excellent=2, good=1) == 0  # one excellent beside two good: 1 > 0.4
    assert scale.excellent_allowed(excellent=1, good=5) == 1  # 1 <= 20% of 5
    assert scale.excellent_allowed(excellent=3, good=9) == 2  # 2 <= 20% of 10; 3 > 20% of 9
    assert scale.excellent_allowed(excellent=0, good=30) == 0
    for excellent in range(12):
        for good in range(40):
            k = scale.excellent_allowed(excellent=excellent, good=good)
            assert 0 <= k <= excellent and k <= Decimal("0.2") * (good + excellent - k)
            assert k == excellent or k + 1 > Decimal("0.2") * (good + excellent - k - 1)  # as many as allowed


def rate(official, general, task, by, ground=None):
    return appraisal_record(official=official, year=YEAR, general_points=Decimal(general),
                            task_points=Decimal(task), not_completed_ground=ground, note="", by=by)


def test_a_unit_head_rates_the_units_officials_and_the_highest_points_keep_the_excellent_rating(
        officials, intake_unit):
    head = officials["unit_head"]
    staff = [officials["reception_officer"], officials["handler"], officials["verifier"]]
    staff += [make_official(f"cb{i}", Role.HANDLER, intake_unit, f"Cán bộ số {i}") for i in range(3)]
    for official, (general, task) in zip(staff, [("29", "66"), ("28", "65"), ("28", "60"), ("25", "55"),
                                                 ("24", "50"), ("22", "50")], strict=True):
        rate(official, general, task, head)
    board = unit_ratings(intake_unit, YEAR)
    by_official = {row.official: row for row in board.rows}
    # 95, 93, 88, 80, 74, 72 points: two excellent by points, four good; one excellent is 20% of five good.
    assert board.excellent_allowed == 1
    assert by_official[staff[0]].rating == Rating.EXCELLENT  # 95 points
    assert by_official[staff[1]].rating == Rating.GOOD and by_official[staff[1]].over_cap  # 93: over the cap
    assert by_official[staff[2]].rating == Rating.GOOD and not by_official[staff[2]].over_cap  # 88
    assert board.counts[Rating.EXCELLENT] == 1 and board.counts[Rating.GOOD] == 5
    assert by_official[head].appraisal is None and by_official[head].rating is None  # the head is rated above
    # A correction replaces the points, and the audit log keeps each version.
    rate(staff[1], "20", "40", head, ground=2)
    assert Appraisal.objects.get(official=staff[1]).points == 60
    assert unit_ratings(intake_unit, YEAR).rows[[r.official for r in board.rows].index(staff[1])].rating \
        == Rating.NOT_COMPLETED
    assert Event.objects.filter(action="insights.appraisal").count() == 7


def test_who_may_rate_whom(officials, intake_unit, land_department):
    head, leader = officials["unit_head"], officials["leader"]
    elsewhere = make_official("cucdatdai", Role.HANDLER, land_department, "Cán bộ Cục")
    for by, official in ((head, head), (head, elsewhere), (officials["handler"], officials["verifier"]),
                         (leader, leader), (officials["supervisor"], officials["handler"])):
        with pytest.raises(PermissionDenied):
            rate(official, "25", "60", by)
    rate(elsewhere, "25", "60", leader)
    rate(head, "25", "60", leader)
    assert Appraisal.objects.count() == 2
    # A supervising body's member signs in to the desk but is not the agency's civil servant to rate.
    supervisor = officials["supervisor"]
    with pytest.raises(ValidationError, match="cơ quan giám sát"):
        rate(supervisor, "25", "60", leader)
    assert supervisor not in [row.official for row in unit_ratings(supervisor.unit, YEAR).rows]


def test_bad_points_are_refused_with_a_message_and_nothing_is_kept(officials):
    head, handler = officials["unit_head"], officials["handler"]
    for general, task, ground, why in (("31", "60", None, "từ 0 đến 30"), ("25", "70.5", None, "từ 0 đến 70"),
                                       ("-1", "60", None, "từ 0 đến 30"), ("25", "60", 4, "không hợp lệ")):
        with pytest.raises(ValidationError, match=why):
            rate(handler, general, task, head, ground=ground)
    with pytest.raises(ValidationError, match="Chưa thể xếp loại"):
        appraisal_record(official=handler, year=timezone.localdate().year + 1, general_points=Decimal(25),
                         task_points=Decimal(60), not_completed_ground=None, note="", by=head)
    with pytest.raises(ValidationError, match="2025"):
        appraisal_record(official=handler, year=2025, general_points=Decimal(25), task_points=Decimal(60),
                         not_completed_ground=None, note="", by=head)
    assert not Appraisal.objects.exists() and not Event.objects.filter(action="insights.appraisal").exists()


def test_the_page_rates_an_official_and_refuses_bad_input(client, officials, intake_unit):
    handler = officials["handler"]
    answered = receive(intake_unit, received_at=at(timezone.localdate())).petition  # decided on time, this year
    petition_classify(petition=answered, by=handler, kind=Kind.RECOMMENDATION, field=None)
    petition_decide(petition=answered, by=handler, outcome=Outcome.ARCHIVE, reason="Đơn trùng")
    client.force_login(officials["unit_head"])
    page = client.get("/desk/dashboard/xep-loai/").content.decode()
    assert f'id="official-{handler.pk}"' in page and "Nghị định 335/2025/NĐ-CP" in page
    response = client.post(f"/desk/dashboard/xep-loai/?unit={intake_unit.pk}&year={YEAR}", {
        "official": handler.pk, "general_points": "29", "task_points": "62.5", "not_completed_ground": "",
        "note": "Xử lý đơn đúng hạn"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    row = page[page.index(f'id="official-{handler.pk}"'):page.index("</tr>", page.index(f'id="official-{handler.pk}"'))]
    assert "91,5" in row and 'value="62.5"' in row and "Hoàn thành tốt nhiệm vụ" in row and "vượt tỷ lệ" in row
    assert '<td class="ref">1 / 0</td>' in row  # the year's petitions decided on time / late or overdue, beside the points

    refused = client.post(f"/desk/dashboard/xep-loai/?unit={intake_unit.pk}&year={YEAR}", {
        "official": handler.pk, "general_points": "35", "task_points": "60"})
    assert refused.status_code == 400 and "phải từ 0 đến 30" in refused.content.decode()
    stranger = client.post(f"/desk/dashboard/xep-loai/?unit={intake_unit.pk}&year={YEAR}", {
        "official": officials["leader"].pk, "general_points": "25", "task_points": "60"})
    assert stranger.status_code == 400 and "không thuộc đơn vị" in stranger.content.decode()
    assert Appraisal.objects.get().points == Decimal("91.5")
    assert client.get("/desk/dashboard/xep-loai/?year=abc").status_code == 400
    assert client.get("/desk/dashboard/xep-loai/?year=²&unit=²").status_code == 400  # digits Python reads, int() not
    workbook = client.get(f"/desk/dashboard/xep-loai/?unit={intake_unit.pk}&year={YEAR}&format=xlsx")
    assert workbook["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = load_workbook(BytesIO(workbook.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows[handler.full_name][2:8] == (29, 62.5, 91.5, None, "Hoàn thành tốt nhiệm vụ", "có")

    client.force_login(handler)
    assert client.get("/desk/dashboard/xep-loai/").status_code == 403
