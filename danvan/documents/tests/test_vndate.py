import datetime as dt

import pytest

from danvan.documents.vndate import vn_date


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
    (dt.date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
    (dt.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
    (dt.date(2026, 11, 26), "ngày 26 tháng 11 năm 2026"),
    (dt.date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
    (dt.date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
])
def test_days_below_ten_and_months_one_and_two_take_a_leading_zero(day, text):
    assert vn_date(day) == text
