"""An audit of the statutory time limits against dates worked out by hand, on the seeded calendar.

Counting (Civil Code 2015): Art. 147 — the first day is not counted; Art. 148 — a period in months ends on
the same date of its last month or that month's last day, and a last day that is a weekend day or a day off
moves to the close of the next working day. "ngày" counts calendar days, "ngày làm việc" working days.

The calendar used by hand (2026): Tết off Sat 14 - Sun 22 Feb; Giỗ Tổ Sun 26 Apr made up Mon 27 Apr;
30 Apr Thu and 1 May Fri; National Day off Sat 29 Aug - Wed 2 Sep (Mon 31 Aug swapped for Sat 22 Aug, which is
worked); New Year 2027 Fri 1 Jan; Tết 2027 as the Labour Code gives it (Art. 112; 29 Tết to mùng 3 is
Thu 4 - Mon 8 Feb, the weekend inside made up Tue 9 and Wed 10), no Government swap announced in the data.
"""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.rules.errors import RuleError
from danvan.rules.services import deadline_compute
from danvan.workcal.daycount import count_period
from danvan.workcal.selectors import calendar_get

D = dt.date
pytestmark = pytest.mark.django_db


def due(rule: str, start: dt.date, **case: object) -> dt.date:
    return deadline_compute(rule=rule, start=start, **case).due  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ Civil Code, Arts. 147-148


def test_a_month_from_31_january_ends_on_28_february_and_a_saturday_end_moves_to_monday():
    # Art. 148: 31 Jan 2026 + 1 month -> February has no 31st -> Sat 28 Feb 2026, a day off -> Mon 2 Mar.
    count = count_period(calendar_get(), D(2026, 1, 31), 1, "months")
    assert count.nominal_end == D(2026, 2, 28)
    assert count.due == D(2026, 3, 2)


def test_a_month_from_31_january_2028_ends_on_29_february_in_the_leap_year():
    # Art. 148: 31 Jan 2028 + 1 month -> Tue 29 Feb 2028, a working day.
    assert count_period(calendar_get(), D(2028, 1, 31), 1, "months").due == D(2028, 2, 29)
    # 30 Nov 2027 + 3 months -> 30 Feb does not exist -> Tue 29 Feb 2028.
    assert count_period(calendar_get(), D(2027, 11, 30), 3, "months").due == D(2028, 2, 29)
    # 29 Feb 2028 + 12 months -> 2029 has no 29 Feb -> Wed 28 Feb 2029.
    assert count_period(calendar_get(), D(2028, 2, 29), 12, "months").due == D(2029, 2, 28)


def test_the_event_day_is_not_counted_in_calendar_days():
    # Art. 147: decision received Tue 3 Mar 2026; day 1 is Wed 4 Mar; day 10 is Fri 13 Mar (Art. 48, 10 days).
    d = deadline_compute(rule="complaint.disciplinary_second", start=D(2026, 3, 3))
    assert d.first_counted_day == D(2026, 3, 4)
    assert d.due == D(2026, 3, 13)


def test_ngay_counts_calendar_days_and_ngay_lam_viec_counts_working_days_from_the_same_day():
    # From Thu 5 Mar 2026. 10 "ngày" (Art. 48): Sun 15 Mar, a day off -> Mon 16 Mar.
    # 10 "ngày làm việc" (Art. 27): Fri 6 (1), Mon 9 - Fri 13 (2-6), Mon 16 - Thu 19 (7-10) -> Thu 19 Mar.
    assert due("complaint.disciplinary_second", D(2026, 3, 5)) == D(2026, 3, 16)
    assert due("complaint.acceptance", D(2026, 3, 5)) == D(2026, 3, 19)


# --------------------------------------------------------------------- complaints, Law 02/2011 as amended


def test_time_limit_to_complain_is_90_days_art_9():
    # Learned of the decision Wed 1 Apr 2026: 29 days to 30 Apr, 31 in May (60), 30 in June -> Tue 30 Jun.
    assert due("complaint.time_limit_to_complain", D(2026, 4, 1)) == D(2026, 6, 30)


