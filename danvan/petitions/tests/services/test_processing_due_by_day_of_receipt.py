"""The processing time limit (Circular 05/2021/TT-TTCP: 10 working days from receipt) for petitions received
on a day that is not a working day, or at the edge of a day, through the intake service every channel uses.

Civil Code 2015 Art. 147: the day of receipt is not counted; the count starts the next day and, the unit being
working days, only working days count, so a petition received on a Saturday, a Sunday or a holiday is due
on the 10th working day after it.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from danvan.petitions.tests.factories import at, citizen, receive

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("received", "expected"), [
    # Sat 7 Mar 2026: Sun 8 not a working day; Mon 9 - Fri 13 (1-5), Mon 16 - Fri 20 Mar (6-10).
    (date(2026, 3, 7), date(2026, 3, 20)),
    # Sun 8 Mar 2026: the same ten working days.
    (date(2026, 3, 8), date(2026, 3, 20)),
    # Tue 17 Feb 2026, mùng 1 Tết: off to Sun 22; Mon 23 - Fri 27 Feb (1-5), Mon 2 - Fri 6 Mar (6-10).
    (date(2026, 2, 17), date(2026, 3, 6)),
    # Thu 30 Apr 2026: 1 May and the weekend off; Mon 4 - Fri 8 (1-5), Mon 11 - Fri 15 May (6-10).
    (date(2026, 4, 30), date(2026, 5, 15)),
    # Fri 21 Aug 2026: Sat 22 Aug is a make-up working day (1), Mon 24 - Fri 28 (2-6), 29 Aug - 2 Sep off,
    # Thu 3, Fri 4, Mon 7, Tue 8 Sep (7-10).
    (date(2026, 8, 21), date(2026, 9, 8)),
])
def test_a_petition_is_due_on_the_tenth_working_day_after_the_day_it_was_received(intake_unit, received, expected):
    petition = receive(intake_unit, received_at=at(received, 10), letter_date=received,
                       petitioners=[citizen(id_number=f"0010850{received:%m%d}0")]).petition
    assert petition.processing_due == expected
    assert petition.processing_due_explained["start"] == received.isoformat()


def test_the_day_of_receipt_is_the_day_in_vietnam_not_in_utc(intake_unit):
    # Fri 6 Mar 2026 00:30 in Hà Nội is still Thu 5 Mar in UTC. Counted from Fri 6: Mon 9 - Fri 13 (1-5),
    # Mon 16 - Fri 20 Mar (6-10); counted from the UTC day it would wrongly end on Thu 19 Mar.
    received_at = datetime(2026, 3, 6, 0, 30, tzinfo=VN)
    petition = receive(intake_unit, received_at=received_at, letter_date=date(2026, 3, 5)).petition
    assert petition.processing_due == date(2026, 3, 20)
