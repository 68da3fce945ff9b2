"""Loading and validating the rule packs (packs/*.yaml). See packs/README.md for the format.

A pack that does not validate stops the program at startup (RulesConfig.ready) with the file and the rule
named: a wrong time limit silently replaced by a default would be worse than no program.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from danvan.rules.errors import RulePackError
from danvan.workcal.daycount import UNITS

PACKS_DIR = Path(__file__).resolve().parent / "packs"

KINDS = ("time_limit", "frequency", "count", "threshold", "conditions")
FREQUENCY_UNITS = ("per_day", "per_week", "per_month", "per_quarter", "per_year")
CASES = ("normal", "complex", "remote", "remote_complex")
CONFIDENCES = ("H", "M", "L")
_CODE_RE = re.compile(r"^[a-z][a-z_]*(\.[a-z0-9_]+)+$")

_PACK_KEYS = {"id", "version", "title", "effective_from", "effective_to", "notes", "rules"}
_RULE_KEYS = {"code", "kind", "unit", "values", "extension", "counted_from", "source", "confidence", "notes",
              "description", "items", "effective_from", "effective_to"}
_SOURCE_KEYS = {"law", "article", "clause"}


@dataclass(frozen=True)
class Extension:
    length: int
    max_normal: int
    max_complex: int
    # The Law on Denunciations (Art. 30) allows a complex case one extension and an especially complex one
    # two; a pack that does not split the degrees gives both max_complex.
    max_especially_complex: int

    @property
    def max_any_complex(self) -> int:
        return max(self.max_complex, self.max_especially_complex)


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str
    unit: str
    values: Mapping[str, Any]
    source_law: str
    source_article: str
    source_clause: str
    confidence: str
    description: str
    pack_id: str
    pack_version: str
    effective_from: dt.date
    effective_to: dt.date | None
    file: str
    counted_from: str = ""
    notes: str = ""
    extension: Extension | None = None
    items: tuple[str, ...] = ()

    @property
    def citation(self) -> str:
        """"Luật Khiếu nại 02/2011/QH13, khoản 1 Điều 28"."""
        where = " ".join(p for p in (self.source_clause, self.source_article) if p)
        return f"{self.source_law}, {where}" if where else self.source_law

    @property
    def pack(self) -> str:
        return f"{self.pack_id}@{self.pack_version}"

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "kind": self.kind, "unit": self.unit, "values": dict(self.values),
            "extension": None if self.extension is None else {
                "length": self.extension.length, "max_normal": self.extension.max_normal,
                "max_complex": self.extension.max_complex,
                "max_especially_complex": self.extension.max_especially_complex},
            "items": list(self.items), "counted_from": self.counted_from,
            "source": {"law": self.source_law, "article": self.source_article, "clause": self.source_clause},
            "citation": self.citation, "confidence": self.confidence, "description": self.description,
            "notes": self.notes, "pack": self.pack, "effective_from": self.effective_from.isoformat(),
            "effective_to": self.effective_to.isoformat() if self.effective_to else None, "file": self.file,
        }


@dataclass(frozen=True)
class Pack:
    id: str
    version: str
    title: str
    effective_from: dt.date
    effective_to: dt.date | None
    file: str
    notes: str = ""
    rules: tuple[Rule, ...] = field(default_factory=tuple)

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


def _text(value: Any, what: str, fail: Any, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        fail(f"{what} must be a non-empty text")
    return str(value).strip()


def _date(value: Any, what: str, fail: Any, *, required: bool = True) -> dt.date | None:
    if value is None and not required:
        return None
    # A quoted date is a string in YAML: say so rather than compare strings with dates later.
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        fail(f"{what} must be a date written YYYY-MM-DD without quotes, got {value!r}")
    return value


def _count(value: Any, what: str, fail: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        fail(f"{what} must be a whole number >= 0, got {value!r}")
    return int(value)


def _parse_rule(raw: Any, pack: dict[str, Any], path: str, index: int) -> Rule:
    code = raw.get("code") if isinstance(raw, dict) else None
    label = code if isinstance(code, str) else f"#{index + 1}"

    def fail(message: str) -> NoReturn:
        raise RulePackError(path, message, rule=label)

    if not isinstance(raw, dict):
        fail("a rule must be a mapping")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        fail(f"unknown keys {sorted(unknown)} (allowed: {sorted(_RULE_KEYS)})")
    if not isinstance(code, str) or not _CODE_RE.match(code):
        fail("code must look like 'complaint.first_resolution'")
    kind = raw.get("kind")
    if kind not in KINDS:
        fail(f"kind must be one of {KINDS}, got {kind!r}")
    source = raw.get("source")
    if not isinstance(source, dict):
        fail("source {law, article, clause} is required")
    if set(source) - _SOURCE_KEYS:
        fail(f"unknown source keys {sorted(set(source) - _SOURCE_KEYS)}")
    law = _text(source.get("law"), "source.law", fail)
    article = _text(source.get("article"), "source.article", fail, required=False)
    clause = _text(source.get("clause"), "source.clause", fail, required=False)
    confidence = raw.get("confidence")
    if confidence not in CONFIDENCES:
        fail(f"confidence must be one of {CONFIDENCES}, got {confidence!r}")
    description = _text(raw.get("description"), "description", fail)

    unit = raw.get("unit") or ""
    values = raw.get("values") or {}
    if not isinstance(values, dict):
        fail("values must be a mapping")
    extension = None
    items: tuple[str, ...] = ()
    if kind == "time_limit":
        if unit not in UNITS:
            fail(f"a time limit's unit must be one of {UNITS}, got {unit!r}")
        if set(values) != set(CASES):
            fail(f"a time limit gives exactly the cases {CASES}, got {sorted(values)}")
        for case in CASES:
            if _count(values[case], f"values.{case}", fail) == 0:
                fail(f"values.{case} must be > 0")
        ext = raw.get("extension")
        if ext is not None:
            if not isinstance(ext, dict) or set(ext) != {"length", "max"} or not isinstance(ext["max"], dict) \
                    or set(ext["max"]) not in ({"normal", "complex"}, {"normal", "complex", "especially_complex"}):
                fail("extension must be {length: N, max: {normal: N, complex: N[, especially_complex: N]}}")
            max_complex = _count(ext["max"]["complex"], "extension.max.complex", fail)
            extension = Extension(_count(ext["length"], "extension.length", fail),
                                  _count(ext["max"]["normal"], "extension.max.normal", fail), max_complex,
                                  _count(ext["max"].get("especially_complex", max_complex),
                                         "extension.max.especially_complex", fail))
    else:
        if raw.get("extension") is not None:
            fail("only a time limit can have an extension")
        if kind == "frequency":
            if unit not in FREQUENCY_UNITS:
                fail(f"a frequency's unit must be one of {FREQUENCY_UNITS}, got {unit!r}")
            _count(values.get("normal"), "values.normal", fail)
        elif kind in ("count", "threshold"):
            if not unit or not values:
                fail(f"a {kind} needs a unit and values")
            for key, value in values.items():
                _count(value, f"values.{key}", fail)
        elif kind == "conditions":
            raw_items = raw.get("items")
            if not isinstance(raw_items, list) or not raw_items \
                    or not all(isinstance(i, str) and i.strip() for i in raw_items):
                fail("conditions need a non-empty list of items (texts)")
            items = tuple(i.strip() for i in raw_items)

    rule_from = _date(raw.get("effective_from"), "effective_from", fail, required=False)
    rule_to = _date(raw.get("effective_to"), "effective_to", fail, required=False)
    pack_from, pack_to = pack["effective_from"], pack["effective_to"]
    start = rule_from or pack_from
    end = rule_to or pack_to
    if start < pack_from or (pack_to is not None and end is not None and end > pack_to) \
            or (end is not None and end < start):
        fail("the rule's own effective dates must lie inside its pack's")
    assert start is not None
    return Rule(
        code=code, kind=kind, unit=str(unit), values=dict(values), source_law=law, source_article=article,
        source_clause=clause, confidence=confidence, description=description, pack_id=pack["id"],
        pack_version=pack["version"], effective_from=start, effective_to=end, file=path,
        counted_from=_text(raw.get("counted_from"), "counted_from", fail, required=False),
        notes=_text(raw.get("notes"), "notes", fail, required=False), extension=extension, items=items,
    )


def load_pack_file(path: Path) -> Pack:
    name = path.name

    def fail(message: str) -> NoReturn:
        raise RulePackError(name, message)

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulePackError(name, f"cannot read YAML: {exc}") from exc
    if not isinstance(raw, dict):
        fail("the file must be a mapping with id, version, effective_from, rules")
    unknown = set(raw) - _PACK_KEYS
    if unknown:
        fail(f"unknown keys {sorted(unknown)} (allowed: {sorted(_PACK_KEYS)})")
    pack_id = _text(raw.get("id"), "id", fail)
    version = raw.get("version")
    if not isinstance(version, str) or not version.strip():
        fail("version must be a quoted text such as \"2026.1\"")
    effective_from = _date(raw.get("effective_from"), "effective_from", fail)
    effective_to = _date(raw.get("effective_to"), "effective_to", fail, required=False)
    if effective_to is not None and effective_from is not None and effective_to < effective_from:
        fail("effective_to is before effective_from")
    header = {"id": pack_id, "version": str(version).strip(), "effective_from": effective_from,
              "effective_to": effective_to}
    raw_rules = raw.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        fail("rules must be a non-empty list")
    rules = tuple(_parse_rule(r, header, name, i) for i, r in enumerate(raw_rules))
    seen: set[str] = set()
    for rule in rules:
        if rule.code in seen:
            raise RulePackError(name, "the same code appears twice in one pack", rule=rule.code)
        seen.add(rule.code)
    assert effective_from is not None
    return Pack(id=pack_id, version=str(version).strip(), title=_text(raw.get("title"), "title", fail),
                effective_from=effective_from, effective_to=effective_to, file=name,
                notes=_text(raw.get("notes"), "notes", fail, required=False), rules=rules)


def _overlap(a_from: dt.date, a_to: dt.date | None, b_from: dt.date, b_to: dt.date | None) -> bool:
    return (b_to is None or a_from <= b_to) and (a_to is None or b_from <= a_to)


def load_packs(directory: Path = PACKS_DIR) -> tuple[Pack, ...]:
    """Every pack in `directory`, validated alone and together: two versions of one pack, or two rules
    with one code, must never be in force on the same day."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise RulePackError(str(directory), "no rule pack (*.yaml) found")
    packs = tuple(load_pack_file(f) for f in files)
    for i, a in enumerate(packs):
        for b in packs[i + 1:]:
            if a.id == b.id and a.version == b.version:
                raise RulePackError(b.file, f"pack {a.id}@{a.version} is also defined in {a.file}")
            if a.id == b.id and _overlap(a.effective_from, a.effective_to, b.effective_from, b.effective_to):
                raise RulePackError(b.file, f"versions {a.version} ({a.file}) and {b.version} of pack "
                                            f"{a.id!r} are in force on the same days")
    by_code: dict[str, list[Rule]] = {}
    for pack in packs:
        for rule in pack.rules:
            for other in by_code.get(rule.code, []):
                if _overlap(rule.effective_from, rule.effective_to, other.effective_from, other.effective_to):
                    raise RulePackError(rule.file, f"also in force in {other.file} on the same days",
                                        rule=rule.code)
            by_code.setdefault(rule.code, []).append(rule)
    return packs


class _Registry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._packs: tuple[Pack, ...] | None = None
        self._by_code: dict[str, tuple[Rule, ...]] = {}

    def load(self, directory: Path = PACKS_DIR) -> tuple[Pack, ...]:
        packs = load_packs(directory)
        by_code: dict[str, list[Rule]] = {}
        for pack in packs:
            for rule in pack.rules:
                by_code.setdefault(rule.code, []).append(rule)
        with self._lock:
            self._packs = packs
            self._by_code = {k: tuple(sorted(v, key=lambda r: r.effective_from)) for k, v in by_code.items()}
        return packs

    def packs(self) -> tuple[Pack, ...]:
        if self._packs is None:
            return self.load()
        return self._packs

    def rules_for(self, code: str) -> tuple[Rule, ...]:
        self.packs()
        return self._by_code.get(code, ())


registry = _Registry()
