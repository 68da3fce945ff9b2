"""The retention policy (data/retention.yaml) read into typed rules.

The policy is data with its citations; this module only reads it and does date arithmetic on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

POLICY_PATH = Path(__file__).resolve().parent / "data" / "retention.yaml"
ACTIONS = {"pseudonymize", "erase", "keep"}
ON_REQUEST = {"pseudonymize_when_closed", "refuse_while_retained", "refuse", "erase"}


@dataclass(frozen=True)
class RetentionRule:
    code: str
    label: str
    years: int | None
    counted_from: str | None
    action: str
    on_request: str
    citation: str
    confidence: str
    note: str

    def expires_on(self, start: date | None) -> date | None:
        """The first day the record is past its retention; None when it is kept without end (or not started)."""
        if self.years is None or start is None:
            return None
        try:
            return start.replace(year=start.year + self.years)
        except ValueError:  # 29 February in a year that has none
            return start.replace(year=start.year + self.years, day=28)


def _rule(raw: dict[str, Any]) -> RetentionRule:
    source = raw.get("source") or {}
    citation = ", ".join(filter(None, [source.get("article", ""), source.get("law", "")]))
    rule = RetentionRule(
        code=raw["code"], label=raw["label"], years=raw.get("years"), counted_from=raw.get("counted_from"),
        action=raw["action"], on_request=raw["on_request"], citation=citation,
        confidence=raw.get("confidence", "L"), note=raw.get("note") or "",
    )
    if rule.action not in ACTIONS or rule.on_request not in ON_REQUEST:
        raise ValueError(f"retention rule {rule.code}: unknown action {rule.action!r} or on_request {rule.on_request!r}")
    if rule.action != "keep" and rule.years is None:
        raise ValueError(f"retention rule {rule.code}: an action after the period needs a period in years")
    return rule


@cache
def retention_policy(path: Path = POLICY_PATH) -> dict[str, RetentionRule]:
    """Every rule of the policy by its code; raises ValueError on a malformed rule."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {r.code: r for r in map(_rule, data["records"])}
