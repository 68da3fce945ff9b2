"""Reads of the API app: key look-ups and what the public Open311 list may show."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.api.catalog import PUBLIC_SERVICE_CODES
from danvan.api.models import ApiToken, Open311Client
from danvan.api.services import key_digest
from danvan.org.models import User
from danvan.petitions.models import OPEN_STATUSES, Kind, Petition, Status

# Refresh last_used at most this often: a write per request would serialise every API call on SQLite.
LAST_USED_GRAIN = timedelta(minutes=5)

# Open311 has two states. An accepted petition became a matter that is still being resolved: open.
OPEN311_OPEN = (*OPEN_STATUSES, Status.ACCEPTED)
PUBLIC_KINDS = (Kind.COMPLAINT, Kind.RECOMMENDATION)


def api_token_user(key: str) -> User | None:
    """The active official a bearer key acts as, or None."""
    if not key:
        return None
    token = ApiToken.objects.filter(key_hash=key_digest(key), active=True).select_related("user").first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_GRAIN:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


def open311_client_by_key(key: str) -> Open311Client | None:
    if not key:
        return None
    return Open311Client.objects.filter(key_hash=key_digest(key), active=True).first()


def open311_public_requests() -> QuerySet[Petition]:
    """Petitions the public Open311 list may show: classified as a complaint or recommendation, or not yet
    classified but filed through Open311 under a public service. Never a denunciation (by the citizen's
    choice or the handler's classification), never a mixed petition (it may hold a denunciation)."""
    classified_public = Q(kind__in=PUBLIC_KINDS)
    unclassified_public = Q(kind=Kind.UNCLASSIFIED, open311__service_code__in=PUBLIC_SERVICE_CODES)
    return Petition.objects.filter(classified_public | unclassified_public).exclude(
        open311__service_code__in=["denunciation"])


PUBLIC_FIELDS = (
    "code", "kind", "status", "received_at", "updated_at", "processing_due", "province_code", "ward_code",
    "unit__name", "open311__service_code",
)


def open311_requests_page(
    *,
    codes: list[str] | None = None,
    service_codes: list[str] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    statuses: list[str] | None = None,
    limit: int = 1000,
) -> list[dict[str, object]]:
    """Rows (plain dicts, one query) for GET requests: ids override every other filter, as the spec says."""
    qs = open311_public_requests()
    if codes:
        qs = qs.filter(code__in=codes)
    else:
        if service_codes:
            by_kind = Q(kind__in=service_codes)
            by_choice = Q(kind=Kind.UNCLASSIFIED, open311__service_code__in=service_codes)
            qs = qs.filter(by_kind | by_choice)
        if start:
            qs = qs.filter(received_at__gte=start)
        if end:
            qs = qs.filter(received_at__lte=end)
        if statuses and set(statuses) != {"open", "closed"}:
            qs = qs.filter(status__in=OPEN311_OPEN) if "open" in statuses else qs.exclude(status__in=OPEN311_OPEN)
    return list(qs.order_by("-received_at", "-id").values(*PUBLIC_FIELDS)[:limit])
