"""Time limits computed from the rule packs and the working calendar.

    from danvan.rules.services import deadline_compute, Deadline
    d = deadline_compute(rule="complaint.first_resolution", start=date(2026, 2, 10), complex=True)
    d.due, d.citation, d.explain()

The pack in force on `start` decides the rule (a petition received or a matter accepted keeps the rules of
its day). Counting follows the Civil Code: see danvan.workcal.daycount.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from danvan.rules.errors import RuleError
from danvan.rules.packs import Rule, registry
from danvan.workcal.daycount import SkippedDay, WorkCalendar, count_period, weekday_name

UNIT_LABELS_VI = {
    "calendar_days": "ngày",
    "working_days": "ngày làm việc",
    "months": "tháng",
    "per_day": "lần/ngày",
    "per_week": "lần/tuần",
    "per_month": "lần/tháng",
    "per_quarter": "lần/quý",
    "per_year": "lần/năm",
}
CASE_LABELS_VI = {
    "normal": "thông thường",
    "complex": "phức tạp",
    "remote": "vùng sâu, vùng xa, đi lại khó khăn",
    "remote_complex": "vùng sâu, vùng xa, phức tạp",
}
_SKIP_KIND_VI = {"weekend": "nghỉ hằng tuần", "holiday": "ngày lễ, Tết", "government-decision":
                 "nghỉ hoán đổi theo văn bản của Chính phủ", "admin": "ngày nghỉ do quản trị viên đặt"}


@dataclass(frozen=True)
class Deadline:
    """A computed time limit: the period ends at the close (24:00) of `due`."""

    due: dt.date
    rule_code: str
    citation: str
    pack: str  # "<pack id>@<version>"
    unit: str  # calendar_days | working_days | months
    amount: int  # the period counted, extensions included, suspension excluded
    start: dt.date
    case: str  # normal | complex | remote | remote_complex
    base_amount: int
    extensions: int
    extension_length: int
    suspended_days: int
    first_counted_day: dt.date
    nominal_end: dt.date
    days_counted: int
    skipped: tuple[SkippedDay, ...]
    confidence: str
    description: str
    counted_from: str

    def explain(self) -> dict[str, Any]:
        """The derivation, JSON-serialisable, for pages and the API."""
        return {
            "rule": self.rule_code,
            "description": self.description,
            "citation": self.citation,
            "confidence": self.confidence,
            "pack": self.pack,
            "start": self.start.isoformat(),
            "counted_from": self.counted_from,
            "first_counted_day": self.first_counted_day.isoformat(),
            "case": self.case,
            "unit": self.unit,
            "base_amount": self.base_amount,
            "extensions": {"count": self.extensions, "length_each": self.extension_length,
                           "added": self.extensions * self.extension_length},
            "suspended_days": self.suspended_days,
            "amount": self.amount,
            "nominal_end": self.nominal_end.isoformat(),
            "moved_to_next_working_day": self.nominal_end != self.due,
            "days_counted": self.days_counted,
            "skipped": [{"date": s.date.isoformat(), "weekday": weekday_name(s.date), "reason": s.reason,
                         "kind": s.kind} for s in self.skipped],
            "due": self.due.isoformat(),
            "text": self.explain_lines(),
        }

    def explain_lines(self) -> list[str]:
        """The derivation in Vietnamese sentences."""
        unit = UNIT_LABELS_VI.get(self.unit, self.unit)
        lines = [
            f"Quy tắc: {self.rule_code} — {self.citation} (độ tin cậy {self.confidence}; gói {self.pack}).",
            f"Ngày bắt đầu (sự kiện, không tính): {_d(self.start)}"
            + (f" — {self.counted_from}." if self.counted_from else "."),
            f"Ngày đầu tiên được tính: {_d(self.first_counted_day)}.",
            f"Trường hợp: {CASE_LABELS_VI.get(self.case, self.case)}; thời hạn {self.base_amount} {unit}.",
        ]
        if self.extensions:
            lines.append(f"Gia hạn {self.extensions} lần × {self.extension_length} {unit}: "
                         f"cộng {self.extensions * self.extension_length} {unit}.")
        if self.suspended_days:
            lines.append(f"Thời gian tạm dừng không tính: {self.suspended_days} ngày.")
        if self.unit == "working_days":
            lines.append(f"Đếm {self.amount} ngày làm việc, bỏ qua {len(self.skipped)} ngày nghỉ:")
        elif self.nominal_end != self.due:
            lines.append(f"Ngày cuối theo cách đếm là {_d(self.nominal_end)}, là ngày nghỉ; thời hạn kết thúc "
                         f"vào cuối ngày làm việc tiếp theo (Điều 148 Bộ luật Dân sự 2015):")
        else:
            lines.append(f"Ngày cuối theo cách đếm là {_d(self.nominal_end)}, là ngày làm việc.")
        for s in self.skipped:
            lines.append(f"  - {_d(s.date)}: {s.reason} ({_SKIP_KIND_VI.get(s.kind, s.kind)})")
        lines.append(f"Hạn cuối: hết ngày {_d(self.due)} ({self.days_counted} ngày kể từ ngày bắt đầu).")
        return lines


def _d(d: dt.date) -> str:
    return f"{weekday_name(d)} {d:%d/%m/%Y}"


def _as_date(start: Any) -> dt.date:
    if isinstance(start, dt.datetime):
        # A receipt time: the day it happened in the agency's time zone.
        return timezone.localtime(start).date() if timezone.is_aware(start) else start.date()
    if isinstance(start, dt.date):
        return start
    raise RuleError(f"Ngày bắt đầu không hợp lệ: {start!r}", f"start must be a date, got {start!r}")


def rule_in_force(rule: str, on: dt.date) -> Rule:
    """The rule `rule` as the pack in force on `on` states it; RuleError when there is none."""
    candidates = registry.rules_for(rule)
    if not candidates:
        raise RuleError(f"Không có quy tắc '{rule}' trong các gói quy tắc.",
                        f"unknown rule {rule!r}: no rule pack defines it")
    for candidate in candidates:
        if candidate.in_force(on):
            return candidate
    spans = "; ".join(f"{r.pack}: {r.effective_from.isoformat()} – "
                      f"{r.effective_to.isoformat() if r.effective_to else '…'}" for r in candidates)
    raise RuleError(
        f"Ngày {on:%d/%m/%Y} nằm ngoài thời gian hiệu lực của mọi gói quy tắc có '{rule}' ({spans}).",
        f"{on.isoformat()} is outside every rule pack that defines {rule!r} ({spans})",
    )


def deadline_compute(
    *,
    rule: str,
    start: dt.date,
    complex: bool = False,
    remote: bool = False,
    extensions: int = 0,
    suspended_days: int = 0,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """The time limit of `rule` for a period that runs from `start` (the event's day, not counted).

    `complex`/`remote` pick the case; `extensions` lawful extensions already decided; `suspended_days`
    calendar days that do not count (suspension, objective obstacles), added before moving the end off a
    day off. `calendar` defaults to the agency's working calendar.
    Raises RuleError for an unknown rule, a start outside every pack that has it, a rule that is not a time
    limit, or more extensions than the rule allows.
    """
    start = _as_date(start)
    for name, value in (("extensions", extensions), ("suspended_days", suspended_days)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise RuleError(f"{name} phải là số nguyên không âm.", f"{name} must be a whole number >= 0")
    found = rule_in_force(rule, start)
    if found.kind != "time_limit":
        raise RuleError(f"Quy tắc '{rule}' không phải là một thời hạn (loại {found.kind}).",
                        f"rule {rule!r} is not a time limit (kind {found.kind})")
    case = ("remote_complex" if complex else "remote") if remote else ("complex" if complex else "normal")
    base = int(found.values[case])
    length = 0
    if extensions:
        ext = found.extension
        # `complex` covers both degrees here; the matter workflow holds each case to its own degree's count.
        allowed = 0 if ext is None else (ext.max_any_complex if complex else ext.max_normal)
        if extensions > allowed:
            raise RuleError(
                f"Quy tắc '{rule}' ({found.citation}) cho phép tối đa {allowed} lần gia hạn"
                f"{' đối với vụ việc phức tạp' if complex else ' đối với vụ việc không phức tạp'}; "
                f"yêu cầu {extensions} lần.",
                f"rule {rule!r} allows at most {allowed} extension(s) for a "
                f"{'complex' if complex else 'non-complex'} case; {extensions} requested",
            )
        assert ext is not None
        length = ext.length
    if calendar is None:
        from danvan.workcal.selectors import calendar_get

        calendar = calendar_get()
    total = base + extensions * length
    count = count_period(calendar, start, total, found.unit, shift_days=suspended_days)
    return Deadline(
        due=count.due, rule_code=found.code, citation=found.citation, pack=found.pack, unit=found.unit,
        amount=total, start=start, case=case, base_amount=base, extensions=extensions, extension_length=length,
        suspended_days=suspended_days, first_counted_day=count.first_counted_day, nominal_end=count.nominal_end,
        days_counted=count.days_counted, skipped=count.skipped, confidence=found.confidence,
        description=found.description, counted_from=found.counted_from,
    )


def rules_in_force(on: dt.date) -> list[dict[str, Any]]:
    """Every rule in force on `on`, with its source, as plain dicts (for the admin and staff pages)."""
    out = [r.as_dict() for p in registry.packs() if p.in_force(on) for r in p.rules if r.in_force(on)]
    return sorted(out, key=lambda r: (r["pack"], r["code"]))
