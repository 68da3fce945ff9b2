"""Permission predicates: small, composable, and tested as a role x action matrix."""

from __future__ import annotations

from typing import Any

import rules

from danvan.org.models import Role, Unit, User


def _role(role: Role) -> rules.Predicate:
    @rules.predicate(name=f"has_role:{role.value}")
    def check(user: Any) -> bool:
        return bool(getattr(user, "is_authenticated", False) and user.is_active and user.has_role(role))

    return check


is_reception_officer = _role(Role.RECEPTION_OFFICER)
is_handler = _role(Role.HANDLER)
is_verifier = _role(Role.VERIFIER)
is_unit_head = _role(Role.UNIT_HEAD)
is_leader = _role(Role.LEADER)
is_inspector = _role(Role.INSPECTOR)
is_supervisor = _role(Role.SUPERVISOR)
is_administrator = _role(Role.ADMINISTRATOR)
is_drafter = _role(Role.DRAFTER)

# The petition desk's officials. The drafting team works on consultations only (danvan.consultation).
is_official = (
    is_reception_officer | is_handler | is_verifier | is_unit_head | is_leader | is_inspector | is_administrator
)
sees_every_unit = is_leader | is_inspector | is_administrator


def unit_subtree_ids(unit_id: int | None) -> set[int]:
    """The unit and every unit below it (units are few: a walk in memory is cheaper than recursive SQL)."""
    if unit_id is None:
        return set()
    children: dict[int | None, list[int]] = {}
    for pk, parent in Unit.objects.values_list("id", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, stack = set(), [unit_id]
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(children.get(current, []))
    return found


def user_unit_ids(user: User) -> set[int]:
    cache = getattr(user, "_unit_subtree_cache", None)
    if cache is None:
        cache = unit_subtree_ids(user.unit_id)
        user._unit_subtree_cache = cache  # type: ignore[attr-defined]
    return cache


def units_seen(user: User) -> set[int] | None:
    """The units whose figures an official or a supervising body sees (the periodic reports, the dashboard,
    the scorecards, the hot issues): every unit (None) for the agency's leaders, inspectors, administrators
    and supervising bodies, else the official's unit and those below it."""
    return None if (sees_every_unit(user) or is_supervisor(user)) else user_unit_ids(user)


@rules.predicate
def is_published_to(user: User, obj: Any) -> bool:
    """Whether `obj` (a Petition, a Matter or a report slug) is published to the user's supervising body.

    Without an object (a list page), True: the list itself is filtered to what is published
    (danvan.security.selectors). Only supervisors are meant to pass through this predicate.
    """
    if obj is None:
        return True
    from danvan.security.selectors import publications_for

    pubs = publications_for(user)
    if isinstance(obj, str):
        return pubs.filter(report=obj).exists()
    label = obj._meta.label_lower
    if label == "petitions.petition":
        return pubs.filter(petition_id=obj.pk).exists() or (
            obj.matter_id is not None and pubs.filter(matter_id=obj.matter_id).exists())
    if label == "matters.matter":
        return pubs.filter(matter_id=obj.pk).exists() or pubs.filter(petition__matter_id=obj.pk).exists()
    return False


# A supervising body reads what is published to it, never more, never a petitioner's identity.
supervises = is_supervisor & is_published_to
