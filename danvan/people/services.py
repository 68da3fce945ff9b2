"""Writes on people: the identity vault's key rotation."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from danvan.audit.services import audit_record
from danvan.org.models import User
from danvan.people.models import ENCRYPTED, INDEXED, Person

CHUNK = 500


@dataclass(frozen=True)
class Rotation:
    people: int


def vault_rotate(*, by: User | None = None, chunk: int = CHUNK) -> Rotation:
    """Re-encrypt every person's identity with the newest key (the first of DANVAN_VAULT_KEYS).

    Reading decrypts with whichever configured key opens a token and saving encrypts with the newest, so
    rows move one chunk per transaction and the desk keeps working meanwhile. The blind indexes are
    recomputed too (they change only if DANVAN_VAULT_INDEX_KEY changed). Once this returns, older keys
    may be dropped from the configuration.
    """
    done = 0
    last_id = 0
    while True:
        with transaction.atomic():
            batch = list(Person.objects.filter(pk__gt=last_id).order_by("pk")[:chunk])
            if not batch:
                break
            for person in batch:
                person.index_refresh()
            Person.objects.bulk_update(batch, [*ENCRYPTED, *INDEXED])
        done += len(batch)
        last_id = batch[-1].pk
    with transaction.atomic():
        audit_record(action="vault.rotate", object_type="people.person", by=by,
                     actor_label="" if by else "system", data={"people": done})
    return Rotation(people=done)
