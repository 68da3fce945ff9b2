"""How the reception rules apply: the values come from the rule packs, the way to apply them from
data/reception.yaml. Plain reads; nothing here writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from danvan.rules.errors import RuleError
from danvan.rules.packs import Rule, registry
from danvan.rules.services import rule_in_force

DATA_FILE = Path(__file__).resolve().parent / "data" / "reception.yaml"


@cache
def reception_data() -> dict[str, Any]:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{DATA_FILE} must be a mapping"
    return data


def rule_or_none(code: str, on: dt.date) -> Rule | None:
    """The rule in force on `on`, or None when no pack has it on that day (a rule not yet in force)."""
    try:
        return rule_in_force(code, on)
    except RuleError:
        return None


def first_in_force(code: str) -> dt.date | None:
    """The first day any pack puts `code` in force (for messages such as "allowed from 01/7/2026")."""
    rules = registry.rules_for(code)
    return min((r.effective_from for r in rules), default=None)


@dataclass(frozen=True)
class RepresentativeLimit:
    min_required: int
    maximum: int
    citation: str
    is_group: bool


def representative_limit(people: int, on: dt.date) -> RepresentativeLimit:
    """How many representatives a visit of `people` people may (and must) name on day `on`.

    Below the group threshold there is no representative rule: anyone present may speak. From it, at least
    one and at most the pack's value for the band the size falls in. Raises RuleError when no pack in force
    on `on` gives the rule.
    """
    bands = reception_data()["group_bands"]
    if people < int(bands["group_from"]):
        return RepresentativeLimit(0, people, "", False)
    rule = rule_in_force("reception.group_representatives", on)
    for band in bands["bands"]:
        upper = band["max_people"]
        if people >= int(band["min_people"]) and (upper is None or people <= int(upper)):
            return RepresentativeLimit(1, int(rule.values[band["value"]]), rule.citation, True)
    raise RuleError(f"Không có khung số người đại diện cho đoàn {people} người.",
                    f"no representatives band for a group of {people}")


def identity_required(kind: str) -> bool:
    return kind in reception_data()["identity"]["required_for"]


def identity_citation() -> str:
    return str(reception_data()["identity"]["source"])


def refusal_grounds(on: dt.date) -> tuple[Rule, list[tuple[int, str]]]:
    """The Art. 9 grounds in force on `on`, numbered from 1 in the pack's order."""
    rule = rule_in_force("reception.refusal", on)
    return rule, [(i, text) for i, text in enumerate(rule.items, start=1)]


def leader_minimum(on: dt.date) -> Rule:
    """The monthly minimum of a ministry head's own reception days, as the pack in force on `on` says."""
    return rule_in_force("reception.leader_minimum", on)
