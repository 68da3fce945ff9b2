"""What a citizen may see of their own petition: its steps and answers, nothing about anyone else."""

from __future__ import annotations

from danvan.petitions.models import Petition
from danvan.petitions.services import secret_digest


def petition_by_code_and_secret(code: str, secret: str) -> Petition | None:
    """The petition only when both the code and its secret match; the same None otherwise."""
    petition = Petition.objects.filter(code=code.strip().upper()).select_related("unit").first()
    if petition is None or petition.secret_hash != secret_digest(secret):
        return None
    return petition