def test_time_limit_to_complain_ending_in_tet_runs_to_the_first_working_day_after_it():
    # From Mon 17 Nov 2025: 13 days to 30 Nov, 31 in Dec (44), 31 in Jan (75), Sun 15 Feb 2026 (90) is in
    # the Tết break -> Mon 23 Feb 2026 (Art. 9; Civil Code Art. 148).
    d = deadline_compute(rule="complaint.time_limit_to_complain", start=D(2025, 11, 17))
    assert d.nominal_end == D(2026, 2, 15)
    assert d.due == D(2026, 2, 23)


def test_time_not_counted_for_an_objective_obstacle_extends_the_90_days():
    # Art. 9: 20 days of illness are not counted. Wed 1 Apr 2026 + 90 + 20 -> Mon 20 Jul 2026.
    assert due("complaint.time_limit_to_complain", D(2026, 4, 1), suspended_days=20) == D(2026, 7, 20)


def test_acceptance_is_10_working_days_from_receipt_on_a_saturday_of_tet():
    # Arts. 27, 36: received Sat 14 Feb 2026 (Tết break): Mon 23 - Fri 27 Feb (1-5), Mon 2 - Fri 6 Mar (6-10).
    assert due("complaint.acceptance", D(2026, 2, 14)) == D(2026, 3, 6)


@pytest.mark.parametrize(("complex_", "remote", "expected"), [
    # Art. 28, from acceptance on Mon 19 Jan 2026: 12 days to 31 Jan, then February.
    (False, False, D(2026, 2, 23)),  # 30 -> Wed 18 Feb (Tết) -> Mon 23 Feb
    (True, False, D(2026, 3, 5)),  # 45 -> Thu 5 Mar (28 Feb is day 40)
    (False, True, D(2026, 3, 5)),  # remote 45 -> Thu 5 Mar
    (True, True, D(2026, 3, 20)),  # remote and complex 60 -> Fri 20 Mar
])
def test_first_resolution_30_complex_45_remote_45_remote_complex_60_art_28(complex_, remote, expected):
    assert due("complaint.first_resolution", D(2026, 1, 19), complex=complex_, remote=remote) == expected


@pytest.mark.parametrize(("remote", "expected"), [
    (False, D(2026, 2, 23)),  # 30 days from Fri 16 Jan 2026 -> Sun 15 Feb (Tết) -> Mon 23 Feb
    (True, D(2026, 3, 2)),  # remote 45 -> Mon 2 Mar (28 Feb is day 43)
])
def test_second_complaint_window_30_days_remote_45_art_33(remote, expected):
    assert due("complaint.second_complaint_window", D(2026, 1, 16), remote=remote) == expected


@pytest.mark.parametrize(("complex_", "remote", "expected"), [
    # Art. 37, from acceptance on Wed 1 Jul 2026 (the 2026 pack): 30 days to 31 Jul.
    (False, False, D(2026, 8, 17)),  # 45 -> Sat 15 Aug -> Mon 17 Aug
    (True, False, D(2026, 9, 3)),  # 60 -> Sun 30 Aug; 31 Aug (swapped), 1-2 Sep off -> Thu 3 Sep
    (False, True, D(2026, 9, 3)),  # remote 60 -> Thu 3 Sep
    (True, True, D(2026, 9, 9)),  # remote and complex 70 -> Wed 9 Sep
])
def test_second_resolution_45_complex_60_remote_60_remote_complex_70_art_37(complex_, remote, expected):
    assert due("complaint.second_resolution", D(2026, 7, 1), complex=complex_, remote=remote) == expected


def test_a_decision_becomes_final_30_days_after_issue_and_new_year_2027_moves_it():
    # Art. 44: issued Wed 2 Dec 2026 + 30 -> Fri 1 Jan 2027 (New Year) -> Mon 4 Jan 2027.
    assert due("complaint.finality", D(2026, 12, 2)) == D(2027, 1, 4)
    # Remote 45 -> Sat 16 Jan 2027 -> Mon 18 Jan 2027.
    assert due("complaint.finality", D(2026, 12, 2), remote=True) == D(2027, 1, 18)


def test_disciplinary_complaints_15_then_10_or_30_for_dismissal_art_48():
    # First: received Fri 30 Jan 2026 + 15 -> Sat 14 Feb (Tết) -> Mon 23 Feb.
    assert due("complaint.disciplinary_first", D(2026, 1, 30)) == D(2026, 2, 23)
    # Second: first decision received Wed 4 Feb + 10 -> Sat 14 Feb -> Mon 23 Feb; dismissal + 30 -> Fri 6 Mar.
    assert due("complaint.disciplinary_second", D(2026, 2, 4)) == D(2026, 2, 23)
    assert due("complaint.disciplinary_second_dismissal", D(2026, 2, 4)) == D(2026, 3, 6)


