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
    is what tracking shows of the submission, never saved). `via_submission`: the code is a citizen's
    submission's, which names its petition even if that petition had to take another code."""

    code: str
    petition: Petition
    waiting: bool
    secret_hash: str
    via_submission: bool

    @property
    def key(self) -> str:
        """What a browser keeps to say it unlocked this code: a code names one submission and one petition,
        which are the same petition but for a code drawn twice (then the secret told them apart)."""
        return f"{'s' if self.via_submission else 'p'}:{self.code}"

    def steps(self) -> list[Step]:
        if self.waiting:
            return [Step(self.petition.received_at, petition_step_label("petition.receive", public=True))]
        return petition_history(self.petition, public=True)


def _via_submission(code: str) -> Tracked | None:
    submission = Submission.objects.filter(code=code).select_related("petition__unit", "petition__matter").first()
    if submission is None:
        return None
    if submission.petition is None:
        return Tracked(code, submission_waiting_view(submission), True, submission.secret_hash, True)
    return Tracked(code, submission.petition, False, submission.secret_hash, True)


def _petition(code: str) -> Tracked | None:
    petition = Petition.objects.filter(code=code).select_related("unit", "matter").first()
    return None if petition is None else Tracked(code, petition, False, petition.secret_hash, False)


def tracked_by_key(key: str) -> Tracked | None:
    """The petition a browser unlocked (Tracked.key)."""
    via, _, code = key.partition(":")
    return _via_submission(code) if via == "s" else _petition(code)


def tracked_by_code_and_secret(code: str, secret: str) -> Tracked | None:
    """The petition only when both the code and its secret match; the same None otherwise. A citizen's
    submission keeps its code whether or not it is registered yet."""
    code, digest = code.strip().upper(), secret_digest(secret)
    for found in (_via_submission(code), _petition(code)):
        if found is not None and found.secret_hash == digest:
            return found
    return None
