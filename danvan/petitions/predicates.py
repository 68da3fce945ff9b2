from __future__ import annotations

import rules

from danvan.org.models import User
from danvan.org.predicates import (
    is_handler,
    is_leader,
    is_official,
    is_reception_officer,
    is_unit_head,
    sees_every_unit,
    supervises,
    user_unit_ids,
)
from danvan.people.recusal import is_recused
from danvan.petitions.models import Petition


@rules.predicate
def in_users_units(user: User, petition: Petition | None) -> bool:
    if petition is None:
        return True
    return petition.unit_id in user_unit_ids(user) or petition.assigned_to_id == user.pk


@rules.predicate
def protects_identity(user: User, petition: Petition | None) -> bool:
    """Denouncers' identities are protected (Law on Denunciations Arts. 47, 56)."""
    return petition is not None and petition.protects_identity()


# Supervisors read only what is published to their body (danvan.security.Publication).
can_view = (is_official & (sees_every_unit | in_users_units) | supervises) & ~is_recused
can_receive = is_reception_officer | is_handler | is_unit_head
# The official a denunciation names, and their unit, neither see nor act on it (danvan.people.recusal).
can_process = (is_handler | is_unit_head) & (sees_every_unit | in_users_units) & ~is_recused
can_accept = (is_unit_head & in_users_units | is_leader) & ~is_recused
# What the petitioner brings or sends later is taken in where the petition is: at the reception desk too.
can_record_supplement = can_receive & (sees_every_unit | in_users_units) & ~is_recused
# Who must know the denouncer: who received the petition, who processes it, and who decides. A verifier
# works on the content alone; supervisors and inspectors never see it.
can_see_identity = is_official & (sees_every_unit | in_users_units) & ~is_recused & (
    ~protects_identity | ((is_reception_officer | is_handler | is_unit_head | is_leader)
                          & (sees_every_unit | in_users_units)))

rules.add_perm("petitions.view_petition", can_view)
rules.add_perm("petitions.receive_petition", can_receive)
rules.add_perm("petitions.process_petition", can_process)
rules.add_perm("petitions.accept_petition", can_accept)
rules.add_perm("petitions.record_supplement", can_record_supplement)
rules.add_perm("petitions.view_identity", can_see_identity)
