"""A citizen's submission: acknowledged as soon as it is stored, registered as a petition in the background.

Registering a petition is most of what intake costs: suggesting its kind and field, comparing it with the
person's earlier petitions and with copies of the letter, linking what it finds, chaining its audit event.
A citizen needs none of that to be told their petition is safe; they need it stored, a code and a secret.
So the portal and the JSON API check the submission as intake would, store it as one encrypted row, and
answer once that row has committed. A background task (danvan.tasks) then registers it with
`petition_receive`, under the same code and secret; until then tracking shows it as received. Its time
limit runs from the moment it was received either way.

Retries are settled here, before anything is written: the same idempotency key, or the same content from
the same person within RETRY_WINDOW, answers with the first code and no secret.

A task lost with its process (a restart before it ran) leaves the row waiting, never lost:
`manage.py submissions_register` registers every submission still waiting.
"""

from __future__ import annotations

import functools
import json
import logging
import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from danvan.org.models import Unit
from danvan.petitions import uploads
from danvan.petitions.models import Petition, Submission
from danvan.petitions.services import (
    RETRY_WINDOW,
    PersonData,
    new_code,
    new_secret,
    petition_check,
    petition_receive,
    processing_deadline,
    secret_digest,
    unused_code,
)
from danvan.tasks import background

log = logging.getLogger(__name__)
_CODE_ATTEMPTS = 5
_DRAIN_ATTEMPTS = 3


@dataclass
class SubmissionReceipt:
    """What the citizen is told: the code, the secret (only when this call stored the submission) and the
    time limit for processing."""

    code: str
    secret: str | None
    created: bool
    processing_due: date


def _receipt(submission: Submission, secret: str | None = None) -> SubmissionReceipt:
    due = processing_deadline(timezone.localdate(submission.received_at)).due
    return SubmissionReceipt(submission.code, secret, secret is not None, due)


def submission_accept(
    *,
    channel: str,
    subject: str,
    content: str,
    petitioners: list[PersonData],
    letter_date: date | None = None,
    decision_text: str = "",
    request_text: str = "",
    province_code: int | None = None,
    ward_code: int | None = None,
    place_text: str = "",
    files: list[UploadedFile] | None = None,
    idempotency_key: str | None = None,
) -> SubmissionReceipt:
    """Check and store a citizen's submission; returns once it is committed. Raises ValidationError (nothing
    stored) for what intake would refuse. A retry returns the first submission's code, `created=False`."""
    checked = petition_check(channel=channel, subject=subject, content=content, petitioners=petitioners,
                             received_at=None, letter_date=letter_date, source_agency="", files=files)
    key = idempotency_key or f"sub:{secrets.token_hex(16)}"
    received_at = checked.received_at
    since = received_at - RETRY_WINDOW
    if checked.files and (first := _first_of(key, checked.fingerprint, since)):
        return _receipt(first)  # a retry's files are not saved again
    payload = json.dumps({
        # The checked subject (the content's first line when none was given), which intake keeps as it is.
        "subject": checked.subject, "content": content, "petitioners": [asdict(p) for p in petitioners],
        "letter_date": letter_date.isoformat() if letter_date else None, "decision_text": decision_text,
        "request_text": request_text, "province_code": province_code, "ward_code": ward_code,
        "place_text": place_text, "saved_files": [asdict(uploads.upload_save(f)) for f in checked.files],
    }, ensure_ascii=False)
    secret = new_secret()
    submission = Submission(
        secret_hash=secret_digest(secret), channel=channel, received_at=received_at, idempotency_key=key,
        fingerprint=checked.fingerprint, payload=payload,
    )
    for _attempt in range(_CODE_ATTEMPTS):
        submission.code = new_code()
        if _insert_unless_retry(submission, since=since):
            submissions_drain.wake()
            return _receipt(submission, secret)
        if first := _first_of(key, checked.fingerprint, since):
            return _receipt(first)
        # Not a retry: the code was taken, so draw another.
    raise IntegrityError("no free tracking code after several draws")


def _first_of(key: str, fingerprint: str, since: datetime) -> Submission | None:
    """The submission that a new one with this key or fingerprint would retry."""
    return Submission.objects.filter(Q(idempotency_key=key) | Q(fingerprint=fingerprint, received_at__gte=since)) \
        .order_by("received_at").only("code", "received_at").first()


_FIELDS = [f for f in Submission._meta.concrete_fields if not f.primary_key]


