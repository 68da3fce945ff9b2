"""Writes of the API app: issuing keys, and filing a petition through Open311."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from danvan.api.models import ApiToken, Open311Client, Open311Request
from danvan.audit.services import audit_record
from danvan.org.models import Unit, User
from danvan.petitions.models import Channel, Petition
from danvan.petitions.services import PersonData, petition_receive


def key_digest(key: str) -> str:
    # Keys carry 256 random bits: a plain digest keeps them out of the database without a slow hash.
    return hashlib.sha256(key.strip().encode()).hexdigest()


def _new_key(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"


@transaction.atomic
def api_token_create(*, user: User, name: str, by: User | None = None) -> tuple[ApiToken, str]:
    """Issue a bearer token acting as `user`. The key is returned once and never stored."""
    key = _new_key("dvt")
    token = ApiToken.objects.create(user=user, name=name.strip(), prefix=key[:10], key_hash=key_digest(key))
    audit_record(action="api.token_create", obj=token, by=by, actor_label="" if by else "system",
                 data={"user": user.pk, "name": token.name})
    return token, key


@transaction.atomic
def open311_client_create(*, name: str, by: User | None = None) -> tuple[Open311Client, str]:
    """Register an Open311 client application. The api_key is returned once and never stored."""
    key = _new_key("dvo")
    client = Open311Client.objects.create(name=name.strip(), prefix=key[:10], key_hash=key_digest(key))
    audit_record(action="api.open311_client_create", obj=client, by=by, actor_label="" if by else "system",
                 data={"name": client.name})
    return client, key


@dataclass
class Open311Receipt:
    request: Open311Request
    secret: str | None
    created: bool


@transaction.atomic
def open311_request_create(
    *,
    client: Open311Client,
    service_code: str,
    content: str,
    petitioners: list[PersonData],
    subject: str = "",
    decision_text: str = "",
    request_text: str = "",
    province_code: int | None = None,
    ward_code: int | None = None,
    place_text: str = "",
    lat: Decimal | None = None,
    long: Decimal | None = None,
    idempotency_key: str | None = None,
) -> Open311Receipt:
    """File a petition through Open311, received by the portal's intake unit on channel "api".

    The petition and its Open311 record are written in one transaction; petition_receive's validation
    errors (django ValidationError) pass through with nothing stored. A retry that petition_receive
    recognises returns the first request, `created=False` and no secret.
    """
    receipt = petition_receive(
        channel=Channel.API, unit=Unit.objects.get(code=settings.DANVAN_PORTAL_UNIT_CODE), subject=subject,
        content=content, petitioners=petitioners, decision_text=decision_text, request_text=request_text,
        province_code=province_code, ward_code=ward_code, place_text=place_text, source_agency=client.name,
        idempotency_key=idempotency_key,
    )
    petition: Petition = receipt.petition
    existing = Open311Request.objects.filter(petition=petition).first()
    if existing is not None:
        return Open311Receipt(existing, None, created=False)
    record = Open311Request.objects.create(
        petition=petition, client=client, token=secrets.token_hex(16), service_code=service_code, lat=lat, long=long,
    )
    audit_record(action="open311.request", obj=petition, actor_label=f"api:{client.name}",
                 data={"service_code": service_code, "token": record.token, "created": receipt.created})
    return Open311Receipt(record, receipt.secret, created=receipt.created)
