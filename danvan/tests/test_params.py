"""Numbers and days read from query strings (danvan.params)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.params import DATE_MAX, DATE_MIN, date_param, int_param


@pytest.mark.parametrize(("raw", "expected"), [
    ("7", 7), ("0", 0), ("0007", 7), ("2147483647", 2**31 - 1),
    (None, None), ("", None), (" 7", None), ("-1", None), ("+1", None), ("1e3", None), ("7.0", None),
    ("²", None), ("１２", None), ("٣", None),  # digits to str.isdigit(), not ASCII
    ("2147483648", None), (str(2**63), None), ("9" * 40, None), ("1\x00", None),
])
def test_int_param_reads_ascii_digits_within_range_only(raw: str | None, expected: int | None) -> None:
    assert int_param(raw) == expected


def test_int_param_bounds_are_inclusive() -> None:
    assert int_param("1", low=1, high=3) == 1
    assert int_param("3", low=1, high=3) == 3
    assert int_param("0", low=1, high=3) is None
    assert int_param("4", low=1, high=3) is None


def test_date_param_reads_real_days_between_the_bounds() -> None:
    assert date_param("2026-03-31") == dt.date(2026, 3, 31)
    assert date_param(DATE_MIN.isoformat()) == DATE_MIN
    assert date_param(DATE_MAX.isoformat()) == DATE_MAX
    assert date_param("") is None
    assert date_param(None) is None


@pytest.mark.parametrize("raw", ["2026-02-30", "0001-01-01", "9999-12-31", "99999-01-01", "0000-01-01",
                                 "1899-12-31", "2200-01-01", "20260331", "2026-W13-1", "２０２６-03-31",
                                 "2026-03-31T00:00", "2026-3-1", "x" * 500, "2026-03-31\x00"])
def test_date_param_refuses_with_a_message_naming_the_value(raw: str) -> None:
    with pytest.raises(ValidationError) as refusal:
        date_param(raw)
    assert refusal.value.messages[0].startswith("Ngày không hợp lệ: “")
    assert raw[:40] in refusal.value.messages[0]
