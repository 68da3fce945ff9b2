"""Writes on people: the identity vault's key rotation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction

from danvan.audit.services import audit_record
from danvan.org.models import User
from danvan.people.vault import EncryptedTextField

CHUNK = 500


@dataclass(frozen=True)
class Rotation:
    rows: dict[str, int]  # model label -> rows re-encrypted

    @property
    def people(self) -> int:
        return self.rows.get("people.person", 0)


def _vaulted() -> Iterator[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted columns, and the columns to write back: those and their blind indexes
    (recomputed by the model's `index_refresh`)."""
    for model in apps.get_models():
        fields = model._meta.concrete_fields
        encrypted = [f.name for f in fields if isinstance(f, EncryptedTextField)]
        if encrypted:
            yield model, encrypted + [f.name for f in fields if f.name.endswith("_index")]


def vault_rotate(*, by: User | None = None, chunk: int = CHUNK) -> Rotation:
    """Re-encrypt every identity in the vault (people, the reception book) with the newest key (the first
    of DANVAN_VAULT_KEYS).

    Reading decrypts with whichever configured key opens a token and saving encrypts with the newest, so
    rows move one chunk per transaction and the desk keeps working meanwhile. The blind indexes are
    recomputed too (they change only if DANVAN_VAULT_INDEX_KEY changed). Once this returns, older keys
    may be dropped from the configuration.
    """
    done: dict[str, int] = {}
    for model, columns in _vaulted():
        label, last_id = model._meta.label_lower, 0
        done[label] = 0
        while True:
            with transaction.atomic():
                batch = list(model._default_manager.filter(pk__gt=last_id).order_by("pk")[:chunk])
                if not batch:
                    break
                for row in batch:
                    if hasattr(row, "index_refresh"):
                        row.index_refresh()
                model._default_manager.bulk_update(batch, columns)
            done[label] += len(batch)
            last_id = batch[-1].pk
    with transaction.atomic():
        audit_record(action="vault.rotate", object_type="people.person", by=by,
                     actor_label="" if by else "system", data={"people": done.get("people.person", 0), "rows": done})
    return Rotation(rows=done)
