"""Who rates civil servants (registered in InsightsConfig.ready): a leader rates any official, a unit's head
the officials of their units; nobody rates themselves (that is their superior's)."""

from __future__ import annotations

import rules

from danvan.org.models import User
from danvan.org.predicates import is_leader, is_unit_head, user_unit_ids


@rules.predicate
def in_their_units(user: User, official: User | None) -> bool:
    return official is None or official.unit_id in user_unit_ids(user)


@rules.predicate
def not_themselves(user: User, official: User | None) -> bool:
    return official is None or official.pk != user.pk


rules.add_perm("insights.rate_official", (is_leader | is_unit_head & in_their_units) & not_themselves)
