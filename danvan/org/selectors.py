"""Reads on the agency's organisation."""

from __future__ import annotations

from collections.abc import Iterable

from danvan.org.models import Role, User


def unit_heads(unit_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active heads of each of `unit_ids`, oldest account first (roles are a JSON list, so read in Python)."""
    heads: dict[int, list[User]] = {}
    for user in User.objects.filter(unit_id__in=list(unit_ids), is_active=True).order_by("id"):
        if user.has_role(Role.UNIT_HEAD) and user.unit_id is not None:
            heads.setdefault(user.unit_id, []).append(user)
    return heads
