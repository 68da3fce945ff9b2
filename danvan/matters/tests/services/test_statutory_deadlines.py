"""The time limits a matter's desk shows, through the workflow services, on dates worked out by hand.

Civil Code 2015 Art. 147 (the event's day is not counted) and Art. 148 (a last day that is a day off moves
to the next working day); 2026 calendar: Tết off Sat 14 - Sun 22 Feb; Law 136/2025 in force from 1 Jul 2026.
"""

from __future__ import annotations

from datetime import date

from danvan.matters import services as s
from danvan.matters.models import Matter, TimeLimit


def limits(matter: Matter) -> dict[str, TimeLimit]:
    return {t.key: t for t in TimeLimit.objects.filter(matter=matter)}


def test_a_complaint_received_on_the_tet_saturday_is_accepted_within_10_working_days(open_matter):
    # Law on Complaints Arts. 27, 36: received Sat 14 Feb 2026; Mon 23 - Fri 27 Feb (1-5), Mon 2 - Fri 6 Mar.
    matter = open_matter(received=date(2026, 2, 14))
    assert matter.received_on == date(2026, 2, 14)
    assert limits(matter)["acceptance"].due == date(2026, 3, 6)
    assert matter.next_due == date(2026, 3, 6)


def test_a_first_resolution_ending_in_tet_runs_to_monday_23_february(open_matter, people):
    # Art. 28: accepted Mon 19 Jan 2026 + 30 days -> Wed 18 Feb (mùng 2 Tết) -> Mon 23 Feb.
    matter = s.matter_accept(matter=open_matter(received=date(2026, 1, 16)), by=people["unit_head"],
                             on=date(2026, 1, 19))
    resolution = limits(matter)["resolution"]
    assert resolution.explained["nominal_end"] == "2026-02-18"
    assert resolution.due == date(2026, 2, 23)
    # Found complex later: 45 days -> Thu 5 Mar 2026.
    matter = s.matter_set_complexity(matter=matter, by=people["unit_head"], complexity="complex",
                                     reason="Nhiều người liên quan.", on=date(2026, 2, 2))
    assert limits(matter)["resolution"].due == date(2026, 3, 5)


def test_a_complex_denunciation_extended_across_tet(open_matter, people):
    # Law on Denunciations Art. 30: accepted Fri 16 Jan 2026 + 30 -> Sun 15 Feb (Tết) -> Mon 23 Feb;
    # one extension of 30 days: 60 days from acceptance -> Tue 17 Mar 2026.
    head = people["unit_head"]
    matter = open_matter(kind="denunciation", received=date(2026, 1, 12), complexity="complex")
    matter = s.matter_accept(matter=matter, by=head, on=date(2026, 1, 16))
    assert limits(matter)["resolution"].due == date(2026, 2, 23)
    matter = s.matter_extend(matter=matter, by=head, on=date(2026, 2, 10), reason="Xác minh tại hai địa điểm.")
    assert limits(matter)["resolution"].due == date(2026, 3, 17)


def test_a_denunciation_accepted_on_30_june_or_1_july_2026_keeps_the_rules_of_its_day(open_matter, people):
    # Art. 30 (30 days): accepted Tue 30 Jun -> Thu 30 Jul under Law 25/2018; accepted Wed 1 Jul -> Fri 31 Jul
    # under Law 25/2018 as amended by Law 136/2025.
    head = people["unit_head"]
    before = s.matter_accept(matter=open_matter(kind="denunciation", received=date(2026, 6, 29)), by=head,
                             on=date(2026, 6, 30))
    after = s.matter_accept(matter=open_matter(kind="denunciation", received=date(2026, 6, 29)), by=head,
                            on=date(2026, 7, 1))
    assert limits(before)["resolution"].explained["pack"] == "denunciations@2019.1"
    assert limits(before)["resolution"].due == date(2026, 7, 30)
    assert limits(after)["resolution"].explained["pack"] == "denunciations@2026.1"
    assert limits(after)["resolution"].due == date(2026, 7, 31)
    # Acceptance notice, 5 working days (Art. 29): from Tue 30 Jun -> Tue 7 Jul; from Wed 1 Jul -> Wed 8 Jul.
    assert limits(before)["acceptance_notice"].due == date(2026, 7, 7)
    assert limits(after)["acceptance_notice"].due == date(2026, 7, 8)
