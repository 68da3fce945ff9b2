"""Writes on petitions: every state change is one function here, in one transaction, with one audit event."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.audit.services import audit_record
from danvan.matters.services import matter_open
from danvan.matters.workflow import CLOSED_STATES
from danvan.org.models import Unit, User
from danvan.people.models import Person
from danvan.people.selectors import people_with_id_number
from danvan.people.vault import blind_index
from danvan.petitions import duplicates, uploads
from danvan.petitions.models import (
    Channel,
    Field,
    Kind,
    Petition,
    Petitioner,
    PetitionLink,
    Status,
    Submission,
    Supplement,
)
from danvan.petitions.notify import supplement_notify
from danvan.rules.services import Deadline, deadline_compute
from textmining.classify import suggest_field, suggest_kind
from textmining.encodings import repair
from textmining.normalize import fold, to_nfc

# Tracking codes avoid letters that read alike (0/O, 1/I/L) because citizens copy them by hand.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RETRY_WINDOW = timedelta(minutes=10)
# What an anonymous denunciation lacks by nature; its content must still name the violation.
ANONYMOUS_MAY_LACK = {"anonymous", "address", "signature", "date"}


@dataclass
class PersonData:
    full_name: str
    kind: str = Person.Kind.PERSON
    representative_name: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    province_code: int | None = None
    ward_code: int | None = None
    is_representative: bool = False


@dataclass
class Receipt:
    """What the petitioner is told: the code and, for a new petition, the secret that unlocks tracking."""

    petition: Petition
    secret: str | None
    created: bool
    duplicates: list[duplicates.Match] = field(default_factory=list)


def new_code() -> str:
    body = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"{body[:4]}-{body[4:]}"


def unused_code() -> str:
    """A code no petition and no waiting submission holds (at a million petitions, one draw in a million
    collides)."""
    while True:
        code = new_code()
        if not (Petition.objects.filter(code=code).exists() or Submission.objects.filter(code=code).exists()):
            return code


def secret_digest(secret: str) -> str:
    # A random 60-bit secret needs no slow hash; the digest only keeps it out of the database.
    return hashlib.sha256(secret.strip().upper().encode()).hexdigest()


def new_secret() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))


def _person_key(people: list[PersonData]) -> str:
    if not people:
        return "anonymous"
    first = people[0]
    # Keyed (blind index), so the stored fingerprint cannot confirm a guessed ID number or name.
    return blind_index("id_number", first.id_number) or blind_index(
        "name", f"{first.full_name}|{first.phone}|{first.email.lower()}")


def _person_get_or_create(data: PersonData) -> Person:
    """Reuse the person known by the same ID number; without one, each submission names a new person."""
    name = to_nfc(data.full_name)
    if data.id_number:
        existing = people_with_id_number(data.id_number).order_by("id").first()
        if existing is not None:
            return existing
    person = Person(
        kind=data.kind, full_name=name, representative_name=to_nfc(data.representative_name),
        id_number=data.id_number, phone=data.phone, email=data.email, address=to_nfc(data.address),
        province_code=data.province_code, ward_code=data.ward_code,
    )
    person.full_clean()
    person.save()
    return person


def processing_deadline(received: date) -> Deadline:
    return deadline_compute(rule="petition.processing", start=received)


def _suggest(petition: Petition) -> None:
    text = f"{petition.subject}\n{petition.content}\n{petition.decision_text}\n{petition.request_text}"
    petition.suggested_kind = suggest_kind(text).label
    fields = {f.code: f for f in Field.objects.all()}
    code = suggest_field(text, {code: f.keywords for code, f in fields.items()}).label if fields else ""
    petition.suggested_field = fields.get(code)


@dataclass
class Checked:
    """A submission that passed every check, normalised, with its retry fingerprint."""

    subject: str
    text: str
    repaired_from: str | None
    received_at: datetime
    files: list[uploads.CheckedUpload]
    content_hash: str
    fingerprint: str


def petition_check(
    *, channel: str, subject: str, content: str, petitioners: list[PersonData], received_at: datetime | None,
    letter_date: date | None, source_agency: str, files: list[UploadedFile] | None,
) -> Checked:
    """Every check intake makes before it writes (staged citizens' submissions make the same ones); raises
    ValidationError saying what is wrong."""
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Nguồn đơn không hợp lệ.")})
    if channel == Channel.FORWARDED and not source_agency.strip():
        raise ValidationError({"source_agency": _("Đơn do cơ quan khác chuyển đến phải ghi tên cơ quan chuyển.")})
    repaired = repair(content)
    text = to_nfc(repaired.text)
    subject = to_nfc(subject)
    if not text:
        raise ValidationError({"content": _("Nội dung đơn không được để trống.")})
    if not subject:
        subject = text.split("\n", 1)[0][:200]
    now = timezone.now()
    received_at = received_at or now
    if received_at > now + timedelta(minutes=5):
        raise ValidationError({"received_at": _("Ngày nhận đơn không thể ở tương lai.")})
    if letter_date and letter_date > timezone.localdate(received_at):
        raise ValidationError({"letter_date": _("Ngày ghi trên đơn không thể sau ngày nhận đơn.")})
    checked_files = [uploads.check_upload(f) for f in files or []]
    uploads.check_count(len(checked_files))
    content_hash = hashlib.sha256(fold(text).encode()).hexdigest()
    fingerprint = hashlib.sha256(f"{_person_key(petitioners)}\n{content_hash}".encode()).hexdigest()
    return Checked(subject, text, repaired.detected, received_at, checked_files, content_hash, fingerprint)


def petition_receive(
    *,
    channel: str,
    unit: Unit,
    subject: str,
    content: str,
    petitioners: list[PersonData],
    received_at: datetime | None = None,
    letter_date: date | None = None,
    decision_text: str = "",
    request_text: str = "",
    province_code: int | None = None,
    ward_code: int | None = None,
    place_text: str = "",
    signed: bool = True,
    source_agency: str = "",
    source_reference: str = "",
    files: list[UploadedFile] | None = None,
    saved_files: list[uploads.SavedFile] | None = None,
    idempotency_key: str | None = None,
    tracking: tuple[str, str] | None = None,
    by: User | None = None,
) -> Receipt:
    """Take in one petition from any channel.

    Validation runs before anything is written; on error a ValidationError says what is wrong and nothing
    is stored. A retry (the same idempotency key, or the same content from the same person within
    RETRY_WINDOW) returns the first petition with `created=False` and no new secret.
    A citizen's submission registered after it was acknowledged (danvan.petitions.submissions) brings its
    files already saved and its tracking code and secret digest (`tracking`); no new secret is drawn.
    """
    checked = petition_check(channel=channel, subject=subject, content=content, petitioners=petitioners,
                     received_at=received_at, letter_date=letter_date, source_agency=source_agency, files=files)
    received_at = checked.received_at
    if idempotency_key:
        first = Petition.objects.filter(idempotency_key=idempotency_key).first()
        if first is not None:
            return Receipt(first, None, created=False)
    recent = Petition.objects.filter(
        fingerprint=checked.fingerprint,
        received_at__range=(received_at - RETRY_WINDOW, received_at + RETRY_WINDOW),
    ).first()
    if recent is not None:
        return Receipt(recent, None, created=False)

    secret = None if tracking else new_secret()
    code, secret_hash = tracking or (unused_code(), secret_digest(secret or ""))
    deadline = processing_deadline(timezone.localdate(received_at))
    due, explained = deadline.due, deadline.explain()
    text = checked.text
    petition = Petition(
        code=code, secret_hash=secret_hash, channel=channel,
        source_agency=to_nfc(source_agency), source_reference=to_nfc(source_reference), unit=unit,
        received_at=received_at, letter_date=letter_date, subject=checked.subject[:500], content=text,
        content_original=content if content != text else "", decision_text=to_nfc(decision_text),
        request_text=to_nfc(request_text), search_text=fold(f"{checked.subject}\n{text}"),
        province_code=province_code, ward_code=ward_code, place_text=to_nfc(place_text), signed=signed,
        anonymous=not petitioners, processing_due=due, processing_due_explained=explained,
        idempotency_key=idempotency_key or None, content_hash=checked.content_hash, fingerprint=checked.fingerprint,
    )
    _suggest(petition)
    try:
        with transaction.atomic():
            petition.save()
            for order, data in enumerate(petitioners):
                Petitioner.objects.create(
                    petition=petition, person=_person_get_or_create(data),
                    is_representative=data.is_representative, order=order,
                )
            saved = [*(saved_files or []), *(uploads.upload_save(f) for f in checked.files)]
            for file in saved:
                uploads.attachment_record(petition=petition, saved=file)
            matches = _record_links(petition, duplicates.petition_find_duplicates(petition))
            audit_record(
                action="petition.receive", obj=petition, by=by, actor_label="" if by else "citizen",
                data={"channel": channel, "code": petition.code, "repaired_from": checked.repaired_from,
                      "attachments": len(saved), "duplicates": len(matches)},
            )
    except IntegrityError:
        # Two retries raced past the check above; the idempotency key's unique index let one through.
        if idempotency_key:
            first = Petition.objects.filter(idempotency_key=idempotency_key).first()
            if first is not None:
                return Receipt(first, None, created=False)
        raise
    return Receipt(petition, secret, created=True, duplicates=matches)


SUPPLEMENT_MAX_CHARS = 5000


def supplement_allowed(petition: Petition) -> bool:
    """A petitioner may add to a petition while the desk handles it, or while the matter it opened is being
    resolved; after that, what is new is a new petition."""
    if petition.is_open:
        return True
    return petition.matter is not None and petition.matter.state not in CLOSED_STATES


# What an official records for the petitioner: what came by post, to the desk, by e-mail or telephone.
SUPPLEMENT_STAFF_CHANNELS = (Channel.POST, Channel.DESK, Channel.EMAIL, Channel.HOTLINE)


def petition_supplement(
    *, petition: Petition, text: str, files: list[UploadedFile] | None = None, idempotency_key: str | None = None,
    channel: str = Channel.PORTAL, by: User | None = None,
) -> tuple[Supplement, bool]:
    """Add what the petitioner sends after submitting: text, files or both; returns it and whether this call
    stored it. The citizen adds from the portal or the API; an official (`by`) records what came another way
    (`channel`). Raises ValidationError (nothing stored) when the petition no longer takes additions or the
    input is refused. A retry with the same key returns the first supplement, not stored again."""
    if channel not in ((Channel.PORTAL, Channel.API) if by is None else SUPPLEMENT_STAFF_CHANNELS):
        raise ValidationError({"channel": _("Nguồn nhận bổ sung không hợp lệ.")})
    if first := _supplement_retried(petition, idempotency_key):
        return first, False
    if not supplement_allowed(petition):
        raise ValidationError(_("Đơn đã được xử lý xong nên không nhận bổ sung; nếu có nội dung mới, xin gửi đơn "
                                "mới."))
    text = _supplement_text(text)
    checked = [uploads.check_upload(f) for f in files or []]
    uploads.check_count(len(checked))
    if not text and not checked:
        raise ValidationError(_("Hãy ghi nội dung bổ sung hoặc chọn tệp gửi kèm."))
    return _supplement_store(petition=petition, kind=Supplement.Kind.ADDITION, text=text, checked=checked,
                             idempotency_key=idempotency_key, action="petition.supplement", channel=channel, by=by)


def petition_withdrawal_request(
    *, petition: Petition, reason: str = "", idempotency_key: str | None = None,
) -> tuple[Supplement, bool]:
    """The petitioner asks to withdraw the petition (or the complaint or denunciation it opened). Only a
    request: the law wants the withdrawal in writing, signed, and the desk records it through the matter's
    "withdraw" step. A second request answers with the first."""
    if first := _supplement_retried(petition, idempotency_key):
        return first, False
    if not supplement_allowed(petition):
        raise ValidationError(_("Đơn đã được xử lý xong; không còn việc giải quyết nào để rút."))
    if earlier := petition.supplements.filter(kind=Supplement.Kind.WITHDRAWAL).first():
        return earlier, False
    return _supplement_store(petition=petition, kind=Supplement.Kind.WITHDRAWAL, text=_supplement_text(reason),
                             checked=[], idempotency_key=idempotency_key, action="petition.withdrawal_request",
                             channel=Channel.PORTAL)


def _supplement_retried(petition: Petition, idempotency_key: str | None) -> Supplement | None:
    if not idempotency_key:
        return None
    first = Supplement.objects.filter(idempotency_key=idempotency_key).first()
    if first is not None and first.petition_id != petition.pk:
        raise ValidationError(_("Mã gửi không hợp lệ; xin tải lại trang rồi gửi lại."))
    return first


def _supplement_text(text: str) -> str:
    if "\x00" in text:  # PostgreSQL refuses it in text; the forms refuse it before, the JSON API does not
        raise ValidationError({"text": _("Nội dung có ký tự NUL, không dùng được ở đây.")})
    text = to_nfc(repair(text).text)
    if len(text) > SUPPLEMENT_MAX_CHARS:
        raise ValidationError({"text": _("Nội dung bổ sung dài quá %(n)s ký tự.") % {"n": SUPPLEMENT_MAX_CHARS}})
    return text


def _supplement_store(
    *, petition: Petition, kind: str, text: str, checked: list[uploads.CheckedUpload], idempotency_key: str | None,
    action: str, channel: str, by: User | None = None,
) -> tuple[Supplement, bool]:
    try:
        with transaction.atomic():
            now = timezone.now()
            supplement = Supplement.objects.create(
                petition=petition, kind=kind, text=text, received_at=now, channel=channel, recorded_by=by,
                read_at=now if by else None, idempotency_key=idempotency_key or None)
            for upload in checked:
                uploads.attachment_record(petition=petition, saved=uploads.upload_save(upload), supplement=supplement)
            audit_record(action=action, obj=petition, by=by, actor_label="" if by else "citizen",
                         data={"supplement": supplement.pk, "channel": channel, "characters": len(text),
                               "attachments": len(checked)})
            if by is None:  # an official who records it knows already
                supplement_notify.enqueue(supplement_id=supplement.pk)
    except IntegrityError:
        # Two posts of one form raced past the check above; the key's unique index let one through.
        if idempotency_key and (first := Supplement.objects.filter(idempotency_key=idempotency_key).first()):
            return first, False
        raise
    return supplement, True


def supplements_read(*, petition: Petition, by: User) -> int:
    """Mark what the petitioner sent as read once an official who handles the petition has opened it; returns
    how many were new."""
    if not by.has_perm("petitions.process_petition", petition):
        return 0
    return Supplement.objects.filter(petition=petition, read_at__isnull=True).update(read_at=timezone.now())


def _record_links(petition: Petition, matches: list[duplicates.Match]) -> list[duplicates.Match]:
    """Record found duplicates as unconfirmed links; a link already there keeps the handler's word."""
    PetitionLink.objects.bulk_create(
        [PetitionLink(petition=petition, other_id=m.petition_id, kind=m.kind, score=m.score) for m in matches],
        ignore_conflicts=True)
    return matches


def _require_open(petition: Petition) -> None:
    if not petition.is_open:
        raise ValidationError(
            _("Đơn %(code)s đã được xử lý (%(status)s); không thể thay đổi.")
            % {"code": petition.code, "status": petition.get_status_display()}
        )


@transaction.atomic
def petition_classify(*, petition: Petition, by: User, kind: str, field: Field | None, note: str = "") -> Petition:
    """Record the handler's classification by content (Circular 05/2021 Art. 6)."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require_open(petition)
    if kind not in Kind.values or kind == Kind.UNCLASSIFIED:
        raise ValidationError({"kind": _("Chọn loại đơn: khiếu nại, tố cáo, kiến nghị phản ánh hoặc nhiều nội dung.")})
    before = {"kind": petition.kind, "field": petition.field.code if petition.field else None}
    petition.kind = kind
    petition.field = field
    petition.status = Status.CLASSIFIED
    petition.save(update_fields=["kind", "field", "status", "updated_at"])
    audit_record(action="petition.classify", obj=petition, by=by, data={
        "before": before, "kind": kind, "field": field.code if field else None, "note": note,
        "agreed_with_suggestion": kind == petition.suggested_kind,
    })
    return petition


@transaction.atomic
def petition_assign(*, petition: Petition, by: User, assignee: User) -> Petition:
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require_open(petition)
    petition.assigned_to = assignee
    petition.save(update_fields=["assigned_to", "updated_at"])
    audit_record(action="petition.assign", obj=petition, by=by, data={"assignee": assignee.pk})
    return petition


class Outcome:
    ACCEPT = "accept"
    ANSWER = "answer"
    GUIDE = "guide"
    FORWARD = "forward"
    ARCHIVE = "archive"

    STATUS = {ACCEPT: Status.ACCEPTED, ANSWER: Status.ANSWERED, GUIDE: Status.GUIDED, FORWARD: Status.FORWARDED,
              ARCHIVE: Status.ARCHIVED}
    choices = [(ACCEPT, gettext_lazy("Đề xuất thụ lý (mở vụ việc)")), (ANSWER, gettext_lazy("Trả lời")),
               (GUIDE, gettext_lazy("Hướng dẫn")), (FORWARD, gettext_lazy("Chuyển đơn")), (ARCHIVE, gettext_lazy("Lưu đơn"))]


@transaction.atomic
def petition_decide(
    *, petition: Petition, by: User, outcome: str, reason: str = "", target: str = "", answer_text: str = "",
    decided_at: datetime | None = None,
) -> Petition:
    """Close processing with one outcome (Circular 05/2021): accept, answer, guide, forward or archive.

    Accepting proposes the petition for resolution: it needs a complaint or denunciation that passes the
    eligibility checks, and opens the matter whose own workflow decides acceptance (danvan.matters). An
    anonymous denunciation is not handled as a denunciation but, when its content is concrete, is opened
    as an anonymous report for the agency to inspect (Law on Denunciations Art. 25).
    Guiding and forwarding name the competent body; archiving and answering give their reason.
    `decided_at` records a decision made earlier (entered after the fact, from the signed paper); it may not
    precede the petition's receipt or lie in the future. The audit event keeps when it was entered.
    """
    from danvan.petitions.eligibility import check_eligibility

    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require_open(petition)
    if outcome not in Outcome.STATUS:
        raise ValidationError({"outcome": _("Hướng xử lý không hợp lệ.")})
    now = timezone.now()
    decided_at = decided_at or now
    if decided_at > now or decided_at < petition.received_at:
        raise ValidationError({"decided_at": _("Ngày xử lý phải từ ngày nhận đơn đến hôm nay.")})
    reason = reason.strip()
    target = target.strip()
    if petition.kind == Kind.UNCLASSIFIED:
        raise ValidationError(_("Phải phân loại đơn trước khi quyết định hướng xử lý."))
    if outcome in (Outcome.GUIDE, Outcome.FORWARD) and not target:
        raise ValidationError({"target": _("Ghi rõ cơ quan có thẩm quyền giải quyết.")})
    if outcome in (Outcome.ARCHIVE, Outcome.ANSWER) and not (reason or answer_text.strip()):
        raise ValidationError({"reason": _("Ghi rõ lý do.")})
    if outcome == Outcome.FORWARD and petition.kind == Kind.COMPLAINT:
        raise ValidationError({"outcome": _(
            "Đơn khiếu nại không thuộc thẩm quyền thì hướng dẫn người khiếu nại, không chuyển đơn "
            "(Thông tư 05/2021/TT-TTCP)."
        )})
    if outcome in (Outcome.GUIDE, Outcome.FORWARD):
        earlier = _earlier_same_outcome(petition, outcome)
        if earlier:
            raise ValidationError({"outcome": _(
                "Nội dung này đã được %(what)s một lần (đơn %(code)s); đơn trùng thì lưu đơn."
            ) % {"what": _("hướng dẫn") if outcome == Outcome.GUIDE else _("chuyển"), "code": earlier}})
    matter = None
    if outcome == Outcome.ACCEPT:
        if petition.kind not in (Kind.COMPLAINT, Kind.DENUNCIATION):
            raise ValidationError({"outcome": _(
                "Chỉ đơn khiếu nại hoặc tố cáo mới được thụ lý; đơn nhiều nội dung cần tách, kiến nghị phản ánh thì trả lời "
                "hoặc chuyển."
            )})
        problems = check_eligibility(petition)
        if petition.kind == Kind.DENUNCIATION and petition.anonymous:
            problems = [p for p in problems if p.code not in ANONYMOUS_MAY_LACK]
        if problems:
            raise ValidationError([_("Đơn chưa đủ điều kiện thụ lý:"), *[p.message for p in problems]])
        matter = matter_open(petition=petition, by=by)
        petition.matter = matter
    petition.status = Outcome.STATUS[outcome]
    petition.outcome_reason = reason
    petition.outcome_target = target
    petition.answer_text = answer_text.strip()
    petition.decided_at = decided_at
    petition.decided_by = by
    petition.save()
    decided_on = timezone.localdate(decided_at)
    audit_record(action=f"petition.{outcome}", obj=petition, by=by, data={
        "reason": reason, "target": target, "matter": matter.code if matter else None,
        "overdue": bool(petition.processing_due and decided_on > petition.processing_due),
        **({"decided_on": decided_on.isoformat()} if decided_at != now else {}),
    })
    return petition


def _earlier_same_outcome(petition: Petition, outcome: str) -> str | None:
    """A content is guided or forwarded once; a duplicate of one already sent on is archived."""
    linked = PetitionLink.objects.filter(petition=petition, kind=PetitionLink.Kind.DUPLICATE).values("other_id")
    earlier = Petition.objects.filter(pk__in=linked, status=Outcome.STATUS[outcome]).values_list("code", flat=True)
    return next(iter(earlier), None)


@transaction.atomic
def petition_link(*, petition: Petition, other: Petition, kind: str, by: User) -> PetitionLink:
    """Confirm (or add) a link between two petitions in both directions; nothing is merged or lost."""
    if petition.pk == other.pk:
        raise ValidationError(_("Không thể liên kết đơn với chính nó."))
    if kind not in PetitionLink.Kind.values:
        raise ValidationError({"kind": _("Loại liên kết không hợp lệ.")})
    link, _created = PetitionLink.objects.update_or_create(
        petition=petition, other=other, defaults={"kind": kind, "confirmed": True}
    )
    PetitionLink.objects.update_or_create(petition=other, other=petition, defaults={"kind": kind, "confirmed": True})
    audit_record(action="petition.link", obj=petition, by=by, data={"other": other.code, "kind": kind})
    return link


def petition_recompute_deadlines() -> int:
    """Recompute the processing time limit of every open petition (after a calendar change).

    Petitions received on one day share one time limit, so each day is computed once; rows are written in
    chunks. Returns the number of petitions whose time limit changed.
    """
    by_day: dict[date, tuple[date, dict[str, Any]]] = {}
    changed: list[Petition] = []
    open_petitions = Petition.objects.open().only("id", "received_at", "processing_due")
    for petition in open_petitions.iterator(chunk_size=5000):
        day = timezone.localdate(petition.received_at)
        if day not in by_day:
            deadline = processing_deadline(day)
            by_day[day] = deadline.due, deadline.explain()
        due, explained = by_day[day]
        if due != petition.processing_due:
            petition.processing_due, petition.processing_due_explained = due, explained
            changed.append(petition)
    Petition.objects.bulk_update(changed, ["processing_due", "processing_due_explained"], batch_size=2000)
    return len(changed)


@transaction.atomic
def petition_record_duplicates(*, petition: Petition, by: User) -> list[duplicates.Match]:
    """Search for duplicates on demand and record each as an unconfirmed link for the handler to review."""
    matches = _record_links(petition, duplicates.petition_find_duplicates(petition))
    audit_record(action="petition.find_duplicates", obj=petition, by=by, data={"found": [m.code for m in matches]})
    return matches
