"""The statutory data periods of the periodic reports, read from data/periods.yaml.

    period = period_parse("2026-Q3")   # 15/06/2026 – 14/09/2026
    period.start, period.end, period.label, period.confidence

A period id is "<year>-<kind>": Q1..Q4 (quarters), 6M, 9M or Y (year).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danvan.rules.errors import RuleError
from danvan.rules.services import rule_in_force

DATA_FILE = Path(__file__).resolve().parent / "data" / "periods.yaml"
_ID_RE = re.compile(r"^(?P<year>\d{4})-(?P<kind>[0-9A-Z]{1,3})$")
# A period's name by its kind, translated when shown; a kind added to periods.yaml without a name here is
# named by its label there.
_TITLES = {
    "Q1": gettext_noop("Quý I năm %(year)s"),
    "Q2": gettext_noop("Quý II năm %(year)s"),
    "Q3": gettext_noop("Quý III năm %(year)s"),
    "Q4": gettext_noop("Quý IV năm %(year)s"),
    "6M": gettext_noop("6 tháng năm %(year)s"),
    "9M": gettext_noop("9 tháng năm %(year)s"),
    "Y": gettext_noop("Năm %(year)s"),
}


@cache
def period_data() -> dict[str, Any]:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("kinds"), dict), f"{DATA_FILE}: kinds missing"
    return data


@dataclass(frozen=True)
class Period:
    id: str
    year: int
    kind: str
    label: str
    start: dt.date
    end: dt.date
    source: str
    confidence: str

    @property
    def title(self) -> str:
        """The period's name in the active language ("Quý III năm 2026", "Q3 2026")."""
        pattern = _TITLES.get(self.kind)
        if pattern is None:
            return _("%(label)s năm %(year)s") % {"label": self.label, "year": self.year}
        return _(pattern) % {"year": self.year}

    @property
    def range_text(self) -> str:
        return _("từ ngày %(start)s đến ngày %(end)s") % {"start": f"{self.start:%d/%m/%Y}",
                                                         "end": f"{self.end:%d/%m/%Y}"}

    @property
    def partial(self) -> bool:
        """True while the period is still running: the figures are "so far"."""
        return self.end >= timezone.localdate()


def _month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def period_make(year: int, kind: str) -> Period:
    """The period `kind` of `year`; ValidationError when no such period exists or it has not begun."""
    data = period_data()
    spec = data["kinds"].get(kind)
    if spec is None:
        raise ValidationError(_("Kỳ báo cáo \"%(kind)s\" không tồn tại. Các kỳ: %(kinds)s.") % {
            "kind": kind, "kinds": ", ".join(data["kinds"])})
    sy, sm = _month_before(year, int(spec["first_month"]))
    try:
        start = dt.date(sy, sm, int(data["start_day"]))
        end = dt.date(year, int(spec["last_month"]), int(data["end_day"]))
    except ValueError as error:
        raise ValidationError(_("Kỳ báo cáo năm %(year)s không hợp lệ.") % {"year": year}) from error
    if start > timezone.localdate():
        raise ValidationError(_("Kỳ báo cáo %(label)s năm %(year)s chưa bắt đầu (từ ngày %(start)s).") % {
            "label": spec["label"], "year": year, "start": f"{start:%d/%m/%Y}"})
    try:
        rule_in_force(str(data["rule"]), end)
    except RuleError as error:
        raise ValidationError(_("Kỳ báo cáo năm %(year)s nằm ngoài thời gian áp dụng chế độ báo cáo: %(why)s") % {
            "year": year, "why": error.message}) from error
    return Period(id=f"{year}-{kind}", year=year, kind=kind, label=str(spec["label"]), start=start, end=end,
                  source=str(data["source"]), confidence=str(data["confidence"]))


def period_parse(period_id: str) -> Period:
    """The period named by an id such as "2026-Q3"; ValidationError with a clear message otherwise."""
    match = _ID_RE.match((period_id or "").strip().upper())
    if not match:
        raise ValidationError(_(
            "Kỳ báo cáo \"%(id)s\" không tồn tại: ghi theo dạng năm-kỳ, ví dụ 2026-Q3, 2026-6M, 2026-9M, 2026-Y."
        ) % {"id": period_id})
    return period_make(int(match["year"]), match["kind"])


def periods_available(today: dt.date | None = None, years: int = 3) -> list[Period]:
    """Every period that has begun, of this year and the `years - 1` before it, newest first."""
    today = today or timezone.localdate()
    out = []
    for year in range(today.year + 1, today.year - years, -1):
        for kind in period_data()["kinds"]:
            try:
                out.append(period_make(year, kind))
            except ValidationError:
                continue
    return sorted(out, key=lambda p: (p.end, p.start), reverse=True)


def period_current(today: dt.date | None = None) -> Period:
    """The quarter whose data period contains `today`."""
    today = today or timezone.localdate()
    for period in periods_available(today):
        if period.kind.startswith("Q") and period.start <= today <= period.end:
            return period
    return periods_available(today)[0]
