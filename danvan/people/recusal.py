"""Recusal: the official a denunciation names, and the members of their unit, neither see nor act on it.

The person denounced is matched by name against the agency's officials: the folded full name (two words
or more) as a whole phrase of the folded "person or act denounced" text (or, when that is empty, of the
subject and content). A common name may recuse an official who is not the one meant; that errs on the
side the law protects (Law on Denunciations Art. 9: the denouncer's safety), and a leader, who sees every
unit, can still take the matter on.
"""

from __future__ import annotations

import re
from typing import Any

import rules

from danvan.org.models import User
from danvan.petitions.models import PROTECTED_KINDS
from textmining.normalize import fold


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def denounced_officials(petition: Any) -> list[tuple[int, int | None]]:
    """(user id, unit id) of the officials the petition denounces; [] for other kinds. Cached on the object."""
    cached = getattr(petition, "_denounced_cache", None)
    if cached is not None:
        return list(cached)
    found: list[tuple[int, int | None]] = []
    if petition.kind in PROTECTED_KINDS:
        text = f" {_words(petition.decision_text or f'{petition.subject} {petition.content}')} "
        for pk, name, unit_id in User.objects.filter(is_active=True).exclude(full_name="").values_list(
                "pk", "full_name", "unit_id"):
            folded = _words(name)
            if " " in folded and f" {folded} " in text:
                found.append((pk, unit_id))
    petition._denounced_cache = found
    return list(found)


def recused(user: Any, obj: Any) -> bool:
    """Whether `user` is denounced by `obj` (a Petition or a Matter) or works in the unit of someone who is."""
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    petitions = [obj]
    if obj._meta.label_lower == "matters.matter":
        petitions = getattr(obj, "_recusal_petitions", None) or list(obj.petitions.all())
        obj._recusal_petitions = petitions
    for petition in petitions:
        for user_id, unit_id in denounced_officials(petition):
            if user.pk == user_id or (unit_id is not None and user.unit_id == unit_id):
                return True
    return False


is_recused = rules.predicate(recused, name="is_recused")
