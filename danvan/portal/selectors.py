"""What a citizen may see of their own petition: its steps and answers, nothing about anyone else."""

from __future__ import annotations

from dataclasses import dataclass

from danvan.petitions.models import Petition, Submission
from danvan.petitions.selectors import Step, petition_history, petition_step_label
from danvan.petitions.services import secret_digest
from danvan.petitions.submissions import submission_waiting_view


@dataclass
class Tracked:
    """A citizen's petition by its tracking code: registered, or `waiting` to be registered (then `petition`
    is what tracking shows of the submission, never saved)."""

    code: str
    petition: Petition
    waiting: bool
    secret_hash: str

    def steps(self) -> list[Step]:
        if self.waiting:
            return [Step(self.petition.received_at, petition_step_label("petition.receive", public=True))]
        return petition_history(self.petition, public=True)


def tracked_by_code(code: str) -> Tracked | None:
    """The petition a tracking code names. A citizen's submission keeps its code whether or not it is
    registered yet, and is looked up first."""
    code = code.strip().upper()
    submission = Submission.objects.filter(code=code).select_related("petition__unit", "petition__matter").first()
    if submission is not None:
        if submission.petition is None:
            return Tracked(code, submission_waiting_view(submission), True, submission.secret_hash)
        return Tracked(code, submission.petition, False, submission.secret_hash)
    petition = Petition.objects.filter(code=code).select_related("unit", "matter").first()
    return None if petition is None else Tracked(code, petition, False, petition.secret_hash)


def tracked_by_code_and_secret(code: str, secret: str) -> Tracked | None:
    """The petition only when both the code and its secret match; the same None otherwise."""
    tracked = tracked_by_code(code)
    if tracked is None or tracked.secret_hash != secret_digest(secret):
        return None
    return tracked