@functools.cache
def _insert_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    table = quote(Submission._meta.db_table)
    if vendor == "postgresql":
        # PostgreSQL types the bare parameters of a SELECT list as text: each is cast to its column's type.
        values = ", ".join(f"CAST(%s AS {f.db_type(connection)})" for f in _FIELDS)
    else:
        values = ", ".join(["%s"] * len(_FIELDS))
    # Table and column names come from the model; every value is a parameter.
    return (
        f"INSERT INTO {table} ({', '.join(quote(str(f.column)) for f in _FIELDS)}) SELECT {values} "  # noqa: S608
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {quote('fingerprint')} = %s AND {quote('received_at')} >= %s) "
        f"ON CONFLICT DO NOTHING RETURNING {quote('id')}"
    )


def _insert_unless_retry(submission: Submission, *, since: datetime) -> bool:
    """Store `submission` unless its key, or its fingerprint since `since`, is stored already (or its code is
    taken), in one statement: a citizen's submission is answered after one round trip to the database.
    Sets the new row's id and returns True when stored."""
    params = [
        *(f.get_db_prep_save(getattr(submission, f.attname), connection) for f in _FIELDS),
        submission.fingerprint, connection.ops.adapt_datetimefield_value(since),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(connection.vendor), params)
        row = cursor.fetchone()
    if row is None:
        return False
    submission.pk = row[0]
    return True


@background
def submissions_drain() -> None:
    """Register what waits until a pass finds nothing more (several drains share the rows)."""
    while submissions_register(max_attempts=_DRAIN_ATTEMPTS):
        pass


def submission_register_now(submission_id: int) -> Petition | None:
    """Register one waiting submission as a petition; None when it is registered already or another worker
    holds it. A failure is recorded on the row, which keeps waiting, and raised."""
    try:
        with transaction.atomic():
            submission = (Submission.objects.select_for_update(skip_locked=True)
                          .filter(pk=submission_id, petition__isnull=True).first())
            if submission is None:
                return None
            petition = _register(submission)
            submission.petition, submission.registered_at, submission.payload = petition, timezone.now(), ""
            submission.save(update_fields=["petition", "registered_at", "payload"])
            return petition
    except Exception as error:
        Submission.objects.filter(pk=submission_id).update(
            attempts=F("attempts") + 1, error=f"{type(error).__name__}: {error}"[:2000])
        raise


def _register(submission: Submission) -> Petition:
    data = json.loads(submission.payload)
    kwargs: dict[str, Any] = {
        **data,
        "petitioners": [PersonData(**p) for p in data["petitioners"]],
        "letter_date": date.fromisoformat(data["letter_date"]) if data["letter_date"] else None,
        "saved_files": [uploads.SavedFile(**f) for f in data["saved_files"]],
    }
    unit = Unit.objects.get(code=settings.DANVAN_PORTAL_UNIT_CODE)
    code = submission.code
    if Petition.objects.filter(code=code).exists():
        # A petition entered at the desk drew the same code meanwhile; tracking still finds this one
        # through the submission.
        code = unused_code()
    receipt = petition_receive(
        channel=submission.channel, unit=unit, received_at=submission.received_at,
        idempotency_key=submission.idempotency_key, tracking=(code, submission.secret_hash), **kwargs,
    )
    return receipt.petition


def submissions_register(limit: int | None = None, max_attempts: int | None = None) -> int:
    """Register the submissions still waiting, oldest first; returns how many were registered here.
    `max_attempts` leaves out those that failed that often (a drain must not spin on them; the periodic
    command retries every one)."""
    waiting = Submission.objects.filter(petition__isnull=True).order_by("received_at").values_list("id", flat=True)
    if max_attempts is not None:
        waiting = waiting.filter(attempts__lt=max_attempts)
    done = 0
    for submission_id in list(waiting[:limit] if limit else waiting):
        try:
            if submission_register_now(submission_id) is not None:
                done += 1
        except Exception:
            log.exception("submission %s could not be registered", submission_id)
    return done


@dataclass
class Waiting:
    count: int
    failing: int


def submissions_waiting() -> Waiting:
    """How many citizens' submissions are not registered yet, and how many of them failed at least once."""
    found = Submission.objects.filter(petition__isnull=True).aggregate(
        count=Count("id"), failing=Count("id", filter=Q(attempts__gt=0)))
    return Waiting(found["count"], found["failing"])


def submission_waiting_view(submission: Submission) -> Petition:
    """What tracking shows of a submission not yet registered: a petition just received, never saved."""
    return Petition(
        code=submission.code, channel=submission.channel, subject=json.loads(submission.payload)["subject"][:500],
        received_at=submission.received_at, unit=Unit.objects.get(code=settings.DANVAN_PORTAL_UNIT_CODE),
        processing_due=processing_deadline(timezone.localdate(submission.received_at)).due,
    )
