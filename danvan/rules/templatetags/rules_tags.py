from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from danvan.rules.services import explanation_lines

register = template.Library()


@register.filter
def explanation(explained: Mapping[str, Any] | None) -> list[str]:
    """A stored derivation (Deadline.explain()) as sentences in the reader's language."""
    return explanation_lines(explained) if explained else []
