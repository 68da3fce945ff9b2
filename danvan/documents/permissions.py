from __future__ import annotations

from typing import Any

from danvan.documents.models import IssuedDocument


def can_download(user: Any, doc: IssuedDocument) -> bool:
    """Whether `user` may download `doc`. For now: any authenticated, active staff account.

    The single place the download view asks; per-role and per-matter rules (a denunciation's documents
    reveal the denouncer) replace this body, not the view.
    """
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)