# ---------------------------------------------------------------- denunciations, Law 25/2018, Decree 31/2019


def test_initial_processing_7_working_days_or_10_for_several_places_across_tet_art_24():
    # Received Thu 12 Feb 2026: Fri 13 (1), Tết to Sun 22, Mon 23 - Fri 27 (2-6), Mon 2 Mar (7);
    # several places: Tue 3, Wed 4, Thu 5 Mar (8-10).
    assert due("denunciation.initial_processing", D(2026, 2, 12)) == D(2026, 3, 2)
    assert due("denunciation.initial_processing", D(2026, 2, 12), complex=True) == D(2026, 3, 5)


def test_forwarding_outside_competence_within_5_working_days_art_24():
    # Received Thu 12 Feb 2026: Fri 13 (1), Mon 23 - Thu 26 Feb (2-5).
    assert due("denunciation.forward", D(2026, 2, 12)) == D(2026, 2, 26)


def test_resolution_30_days_and_each_extension_30_more_art_30():
    # Accepted Fri 16 Jan 2026: 30 -> Sun 15 Feb (Tết) -> Mon 23 Feb; one extension: 60 -> Tue 17 Mar;
    # two (especially complex): 90 -> Thu 16 Apr. An extension adds 30 days to the period counted from
    # acceptance, not to the day the period was moved to (see the report on this reading).
    assert due("denunciation.resolution", D(2026, 1, 16)) == D(2026, 2, 23)
    assert due("denunciation.resolution", D(2026, 1, 16), complex=True, extensions=1) == D(2026, 3, 17)
    assert due("denunciation.resolution", D(2026, 1, 16), complex=True, extensions=2) == D(2026, 4, 16)
    with pytest.raises(RuleError):
        deadline_compute(rule="denunciation.resolution", start=D(2026, 1, 16), extensions=1)
    with pytest.raises(RuleError):
        deadline_compute(rule="denunciation.resolution", start=D(2026, 1, 16), complex=True, extensions=3)


# ----------------------------------------------------------------------- which pack: the day of the event


@pytest.mark.parametrize(("rule", "start", "pack", "expected"), [
    # Law 136/2025 from Wed 1 Jul 2026; the event's day decides the pack.
    ("denunciation.resolution", D(2026, 6, 30), "denunciations@2019.1", D(2026, 7, 30)),  # Tue + 30 = Thu
    ("denunciation.resolution", D(2026, 7, 1), "denunciations@2026.1", D(2026, 7, 31)),  # Wed + 30 = Fri
    # Received Tue 30 Jun: Wed 1 - Fri 3 (1-3), Mon 6 - Fri 10 (4-8), Mon 13, Tue 14 Jul (9-10).
    ("complaint.acceptance", D(2026, 6, 30), "complaints@2012.1", D(2026, 7, 14)),
    ("complaint.acceptance", D(2026, 7, 1), "complaints@2026.1", D(2026, 7, 15)),
    # Law 80/2015 until 31 Mar 2025 (60 days), the 2025 law from 1 Apr 2025 (20 days for some drafts):
    # Mon 31 Mar 2025 + 60 -> Fri 30 May 2025; Tue 1 Apr 2025 + 20 -> Mon 21 Apr 2025.
    ("consultation.comment_period", D(2025, 3, 31), "consultation@2016.1", D(2025, 5, 30)),
    ("consultation.comment_period", D(2025, 4, 1), "consultation@2025.1", D(2025, 4, 21)),
])
def test_the_pack_in_force_on_the_day_of_the_event_decides_the_rule(rule, start, pack, expected):
    d = deadline_compute(rule=rule, start=start)
    assert d.pack == pack
    assert d.due == expected


def test_a_day_before_every_pack_is_refused_rather_than_guessed():
    # Circular 05/2021 applies from 15 Nov 2021; its predecessor is not encoded (see RULES.md).
    assert due("petition.processing", D(2021, 11, 15)) == D(2021, 11, 29)  # Tue 16 - Mon 29 Nov: 10 days
    with pytest.raises(RuleError):
        deadline_compute(rule="petition.processing", start=D(2021, 11, 14))
    with pytest.raises(RuleError):
        deadline_compute(rule="denunciation.resolution", start=D(2018, 12, 31))


