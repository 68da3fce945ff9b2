"""Time limits on real 2026 dates against the seeded calendar. Every expected date was worked out by hand
from the statute and the 2026 calendar (Tết: off Sat 14 - Sun 22 Feb; 30/4 Thu, 1/5 Fri; Giỗ Tổ Sun 26 Apr,
made up Mon 27 Apr; National Day: off Sat 29 Aug - Wed 2 Sep with Mon 31 Aug swapped for Sat 22 Aug;
New Year: Thu 1 - Sun 4 Jan with Fri 2 Jan swapped for Sat 10 Jan)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from django.utils import translation

from danvan.rules.errors import RuleError
from danvan.rules.services import Deadline, deadline_compute, explanation_lines, rules_in_force

D = dt.date
pytestmark = pytest.mark.django_db

# Start Mon 2 Mar 2026 (no holiday in March). Calendar days: +10 Thu 12 Mar, +15 Tue 17 Mar, +20 Sun 22 Mar
# (-> Mon 23), +30 Wed 1 Apr, +45 Thu 16 Apr, +60 Fri 1 May (-> Mon 4 May), +70 Mon 11 May, +90 Sun 31 May
# (-> Mon 1 Jun). Working days: 5 -> Mon 9 Mar, 7 -> Wed 11 Mar, 10 -> Mon 16 Mar.
START = D(2026, 3, 2)
EVERY_TIME_LIMIT = [
    # (rule, complex, remote, extensions, due)
    ("petition.processing", False, False, 0, D(2026, 3, 16)),
    ("complaint.time_limit_to_complain", False, False, 0, D(2026, 6, 1)),
    ("complaint.acceptance", False, False, 0, D(2026, 3, 16)),
    ("complaint.first_resolution", False, False, 0, D(2026, 4, 1)),
    ("complaint.first_resolution", True, False, 0, D(2026, 4, 16)),
    ("complaint.first_resolution", False, True, 0, D(2026, 4, 16)),
    ("complaint.first_resolution", True, True, 0, D(2026, 5, 4)),
    ("complaint.second_complaint_window", False, False, 0, D(2026, 4, 1)),
    ("complaint.second_complaint_window", False, True, 0, D(2026, 4, 16)),
    ("complaint.second_resolution", False, False, 0, D(2026, 4, 16)),
    ("complaint.second_resolution", True, False, 0, D(2026, 5, 4)),
    ("complaint.second_resolution", False, True, 0, D(2026, 5, 4)),
    ("complaint.second_resolution", True, True, 0, D(2026, 5, 11)),
    ("complaint.finality", False, False, 0, D(2026, 4, 1)),
    ("complaint.finality", False, True, 0, D(2026, 4, 16)),
    ("complaint.disciplinary_first", False, False, 0, D(2026, 3, 17)),
    ("complaint.disciplinary_second", False, False, 0, D(2026, 3, 12)),
    ("complaint.disciplinary_second_dismissal", False, False, 0, D(2026, 4, 1)),
    ("denunciation.initial_processing", False, False, 0, D(2026, 3, 11)),
    ("denunciation.initial_processing", True, False, 0, D(2026, 3, 16)),
    ("denunciation.forward", False, False, 0, D(2026, 3, 9)),
    ("denunciation.acceptance_notice", False, False, 0, D(2026, 3, 9)),
    ("denunciation.resolution", False, False, 0, D(2026, 4, 1)),
    ("denunciation.resolution", True, False, 1, D(2026, 5, 4)),
    ("denunciation.resolution", True, False, 2, D(2026, 6, 1)),
    ("denunciation.extension", False, False, 0, D(2026, 4, 1)),
    ("consultation.comment_period", False, False, 0, D(2026, 3, 23)),
]


@pytest.mark.parametrize(("rule", "complex_", "remote", "extensions", "due"), EVERY_TIME_LIMIT)
def test_every_time_limit_on_a_march_2026_start(rule, complex_, remote, extensions, due):
    deadline = deadline_compute(rule=rule, start=START, complex=complex_, remote=remote, extensions=extensions)
    assert deadline.due == due


def test_the_table_above_covers_every_time_limit_in_force():
    in_force = {r["code"] for r in rules_in_force(START) if r["kind"] == "time_limit"}
    assert in_force == {row[0] for row in EVERY_TIME_LIMIT}


def test_ten_working_days_across_tet():
    # Received Thu 12 Feb: Fri 13 (1), Tết and weekends to Sun 22, 23-27 Feb (2-6), 2-5 Mar (7-10).
    d = deadline_compute(rule="complaint.acceptance", start=D(2026, 2, 12))
    assert d.due == D(2026, 3, 5)
    skipped = {s["date"]: s for s in d.explain()["skipped"]}
    assert skipped["2026-02-17"]["kind"] == "holiday"
    assert skipped["2026-02-14"]["kind"] == "weekend"
    assert len(skipped) == 11  # 14-22 Feb, 28 Feb, 1 Mar


def test_a_period_ending_on_tet_ends_on_monday_23_february():
    # Accepted Sun 18 Jan: +30 = Tue 17 Feb (Mùng một Tết).
    d = deadline_compute(rule="complaint.first_resolution", start=D(2026, 1, 18))
    assert d.nominal_end == D(2026, 2, 17)
    assert d.due == D(2026, 2, 23)
    assert d.explain()["moved_to_next_working_day"] is True


def test_a_period_ending_on_30_april_moves_past_1_may_and_the_weekend():
    # Accepted Tue 31 Mar: +30 = Thu 30 Apr; Fri 1 May, Sat, Sun; Mon 4 May.
    assert deadline_compute(rule="complaint.first_resolution", start=D(2026, 3, 31)).due == D(2026, 5, 4)


def test_a_period_ending_on_gio_to_sunday_moves_past_its_monday_make_up_day():
    # Issued Fri 27 Mar: +30 = Sun 26 Apr (Giỗ Tổ), Mon 27 Apr off in its place: Tue 28 Apr.
    assert deadline_compute(rule="complaint.finality", start=D(2026, 3, 27)).due == D(2026, 4, 28)


def test_a_period_ending_on_2_september_ends_on_3_september():
    # Accepted Sun 19 Jul: +45 = Wed 2 Sep; the July start uses the 2026 pack.
    d = deadline_compute(rule="complaint.second_resolution", start=D(2026, 7, 19))
    assert d.nominal_end == D(2026, 9, 2)
    assert d.due == D(2026, 9, 3)
    assert d.pack == "complaints@2026.1"


def test_a_weekend_before_the_swapped_monday_off():
    # Accepted Thu 30 Jul: +30 = Sat 29 Aug; Sun 30, Mon 31 (swapped), 1-2 Sep off: Thu 3 Sep.
    d = deadline_compute(rule="denunciation.resolution", start=D(2026, 7, 30))
    assert d.due == D(2026, 9, 3)
    kinds = {s["date"]: s["kind"] for s in d.explain()["skipped"]}
    assert kinds == {"2026-08-29": "weekend", "2026-08-30": "weekend", "2026-08-31": "government-decision",
                     "2026-09-01": "holiday", "2026-09-02": "holiday"}


def test_working_days_around_new_year_skip_the_swapped_friday_and_count_the_make_up_saturday():
    # Received Tue 30 Dec 2025: Wed 31 (1), 1-4 Jan off, Mon 5 - Fri 9 (2-6), Sat 10 Jan worked (7).
    assert deadline_compute(rule="denunciation.initial_processing", start=D(2025, 12, 30)).due == D(2026, 1, 10)
    # Received Wed 7 Jan: Thu 8, Fri 9, Sat 10, Mon 12, Tue 13.
    assert deadline_compute(rule="denunciation.forward", start=D(2026, 1, 7)).due == D(2026, 1, 13)


def test_pack_selection_across_1_july_2026():
    before = deadline_compute(rule="complaint.first_resolution", start=D(2026, 6, 30))
    after = deadline_compute(rule="complaint.first_resolution", start=D(2026, 7, 1))
    assert before.pack == "complaints@2012.1" and after.pack == "complaints@2026.1"
    assert before.due == D(2026, 7, 30)  # Thu
    assert after.due == D(2026, 7, 31)  # Fri
    assert "136/2025/QH15" in after.citation and "136/2025/QH15" not in before.citation
    assert before.citation == "Luật Khiếu nại 02/2011/QH13, Điều 28"


def test_suspended_days_do_not_count():
    d = deadline_compute(rule="complaint.time_limit_to_complain", start=START, suspended_days=10)
    assert d.due == D(2026, 6, 10)
    assert d.amount == 90 and d.explain()["suspended_days"] == 10


def test_the_derivation_is_json_and_names_the_rule_the_article_and_the_days():
    d = deadline_compute(rule="denunciation.resolution", start=START, complex=True, extensions=1)
    explained = d.explain()
    assert json.loads(json.dumps(explained, ensure_ascii=False)) == explained
    assert explained["citation"] == "Luật Tố cáo 25/2018/QH14, Điều 30"
    assert explained["first_counted_day"] == "2026-03-03"
    assert explained["extensions"] == {"count": 1, "length_each": 30, "added": 30}
    assert explained["amount"] == 60 and explained["unit"] == "calendar_days"
    assert explained["nominal_end"] == "2026-05-01" and explained["due"] == "2026-05-04"
    assert explained["skipped"][0]["reason"] == "Ngày Quốc tế Lao động"
    assert any("Hạn cuối" in line for line in explained["text"])
    assert isinstance(d, Deadline) and dataclasses.is_dataclass(d)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.due = D(2030, 1, 1)  # type: ignore[misc]


def test_the_derivation_is_stored_in_vietnamese_and_read_in_the_readers_language():
    # Computed during an English request, the record keeps Vietnamese sentences; a page draws them again.
    with translation.override("en"):
        explained = deadline_compute(rule="denunciation.resolution", start=START, complex=True,
                                     extensions=1).explain()
        english = explanation_lines(explained)
    vietnamese = explanation_lines(explained)

    assert vietnamese == explained["text"]
    assert "Ngày đầu tiên được tính: Thứ Ba 03/03/2026." in vietnamese
    assert "Case: complex; time limit 30 days." in english
    assert "1 extension × 30 days: 30 days added." in english
    assert "First day counted: Tuesday 03/03/2026." in english
    # A holiday's name is the calendar's data; a weekend day is named in the reader's language.
    assert "  - Friday 01/05/2026: Ngày Quốc tế Lao động (public holiday, Tết)" in english
    assert english[-1] == "Due: end of Monday 04/05/2026 (63 days from the start)."


def test_an_older_derivation_without_its_facts_is_shown_as_stored():
    assert explanation_lines({"text": ["Hạn cuối: hết ngày Thứ Hai 04/05/2026."]}) == [
        "Hạn cuối: hết ngày Thứ Hai 04/05/2026."]


def test_unknown_rule_is_a_clear_error():
    with pytest.raises(RuleError, match=r"unknown rule 'complaint\.nonexistent'") as exc:
        deadline_compute(rule="complaint.nonexistent", start=START)
    assert "Không có quy tắc" in str(exc.value)
    assert isinstance(exc.value, ValueError)


def test_a_start_before_every_pack_is_a_clear_error():
    # Denunciation rules before 2019 (the 2011 law) are not encoded; complaints start on 1 July 2012.
    with pytest.raises(RuleError, match="outside every rule pack"):
        deadline_compute(rule="denunciation.resolution", start=D(2018, 12, 31))
    with pytest.raises(RuleError, match="nằm ngoài"):
        deadline_compute(rule="complaint.first_resolution", start=D(2012, 6, 30))
    assert deadline_compute(rule="complaint.first_resolution", start=D(2012, 7, 1)).pack == "complaints@2012.1"


def test_a_rule_error_is_told_in_the_readers_language():
    with pytest.raises(RuleError) as exc:
        deadline_compute(rule="denunciation.resolution", start=D(2018, 12, 31))
    assert exc.value.message.startswith("Ngày 31/12/2018 nằm ngoài")
    with translation.override("en"):
        assert exc.value.message.startswith("2018-12-31 is outside every rule pack")


def test_a_third_extension_of_a_denunciation_is_refused():
    with pytest.raises(RuleError, match="at most 2 extension"):
        deadline_compute(rule="denunciation.resolution", start=START, complex=True, extensions=3)


def test_a_non_complex_denunciation_cannot_be_extended():
    with pytest.raises(RuleError, match="at most 0 extension"):
        deadline_compute(rule="denunciation.resolution", start=START, extensions=1)


def test_a_rule_without_extensions_refuses_one():
    with pytest.raises(RuleError):
        deadline_compute(rule="complaint.first_resolution", start=START, complex=True, extensions=1)


def test_a_rule_that_is_not_a_time_limit_is_refused():
    with pytest.raises(RuleError, match="not a time limit"):
        deadline_compute(rule="reception.leader_minimum", start=START)


def test_negative_inputs_are_refused():
    with pytest.raises(RuleError):
        deadline_compute(rule="complaint.first_resolution", start=START, suspended_days=-1)
