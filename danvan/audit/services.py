from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from danvan.audit.models import ChainHead, Event

GENESIS = "0" * 64


def _digest(*, prev_hash: str, at: str, actor: str, action: str, object_type: str, object_id: str,
            data: dict[str, Any]) -> str:
    payload = json.dumps(
        [prev_hash, at, actor, action, object_type, object_id, data],
        cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _actor_key(event: Event) -> str:
    return f"user:{event.actor_id}" if event.actor_id else event.actor_label


def audit_record(
    *,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    by: Any = None,
    actor_label: str = "",
    data: dict[str, Any] | None = None,
) -> Event:
    """Append one event to the chain, inside the caller's transaction.

    `by` is the acting official (a User) or None; then `actor_label` says who acted ("citizen", "system").
    `data` must be JSON-serialisable; it is normalised through JSON so the stored value hashes the same.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    clean = json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder, ensure_ascii=False))
    user = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1, defaults={"last_hash": GENESIS})
        event = Event(
            at=timezone.now(), actor=user, actor_label=actor_label if user is None else "",
            action=action, object_type=object_type, object_id=str(object_id), data=clean,
            prev_hash=head.last_hash,
        )
        event.hash = _digest(
            prev_hash=event.prev_hash, at=event.at.isoformat(), actor=_actor_key(event), action=action,
            object_type=event.object_type, object_id=event.object_id, data=clean,
        )
        event.save()
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
    return event


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    reason: str = ""


def audit_verify_chain() -> ChainCheck:
    """Walk the chain in order; name the first event whose link or content does not hold."""
    prev = GENESIS
    checked = 0
    for event in Event.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != prev:
            return ChainCheck(False, checked, event.id, "prev_hash does not match the previous event")
        expected = _digest(
            prev_hash=event.prev_hash, at=event.at.isoformat(), actor=_actor_key(event), action=event.action,
            object_type=event.object_type, object_id=event.object_id, data=event.data,
        )
        if expected != event.hash:
            return ChainCheck(False, checked, event.id, "content does not match its hash")
        prev = event.hash
        checked += 1
    head = ChainHead.objects.filter(pk=1).first()
    if head and head.last_hash != prev:
        return ChainCheck(False, checked, None, "the chain's last event is missing")
    return ChainCheck(True, checked)
