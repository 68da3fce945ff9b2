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
from textmining.normalize import fold


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def denounced_officials(petition: Any) -> list[tuple[int, int | None]]:
    """(user id, unit id) of the officials the petition denounces; [] unless its denouncer is protected (a
    denunciation, or one not yet classified that came in as such). Cached on the object."""
    denounced_prime([petition])
    return list(petition._denounced_cache)


def denounced_prime(petitions: list[Any]) -> None:
    """Work out denounced_officials for every petition of a list, reading the officials once."""
    from danvan.petitions.models import declared_protected_prime

    waiting = [p for p in petitions if getattr(p, "_denounced_cache", None) is None]
    if not waiting:
        return
    declared_protected_prime(waiting)
    protected = [p for p in waiting if p.protects_identity()]
    officials = [(pk, _words(name), unit_id) for pk, name, unit_id in User.objects.filter(is_active=True).exclude(
        full_name="").values_list("pk", "full_name", "unit_id")] if protected else []
    for petition in waiting:
        found: list[tuple[int, int | None]] = []
        if petition in protected:
            text = f" {_words(petition.decision_text or f'{petition.subject} {petition.content}')} "
            found = [(pk, unit_id) for pk, folded, unit_id in officials if " " in folded and f" {folded} " in text]
        petition._denounced_cache = found


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
