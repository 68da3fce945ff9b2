"""Who may do what with the movement's models: a unit's head (or a leader) registers and reports on the
unit's models; the leader, who chairs the emulation council, evaluates them; a unit's head takes up a
recognised model of another unit. Every official and the supervising bodies read them."""

from __future__ import annotations

import rules

from danvan.emulation.models import MobilizationModel
from danvan.org.models import User
from danvan.org.predicates import is_leader, is_official, is_supervisor, is_unit_head, user_unit_ids


@rules.predicate
def heads_its_unit(user: User, model: MobilizationModel | None) -> bool:
    return model is None or model.unit_id in user_unit_ids(user)


can_view = is_official | is_supervisor
can_register = is_unit_head | is_leader
can_report = is_leader | is_unit_head & heads_its_unit

rules.add_perm("emulation.view_model", can_view)
rules.add_perm("emulation.register_model", can_register)
rules.add_perm("emulation.report_model", can_report)
rules.add_perm("emulation.evaluate_model", is_leader)
rules.add_perm("emulation.replicate_model", can_register)
