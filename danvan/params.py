"""Numbers and dates read from a URL's query string: parsed strictly, or refused with a message people can read.

Anyone can type a query string. `str.isdigit()` says yes to "²" and "１２" (int() then refuses the first), int()
takes numbers that no database column holds (SQLite cannot bind past 2**63, PostgreSQL refuses them), and the
calendar allows days (0001-01-01, 9999-12-31) on which the first "day before" or "day after" fails. Pages read
their numbers and days through here, so each such value is refused in one place.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The days a page may be asked about: wide enough for any record an agency keeps, narrow enough that a year's
# arithmetic either side of them (a period's previous year, a window's end) stays inside Python's calendar.
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)
# A positive integer column in either database; also bounds page numbers and years.
INT_MAX = 2**31 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,10}")


def int_param(raw: str | None, *, low: int = 0, high: int = INT_MAX) -> int | None:
    """The integer that `raw` writes in ASCII digits (at most ten), if `low <= it <= high`; else None.

    None for a missing or empty value as for a malformed one ("-1", "1e3", "²", "１２", a number past `high`):
    callers either fall back to their default or refuse with their own message.
    """
    if raw is None or not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def date_in_range(day: dt.date) -> bool:
    return DATE_MIN <= day <= DATE_MAX


def date_error(raw: str) -> str:
    """The message for a day that is not a real day between DATE_MIN and DATE_MAX."""
    return _("Ngày không hợp lệ: “%(value)s”. Ghi theo dạng năm-tháng-ngày (ví dụ 2026-03-31), một ngày có thật "
             "từ %(min)s đến %(max)s.") % {"value": raw[:40], "min": f"{DATE_MIN:%d/%m/%Y}",
                                            "max": f"{DATE_MAX:%d/%m/%Y}"}


def date_param(raw: str | None) -> dt.date | None:
    """The day `raw` names as YYYY-MM-DD; None when `raw` is missing or empty.

    ValidationError (with date_error's message) for anything else: another format, an impossible day
    (2026-02-30), or a day outside [DATE_MIN, DATE_MAX].
    """
    if not raw:
        return None
    try:
        day = dt.date.fromisoformat(raw) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw) else None
    except ValueError:
        day = None
    if day is None or not date_in_range(day):
        raise ValidationError(date_error(raw), code="invalid_date")
    return day
