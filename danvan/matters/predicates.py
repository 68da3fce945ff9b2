"""Who may do what on a matter: small predicates, tested as a role x transition matrix."""

from __future__ import annotations

import rules

from danvan.matters.models import Matter
from danvan.org.models import User
from danvan.org.predicates import (
    is_handler,
    is_leader,
    is_official,
    is_unit_head,
    is_verifier,
    sees_every_unit,
    supervises,
    user_unit_ids,
)
from danvan.people.recusal import is_recused


@rules.predicate
def in_users_units(user: User, matter: Matter | None) -> bool:
    if matter is None:
        return True
    return matter.unit_id in user_unit_ids(user) or matter.assignee_id == user.pk


@rules.predicate
def is_assigned_verifier(user: User, matter: Matter | None) -> bool:
    return matter is not None and matter.verifier_id is not None and matter.verifier_id == user.pk


# Supervisors follow matters read-only; a denouncer's identity stays hidden from them (people.selectors).
# The official a denunciation names, and their unit, are recused from it (danvan.people.recusal).
can_view = ((is_official & (sees_every_unit | in_users_units | is_assigned_verifier)) | supervises) & ~is_recused
# Record the steps of the file: the handler of the unit or the assignee, and the heads.
can_handle = ((is_handler | is_unit_head) & in_users_units | is_leader) & ~is_recused
# The legal decisions: the head of the unit competent for the matter, or the ministry's leader.
can_decide = (is_unit_head & in_users_units | is_leader) & ~is_recused
# The verification report: the verifier assigned to this matter, nobody else.
can_verify = is_verifier & is_assigned_verifier & ~is_recused

rules.add_perm("matters.view_matter", can_view)
rules.add_perm("matters.handle_matter", can_handle)
rules.add_perm("matters.decide_matter", can_decide)
rules.add_perm("matters.verify_matter", can_verify)