# ------------------------------------------------------------------------- the calendar around holidays


def test_working_days_around_30_april_and_1_may_2026_and_the_gio_to_make_up_monday():
    # Received Tue 28 Apr: Wed 29 (1), 30 Apr - 3 May off, Mon 4 - Fri 8 May (2-6), Mon 11 May (7).
    assert due("denunciation.initial_processing", D(2026, 4, 28)) == D(2026, 5, 11)
    # Received Fri 24 Apr: Mon 27 Apr (Giỗ Tổ made up) off, Tue 28, Wed 29 (1-2), Mon 4 - Wed 6 May (3-5).
    assert due("denunciation.forward", D(2026, 4, 24)) == D(2026, 5, 6)


def test_the_swapped_saturday_22_august_2026_is_worked_and_national_day_is_not():
    # Received Fri 21 Aug: Sat 22 Aug worked (1), Mon 24 - Fri 28 (2-6), 29 Aug - 2 Sep off, Thu 3, Fri 4,
    # Mon 7, Tue 8 Sep (7-10).
    d = deadline_compute(rule="complaint.acceptance", start=D(2026, 8, 21))
    assert d.due == D(2026, 9, 8)
    assert "2026-08-22" not in {s["date"] for s in d.explain()["skipped"]}
    # Received Thu 27 Aug: Fri 28 (1), Thu 3 Sep (2), Fri 4 (3), Mon 7 (4), Tue 8 Sep (5).
    assert due("denunciation.forward", D(2026, 8, 27)) == D(2026, 9, 8)


def test_working_days_across_new_year_2027():
    # Received Wed 30 Dec 2026: Thu 31 (1), Fri 1 Jan off, Mon 4 - Fri 8 (2-6), Mon 11 Jan 2027 (7).
    assert due("denunciation.initial_processing", D(2026, 12, 30)) == D(2027, 1, 11)


def test_tet_2027_as_the_labour_code_gives_it():
    # Received Wed 3 Feb 2027: Thu 4 - Wed 10 Feb off, Thu 11, Fri 12 (1-2), Mon 15 - Fri 19 (3-7),
    # Mon 22 - Wed 24 Feb (8-10).
    assert due("petition.processing", D(2027, 2, 3)) == D(2027, 2, 24)
    # Accepted Tue 5 Jan 2027 + 30 -> Thu 4 Feb (29 Tết) -> Thu 11 Feb 2027.
    assert due("complaint.first_resolution", D(2027, 1, 5)) == D(2027, 2, 11)


def test_a_period_that_starts_inside_tet_counts_from_the_first_working_day_after_it():
    # Received Wed 18 Feb 2026 (mùng 2 Tết): Mon 23 Feb is working day 1; day 5 is Fri 27 Feb. The
    # derivation names Mon 23 Feb as the first day counted and lists 19-22 Feb as skipped.
    d = deadline_compute(rule="denunciation.forward", start=D(2026, 2, 18))
    assert d.first_counted_day == D(2026, 2, 23)
    assert d.due == D(2026, 2, 27)
    assert [s.date for s in d.skipped] == [D(2026, 2, 19), D(2026, 2, 20), D(2026, 2, 21), D(2026, 2, 22)]
    assert "Ngày đầu tiên được tính: Thứ Hai 23/02/2026." in d.explain_lines()


def test_working_days_from_a_saturday_receipt_are_counted_from_monday_in_the_derivation():
    # Received Sat 7 Mar 2026: Sun 8 is not a working day, so the first day counted is Mon 9 Mar and the
    # tenth is Fri 20 Mar (Art. 147; Circular 05/2021, 10 working days).
    d = deadline_compute(rule="petition.processing", start=D(2026, 3, 7))
    assert d.first_counted_day == D(2026, 3, 9)
    assert d.due == D(2026, 3, 20)
    assert d.explain()["first_counted_day"] == "2026-03-09"
    # A period in calendar days still starts on the day after the event, whatever day it is.
    assert deadline_compute(rule="complaint.finality", start=D(2026, 3, 7)).first_counted_day == D(2026, 3, 8)
