"""Role x transition matrix: who may start which step, including every "must not" case."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from danvan.matters import services as s
from danvan.matters.workflow import PERM_DECIDE, PERM_HANDLE, PERM_VERIFY, WORKFLOWS

ROLES = ["reception_officer", "handler", "verifier", "verifier_2", "unit_head", "other_head", "leader", "inspector",
         "supervisor", "administrator"]
MAY = {
    PERM_HANDLE: {"handler", "unit_head", "leader"},
    PERM_DECIDE: {"unit_head", "leader"},
    PERM_VERIFY: {"verifier"},  # the verifier assigned to this matter, and only them
}
# A supervisor sees a matter only once it is published to their body (tests/security/test_permission_matrix.py).
VIEW = {"reception_officer", "handler", "verifier", "verifier_2", "unit_head", "leader", "inspector", "administrator"}


@pytest.mark.parametrize("kind", ["complaint", "denunciation", "anonymous"])
def test_role_by_transition_matrix(kind, open_matter, people):
    matter = open_matter(kind="complaint" if kind == "complaint" else "denunciation", anonymous=kind == "anonymous")
    matter.verifier = people["verifier"]
    for role in ROLES:
        user = people[role]
        assert user.has_perm("matters.view_matter", matter) is (role in VIEW), role
        for name, transition in WORKFLOWS[kind].items():
            expected = role in MAY[transition.permission]
            assert user.has_perm(transition.permission, matter) is expected, (kind, name, role)


def test_the_allowed_transitions_follow_the_state_and_the_role(open_matter, people):
    # Accepted today, so the first resolution is not overdue (then a second complaint would be offered too).
    matter = s.matter_accept(matter=open_matter(), by=people["unit_head"], on=timezone.localdate())
    head = {t.name for t in s.transitions_allowed(matter=matter, by=people["unit_head"])}
    assert head == {"assign_verifier", "set_complexity", "suspend", "withdraw"}
    handler = {t.name for t in s.transitions_allowed(matter=matter, by=people["handler"])}
    assert handler == {"withdraw"}
    assert s.transitions_allowed(matter=matter, by=people["inspector"]) == []
    assert s.transitions_allowed(matter=matter, by=people["verifier"]) == []


def test_a_refused_permission_writes_nothing(open_matter, people):
    matter = open_matter()
    for role in ("handler", "verifier", "inspector", "supervisor", "other_head", "administrator"):
        with pytest.raises(PermissionDenied):
            s.matter_accept(matter=matter, by=people[role], on=date(2026, 3, 5))
    matter.refresh_from_db()
    assert matter.state == "received" and matter.accepted_on is None
    assert s.transition_check(matter=matter, name="accept", by=people["handler"]) is not None
    assert s.transition_check(matter=matter, name="accept", by=people["unit_head"]) is None
