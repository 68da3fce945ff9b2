from __future__ import annotations

import datetime as dt


def vn_date(value: dt.date) -> str:
    """A date as Decree 30/2020 writes it: "ngày 05 tháng 02 năm 2026", "ngày 26 tháng 11 năm 2026".

    Days below 10 and the months 1 and 2 take a leading zero (so "tháng 1" cannot be turned into "tháng 11"
    by hand); months 3 to 12 are written as they are ("tháng 3").
    """
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"
