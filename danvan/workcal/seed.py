"""Seeding the working calendar: public holidays from the `holidays` package, then the Government's
announced swaps from data/government_days.yaml.

Used by the data migration (with the historical model) and by `./manage.py workcal_seed`. Idempotent: a row
is created when missing and refreshed only when it came from the same source; an administrator's rows are
never touched, and the Government's data wins over the package's.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import holidays
import yaml

log = logging.getLogger(__name__)

GOVERNMENT_DAYS_FILE = Path(__file__).resolve().parent / "data" / "government_days.yaml"
DEFAULT_YEARS = range(2012, 2031)
PACKAGE = "holidays-package"
GOVERNMENT = "government-decision"
ADMIN = "admin"
_PACKAGE_CITATION = f"Bộ luật Lao động (gói holidays {holidays.__version__}, VN)"


@dataclass(frozen=True)
class SeedDay:
    date: dt.date
    is_working: bool
    reason: str
    source: str
    citation: str
    confidence: str


@dataclass
class SeedResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_admin: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _package_substitute_workdays(years: range) -> list[SeedDay]:
    """The Saturdays worked in exchange for a swapped day off, which the package keeps in a static table
    (its public holiday list has only the day off)."""
    try:
        from holidays.countries.vietnam import VietnamStaticHolidays
        table: dict[int, Any] = VietnamStaticHolidays.special_public_holidays
    except (ImportError, AttributeError):  # pragma: no cover - depends on the package's internals
        log.warning("holidays package: no substitute table for VN; make-up Saturdays not seeded")
        return []
    out = []
    for year, entries in table.items():
        items = entries if isinstance(entries[0], tuple) else (entries,)
        for item in items:
            off_month, off_day, work_month, work_day, *rest = item
            work_year = rest[0] if rest else year
            off = dt.date(year, off_month, off_day)
            work = dt.date(work_year, work_month, work_day)
            if work.year in years or off.year in years:
                out.append(SeedDay(work, True, f"Làm việc bù cho ngày {off:%d/%m/%Y}", PACKAGE,
                                   _PACKAGE_CITATION, "M"))
    return out


def package_days(years: range = DEFAULT_YEARS) -> list[SeedDay]:
    days = [
        SeedDay(d, False, str(name), PACKAGE, _PACKAGE_CITATION, "H")
        for d, name in sorted(holidays.country_holidays("VN", years=list(years), language="vi").items())
    ]
    return days + _package_substitute_workdays(years)


def government_days(path: Path = GOVERNMENT_DAYS_FILE) -> list[SeedDay]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for i, entry in enumerate(data.get("days") or []):
        try:
            day = entry["date"]
            if not isinstance(day, dt.date):
                raise ValueError("date must be YYYY-MM-DD")
            if entry.get("confidence") not in {"H", "M", "L"}:
                raise ValueError("confidence must be H, M or L")
            out.append(SeedDay(day, bool(entry["is_working"]), str(entry["reason"]), GOVERNMENT,
                               str(entry.get("citation", "")), entry["confidence"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: entry {i + 1}: {exc}") from exc
    return out


def seed_days(years: range = DEFAULT_YEARS) -> list[SeedDay]:
    """Every seed day, the Government's entries replacing the package's on the same date."""
    by_date = {d.date: d for d in package_days(years)}
    for d in government_days():
        by_date[d.date] = d
    return [by_date[k] for k in sorted(by_date)]


def seed_calendar(model: Any, years: range = DEFAULT_YEARS) -> SeedResult:
    """Write the seed days into `model` (CalendarDay, or its historical version in a migration)."""
    result = SeedResult()
    existing = {row.date: row for row in model.objects.all()}
    for day in seed_days(years):
        row = existing.get(day.date)
        if row is None:
            model.objects.create(date=day.date, is_working=day.is_working, reason=day.reason[:255],
                                 source=day.source, citation=day.citation[:255], confidence=day.confidence)
            result.created += 1
            continue
        if row.source == ADMIN:
            result.kept_admin += 1
            continue
        if row.source == GOVERNMENT and day.source == PACKAGE:
            result.unchanged += 1
            continue
        fields = {"is_working": day.is_working, "reason": day.reason[:255], "source": day.source,
                  "citation": day.citation[:255], "confidence": day.confidence}
        if all(getattr(row, k) == v for k, v in fields.items()):
            result.unchanged += 1
            continue
        for k, v in fields.items():
            setattr(row, k, v)
        row.save()
        result.updated += 1
    return result
