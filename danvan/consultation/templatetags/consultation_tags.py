from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def item(mapping: Any, key: Any) -> Any:
    """mapping[key], or "" when it is missing (templates cannot index a dict by a variable)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
