"""The Civil Code counting on a hand-made calendar: no database, dates worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.workcal.daycount import (
    WorkCalendar,
    add_months,
    add_working_days,
    count_calendar_days,
    count_months,
    count_working_days,
    is_working_day,
    next_working_day,
)

D = dt.date
# Tết 2026 as the Labour Code gives it (Mon 16 - Fri 20 Feb), the Government's New Year swap (Fri 2 Jan off,
# Sat 10 Jan worked), 30/4 and 1/5, and the National Day swap (Mon 31 Aug off, Sat 22 Aug worked).
CAL = WorkCalendar.from_sets(
    off=[D(2026, 1, 1), D(2026, 1, 2), *(D(2026, 2, d) for d in range(16, 21)), D(2026, 4, 27), D(2026, 4, 30),
         D(2026, 5, 1), D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2)],
    working=[D(2026, 1, 10), D(2026, 8, 22)],
)


def test_weekdays_work_weekends_do_not_unless_the_calendar_says_so():
    assert is_working_day(D(2026, 3, 2), CAL)  # Monday
    assert not is_working_day(D(2026, 3, 7), CAL)  # Saturday
    assert not is_working_day(D(2026, 3, 8), CAL)  # Sunday
    assert not is_working_day(D(2026, 2, 17), CAL)  # Tết
    assert is_working_day(D(2026, 1, 10), CAL)  # Saturday made a working day
    assert not is_working_day(D(2026, 1, 2), CAL)  # Friday given off


def test_next_working_day_is_strictly_after_and_skips_tet():
    assert next_working_day(D(2026, 2, 13), CAL) == D(2026, 2, 23)
    assert next_working_day(D(2026, 3, 2), CAL) == D(2026, 3, 3)
    assert next_working_day(D(2026, 1, 9), CAL) == D(2026, 1, 10)  # the make-up Saturday


def test_working_days_across_tet():
    # Received Mon 9 Feb: 10, 11, 12, 13 Feb, then Tết and two weekends, 23-27 Feb, 2 Mar.
    assert add_working_days(D(2026, 2, 9), 10, CAL) == D(2026, 3, 2)
    count = count_working_days(CAL, D(2026, 2, 9), 10)
    assert count.first_counted_day == D(2026, 2, 10)
    assert [s.date for s in count.skipped] == [D(2026, 2, d) for d in range(14, 23)] + [D(2026, 2, 28),
                                                                                         D(2026, 3, 1)]
    assert CAL.working_days_between(D(2026, 2, 9), D(2026, 3, 2)) == 10


def test_working_days_count_the_make_up_saturday_and_skip_the_swapped_friday():
    # From Tue 30 Dec 2025: Wed 31 (1), 1-4 Jan off, 5-9 Jan (2-6), Sat 10 Jan worked (7).
    assert add_working_days(D(2025, 12, 30), 7, CAL) == D(2026, 1, 10)


def test_calendar_days_ending_on_a_day_off_end_on_the_next_working_day():
    # 30 days from Sun 18 Jan end on Tue 17 Feb, Tết: the next working day is Mon 23 Feb.
    count = count_calendar_days(CAL, D(2026, 1, 18), 30)
    assert count.nominal_end == D(2026, 2, 17)
    assert count.due == D(2026, 2, 23)
    assert count.first_counted_day == D(2026, 1, 19)
    # 30 days from Thu 30 Jul end on Sat 29 Aug; Sun 30, Mon 31 (swapped), 1 and 2 Sep are off.
    assert count_calendar_days(CAL, D(2026, 7, 30), 30).due == D(2026, 9, 3)


def test_calendar_days_ending_on_a_working_day_are_not_moved():
    count = count_calendar_days(CAL, D(2026, 3, 2), 30)
    assert count.due == count.nominal_end == D(2026, 4, 1)
    assert count.skipped == ()


def test_a_period_ending_on_the_make_up_saturday_ends_that_day():
    assert count_calendar_days(CAL, D(2026, 8, 12), 10).due == D(2026, 8, 22)


def test_suspended_days_are_added_before_moving_off_a_day_off():
    # 90 days from Mon 2 Mar end on Sun 31 May; 10 days not counted move it to Wed 10 Jun.
    assert count_calendar_days(CAL, D(2026, 3, 2), 90).due == D(2026, 6, 1)
    assert count_calendar_days(CAL, D(2026, 3, 2), 90, shift_days=10).due == D(2026, 6, 10)


def test_months_end_on_the_same_date_or_the_last_day_of_the_month():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)
    # 31 Jan + 1 month = Sat 28 Feb 2026, so the period ends on Mon 2 Mar.
    assert count_months(CAL, D(2026, 1, 31), 1).due == D(2026, 3, 2)


def test_a_day_both_off_and_working_is_rejected():
    with pytest.raises(ValueError):
        WorkCalendar.from_sets(off=[D(2026, 1, 10)], working=[D(2026, 1, 10)])


def test_negative_periods_are_rejected():
    with pytest.raises(ValueError):
        count_calendar_days(CAL, D(2026, 1, 1), -1)
