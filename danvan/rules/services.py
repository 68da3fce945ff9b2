"""Time limits computed from the rule packs and the working calendar.

    from danvan.rules.services import deadline_compute, Deadline
    d = deadline_compute(rule="complaint.first_resolution", start=date(2026, 2, 10), complex=True)
    d.due, d.citation, d.explain()

The pack in force on `start` decides the rule (a petition received or a matter accepted keeps the rules of
its day). Counting follows the Civil Code: see danvan.workcal.daycount.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy, ngettext

from danvan.rules.errors import RuleError
from danvan.rules.packs import Rule, registry
from danvan.workcal.daycount import SkippedDay, WorkCalendar, count_period, weekday_name

# The words of a derivation, marked for translation: the sentences are drawn in the reader's language from
# the facts explain() stores. Citations, descriptions, the event a period counts from and the names of
# holidays are rule-pack and calendar data and stay as written.
CASE_LABELS = {
    "normal": gettext_lazy("thông thường"),
    "complex": gettext_lazy("phức tạp"),
    "remote": gettext_lazy("vùng sâu, vùng xa, đi lại khó khăn"),
    "remote_complex": gettext_lazy("vùng sâu, vùng xa, phức tạp"),
}
SKIP_KIND_LABELS = {
    "weekend": gettext_lazy("nghỉ hằng tuần"),
    "holiday": gettext_lazy("ngày lễ, Tết"),
    "government-decision": gettext_lazy("nghỉ hoán đổi theo văn bản của Chính phủ"),
    "admin": gettext_lazy("ngày nghỉ do quản trị viên đặt"),
}
WEEKDAY_NAMES = (gettext_lazy("Thứ Hai"), gettext_lazy("Thứ Ba"), gettext_lazy("Thứ Tư"), gettext_lazy("Thứ Năm"),
                 gettext_lazy("Thứ Sáu"), gettext_lazy("Thứ Bảy"), gettext_lazy("Chủ nhật"))


def amount_text(n: int, unit: str) -> str:
    """`n` of a rule's unit in the active language ("10 ngày làm việc", "10 working days"); an unknown unit
    (a threshold's "mm_pt", "points") is written as its code."""
    if unit == "calendar_days":
        return ngettext("%(n)s ngày", "%(n)s ngày", n) % {"n": n}
    if unit == "working_days":
        return ngettext("%(n)s ngày làm việc", "%(n)s ngày làm việc", n) % {"n": n}
    if unit == "months":
        return ngettext("%(n)s tháng", "%(n)s tháng", n) % {"n": n}
    if unit == "per_day":
        return ngettext("%(n)s lần/ngày", "%(n)s lần/ngày", n) % {"n": n}
    if unit == "per_week":
        return ngettext("%(n)s lần/tuần", "%(n)s lần/tuần", n) % {"n": n}
    if unit == "per_month":
        return ngettext("%(n)s lần/tháng", "%(n)s lần/tháng", n) % {"n": n}
    if unit == "per_quarter":
        return ngettext("%(n)s lần/quý", "%(n)s lần/quý", n) % {"n": n}
    if unit == "per_year":
        return ngettext("%(n)s lần/năm", "%(n)s lần/năm", n) % {"n": n}
    return f"{n} {unit}"


def day_text(d: dt.date) -> str:
    """A day as the derivation writes it: its weekday in the active language, then dd/mm/yyyy."""
    return f"{WEEKDAY_NAMES[d.weekday()]} {d:%d/%m/%Y}"


def explanation_lines(explained: Mapping[str, Any]) -> list[str]:
    """The derivation of a time limit in sentences of the active language, from what Deadline.explain() stored.

    A stored derivation that lacks one of the facts (written by an older explain()) gives its stored
    Vietnamese sentences ("text") instead.
    """
    try:
        unit = str(explained["unit"])
        skipped = [(dt.date.fromisoformat(s["date"]), str(s["reason"]), str(s["kind"])) for s in explained["skipped"]]
        start, first = dt.date.fromisoformat(explained["start"]), dt.date.fromisoformat(explained["first_counted_day"])
        nominal_end, due = dt.date.fromisoformat(explained["nominal_end"]), dt.date.fromisoformat(explained["due"])
        extensions = explained["extensions"]
        count, each = int(extensions["count"]), int(extensions["length_each"])
        base, amount = int(explained["base_amount"]), int(explained["amount"])
        suspended, days_counted = int(explained["suspended_days"]), int(explained["days_counted"])
        rule, citation, case = explained["rule"], explained["citation"], str(explained["case"])
        confidence, pack, counted_from = explained["confidence"], explained["pack"], explained["counted_from"]
    except (KeyError, TypeError, ValueError):
        return [str(line) for line in explained.get("text", [])]
    lines = [
        gettext("Quy tắc: %(rule)s — %(citation)s (độ tin cậy %(confidence)s; gói %(pack)s).") % {
            "rule": rule, "citation": citation, "confidence": confidence, "pack": pack},
        (gettext("Ngày bắt đầu (sự kiện, không tính): %(day)s — %(event)s.") % {
            "day": day_text(start), "event": counted_from} if counted_from
         else gettext("Ngày bắt đầu (sự kiện, không tính): %(day)s.") % {"day": day_text(start)}),
        gettext("Ngày đầu tiên được tính: %(day)s.") % {"day": day_text(first)},
        gettext("Trường hợp: %(case)s; thời hạn %(amount)s.") % {
            "case": CASE_LABELS.get(case, case), "amount": amount_text(base, unit)},
    ]
    if count:
        lines.append(ngettext("Gia hạn %(n)s lần × %(each)s: cộng %(added)s.",
                              "Gia hạn %(n)s lần × %(each)s: cộng %(added)s.", count) % {
            "n": count, "each": amount_text(each, unit), "added": amount_text(count * each, unit)})
    if suspended:
        lines.append(ngettext("Thời gian tạm dừng không tính: %(n)s ngày.",
                              "Thời gian tạm dừng không tính: %(n)s ngày.", suspended) % {"n": suspended})
    if unit == "working_days":
        lines.append(gettext("Đếm %(amount)s, bỏ qua %(skipped)s:") % {
            "amount": amount_text(amount, unit),
            "skipped": ngettext("%(n)s ngày nghỉ", "%(n)s ngày nghỉ", len(skipped)) % {"n": len(skipped)}})
    elif nominal_end != due:
        lines.append(gettext("Ngày cuối theo cách đếm là %(day)s, là ngày nghỉ; thời hạn kết thúc vào cuối ngày làm "
                             "việc tiếp theo (Điều 148 Bộ luật Dân sự 2015):") % {"day": day_text(nominal_end)})
    else:
        lines.append(gettext("Ngày cuối theo cách đếm là %(day)s, là ngày làm việc.") % {"day": day_text(nominal_end)})
    for day, reason, kind in skipped:
        # A weekend day's reason is its weekday's name, written in the reader's language; the others are
        # the calendar's own notes (a holiday's name), which are data.
        why = str(WEEKDAY_NAMES[day.weekday()]) if kind == "weekend" else reason
        lines.append(f"  - {day_text(day)}: {why} ({SKIP_KIND_LABELS.get(kind, kind)})")
    lines.append(ngettext("Hạn cuối: hết ngày %(day)s (%(n)s ngày kể từ ngày bắt đầu).",
                          "Hạn cuối: hết ngày %(day)s (%(n)s ngày kể từ ngày bắt đầu).", days_counted) % {
        "day": day_text(due), "n": days_counted})
    return lines


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

    def facts(self) -> dict[str, Any]:
        """The derivation's facts, JSON-serialisable: what explanation_lines() draws its sentences from."""
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
        }

    def explain(self) -> dict[str, Any]:
        """The derivation, JSON-serialisable, for pages and the API: the facts, and as "text" the sentences in
        Vietnamese, the record's language, whatever the language of the request that computed it (pages
        draw the sentences again in their reader's language with explanation_lines)."""
        facts = self.facts()
        with translation.override("vi"):
            return {**facts, "text": explanation_lines(facts)}

    def explain_lines(self) -> list[str]:
        """The derivation in sentences of the active language."""
        return explanation_lines(self.facts())


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
