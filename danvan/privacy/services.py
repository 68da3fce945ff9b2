"""Writes of the privacy app: a person's requests (a copy of their data, erasure), and the retention run.

Identity is replaced, never the record: a petition, a visit in the reception book or a refusal stays (it
is an archive and feeds the statistics) while the name, ID number, phone, e-mail and address in it give
way to a stable pseudonym and scans that show the person are erased. Audit events record what was done
to which record, never the identity itself.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.matters.models import Matter, MatterRecord
from danvan.matters.workflow import CLOSED_STATES
from danvan.org.models import User
from danvan.people.models import Person
from danvan.petitions.models import OPEN_STATUSES, Attachment, Petition, Petitioner, Supplement
from danvan.privacy.models import PrivacyRequest, Pseudonym, RetentionDone
from danvan.privacy.people import person_create
from danvan.privacy.policy import RetentionRule, retention_policy
from danvan.privacy.selectors import (
    PROTECTED_KINDS,
    PersonRecords,
    person_records,
    petition_retention_start,
    petition_rule,
)
from danvan.reception.models import Refusal, Visit
from textmining.normalize import fold

_PSEUDONYM_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


# --- pseudonyms ------------------------------------------------------------------------------------


def _source_key(raw: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), raw.encode(), hashlib.sha256).hexdigest()


def _identity_key(*, id_number: str = "", person_id: int | None = None, fallback: str = "") -> str:
    if id_number:
        return f"id:{id_number}"
    if person_id is not None:
        return f"person:{person_id}"
    return fallback


def _pseudonym(raw_key: str) -> Pseudonym:
    """The pseudonym for one identity, made once (random, so it cannot be reversed) and then reused."""
    key = _source_key(raw_key)
    found = Pseudonym.objects.filter(source_key=key).first()
    if found is not None:
        return found
    while True:
        name = "Ẩn danh " + "".join(secrets.choice(_PSEUDONYM_ALPHABET) for _ in range(8))
        if not Pseudonym.objects.filter(pseudonym=name).exists():
            return Pseudonym.objects.create(source_key=key, pseudonym=name)


def _placeholder(person: Person) -> tuple[Person, Pseudonym]:
    """The person row that stands in for `person` on pseudonymized records (kind and province kept for
    statistics; nothing that identifies)."""
    pseudonym = _pseudonym(_identity_key(id_number=person.id_number, person_id=person.pk))
    if pseudonym.placeholder_id is None:
        placeholder = person_create(kind=person.kind, full_name=pseudonym.pseudonym,
                                    province_code=person.province_code)
        pseudonym.placeholder = placeholder
        pseudonym.save(update_fields=["placeholder"])
    assert pseudonym.placeholder is not None
    return pseudonym.placeholder, pseudonym


def _is_placeholder(person: Person) -> bool:
    return Pseudonym.objects.filter(placeholder=person).exists()


def _scrub(text: str, needles: list[str], replacement: str) -> str:
    """Replace each identifying string (name, ID number, phone, e-mail) in free text, ignoring case."""
    for needle in sorted({n.strip() for n in needles if n and len(n.strip()) >= 3}, key=len, reverse=True):
        text = re.sub(re.escape(needle), replacement, text, flags=re.IGNORECASE)
    return text


def _needles(person: Person) -> list[str]:
    return [person.full_name, person.representative_name, person.id_number, person.phone, person.email,
            person.address]


def _done(obj: Any, rule: str, action: str) -> None:
    RetentionDone.objects.get_or_create(object_type=obj._meta.label_lower, object_id=str(obj.pk),
                                        defaults={"rule": rule, "action": action, "at": timezone.now()})


def _already_done(obj: Any) -> bool:
    return RetentionDone.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).exists()


# --- pseudonymizing one record ---------------------------------------------------------------------


def _petition_pseudonymize(petition: Petition, rule: str) -> int:
    """Replace every petitioner of one petition by their placeholder, scrub their identifiers from the
    petition's texts (and its matter's records), and erase its attachments. Returns files erased."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    texts = {f: getattr(petition, f) for f in ("subject", "content", "decision_text", "request_text")}
    matter_records = list(MatterRecord.objects.filter(matter_id=petition.matter_id)) if petition.matter_id else []
    supplements = list(Supplement.objects.filter(petition=petition))
    for link in Petitioner.objects.filter(petition=petition).select_related("person"):
        person = link.person
        if _is_placeholder(person):
            continue
        placeholder, pseudonym = _placeholder(person)
        needles = _needles(person)
        texts = {f: _scrub(t, needles, pseudonym.pseudonym) for f, t in texts.items()}
        for record in matter_records:
            record.text = _scrub(record.text, needles, pseudonym.pseudonym)
        for supplement in supplements:
            supplement.text = _scrub(supplement.text, needles, pseudonym.pseudonym)
        link.person = placeholder
        link.save(update_fields=["person"])
    for field_name, text in texts.items():
        setattr(petition, field_name, text)
    petition.subject = petition.subject[:500]
    # The text as it first arrived (legacy encodings) is the least scrubbable copy: it goes.
    petition.content_original = ""
    petition.search_text = fold(f"{petition.subject}\n{petition.content}")
    petition.save(update_fields=["subject", "content", "decision_text", "request_text", "content_original",
                                 "search_text", "updated_at"])
    for record in matter_records:
        record.save(update_fields=["text"])
    for supplement in supplements:
        supplement.save(update_fields=["text"])
    erased = 0
    for attachment in Attachment.objects.filter(petition=petition):
        attachment.file.delete(save=False)
        attachment.delete()
        erased += 1
    _done(petition, rule, "pseudonymize")
    return erased


def _visit_pseudonymize(visit: Visit, rule: str) -> None:
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    needles = [visit.full_name, visit.id_number, visit.address]
    if visit.person is not None and not _is_placeholder(visit.person):
        placeholder, pseudonym = _placeholder(visit.person)
        needles += _needles(visit.person)
        visit.person = placeholder
    else:
        pseudonym = _pseudonym(_identity_key(id_number=visit.id_number, fallback=f"visit:{visit.pk}"))
    name = pseudonym.pseudonym
    visit.full_name = name
    visit.id_number = ""
    visit.address = ""
    for field_name in ("content", "follow_up", "notes"):
        setattr(visit, field_name, _scrub(getattr(visit, field_name), needles, name))
    visit.save(update_fields=["person", "full_name", "id_number", "address", "content", "follow_up", "notes"])
    for rep in visit.representatives.all():
        rep_name = _pseudonym(_identity_key(id_number=rep.id_number, fallback=f"representative:{rep.pk}")).pseudonym
        rep.full_name, rep.id_number = rep_name, ""
        rep.save(update_fields=["full_name", "id_number"])
    _done(visit, rule, "pseudonymize")


def _refusal_pseudonymize(refusal: Refusal, rule: str) -> None:
    refusal = Refusal.objects.select_for_update().get(pk=refusal.pk)
    name = _pseudonym(_identity_key(id_number=refusal.id_number, fallback=f"refusal:{refusal.pk}")).pseudonym
    refusal.note = _scrub(refusal.note, [refusal.full_name, refusal.id_number], name)
    refusal.full_name, refusal.id_number = name, ""
    refusal.save(update_fields=["full_name", "id_number", "note"])
    _done(refusal, rule, "pseudonymize")


def _person_erase_if_orphan(person: Person) -> bool:
    """Delete a person no record points to any more; a placeholder stays while it stands in for anyone."""
    if person.petitions.exists() or person.reception_visits.exists():
        return False
    Pseudonym.objects.filter(placeholder=person).update(placeholder=None)
    person.delete()
    return True


# --- a person's requests ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal_:
    """Why one record keeps the person's identity: what it is, the reason, and the law."""

    record: str
    reason: str
    citation: str
    confidence: str

    def as_dict(self) -> dict[str, str]:
        return {"record": self.record, "reason": self.reason, "citation": self.citation, "confidence": self.confidence}


def _retained(rule: RetentionRule, start: date | None, today: date) -> date | None:
    """The day retention ends if it has not yet ended; None when it has."""
    ends = rule.expires_on(start)
    if ends is None or ends > today:
        return ends or date.max
    return None


def erasure_refusals(records: PersonRecords, today: date | None = None) -> list[Refusal_]:
    """Every reason the law gives to keep this person's identity today; empty when erasure is allowed."""
    today = today or timezone.localdate()
    policy = retention_policy()
    found: list[Refusal_] = []
    for petition in records.petitions:
        rule = petition_rule(petition)
        record = _("Đơn %(code)s") % {"code": petition.code}
        if rule.on_request == "refuse":
            if rule.code == "petition.open":
                reason = _("Đơn đang được xử lý; cơ quan cần thông tin người gửi để xử lý và trả lời.")
            else:
                reason = _("Hồ sơ tố cáo được quản lý theo chế độ mật và lưu giữ theo Luật Tố cáo; không xóa theo yêu cầu.")
            found.append(Refusal_(record, reason, rule.citation, rule.confidence))
        elif rule.on_request == "refuse_while_retained":
            start = petition_retention_start(petition, rule)
            matter = petition.matter
            if start is None and matter is not None and matter.state not in CLOSED_STATES:
                found.append(Refusal_(record, _("Vụ việc %(m)s chưa kết thúc.") % {"m": matter.code}, rule.citation,
                                      rule.confidence))
                continue
            ends = _retained(rule, start, today)
            if ends is not None:
                found.append(Refusal_(record, _("Hồ sơ phải được lưu trữ đến ngày %(d)s.") % {
                    "d": "—" if ends == date.max else f"{ends:%d/%m/%Y}"}, rule.citation, rule.confidence))
    for visit in records.visits:
        rule = policy["reception.visit"]
        ends = _retained(rule, visit.visited_on, today)
        if ends is not None and not _already_done(visit):
            found.append(Refusal_(
                _("Sổ tiếp công dân, số %(n)s ngày %(d)s") % {"n": visit.number, "d": f"{visit.visited_on:%d/%m/%Y}"},
                _("Sổ tiếp công dân là tài liệu lưu trữ, phải giữ đến ngày %(d)s.") % {"d": f"{ends:%d/%m/%Y}"},
                rule.citation, rule.confidence))
    for refusal in records.refusals:
        rule = policy["reception.refusal"]
        ends = _retained(rule, refusal.on, today)
        if ends is not None and not _already_done(refusal):
            found.append(Refusal_(
                _("Biên bản từ chối tiếp ngày %(d)s") % {"d": f"{refusal.on:%d/%m/%Y}"},
                _("Phải giữ đến ngày %(d)s.") % {"d": f"{ends:%d/%m/%Y}"}, rule.citation, rule.confidence))
    return found


def _person_label(person: Person) -> str:
    return person.full_name if not person.id_number else f"{person.full_name} ({person.id_number})"


@transaction.atomic
def privacy_request_create(*, person: Person, kind: str, by: User, note: str = "") -> PrivacyRequest:
    """Record a person's request (they asked in writing or at the desk; the official checked who they are)."""
    if kind not in PrivacyRequest.Kind.values:
        raise ValidationError({"kind": _("Loại yêu cầu không hợp lệ.")})
    if _is_placeholder(person):
        raise ValidationError(_("Người này đã được ẩn danh hóa; không còn dữ liệu để cung cấp hay xóa."))
    request = PrivacyRequest.objects.create(kind=kind, person=person, requester_label=_person_label(person)[:255],
                                            note=note.strip(), received_by=by)
    audit_record(action="privacy.request", obj=request, by=by, data={"kind": kind, "person": person.pk})
    return request


def person_export(*, person: Person, by: User | None) -> dict[str, Any]:
    """Everything the agency holds about one person, as JSON-ready data (Decree 13/2023 Art. 9 cl. 4, Art. 14).

    The person's own petitions are theirs to see, a denouncer's included; other people's identities in
    the same records are not exported (co-petitioners are counted, not named). Audited.
    """
    records = person_records(person)
    data: dict[str, Any] = {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "person": {
            "full_name": person.full_name, "kind": person.kind, "representative_name": person.representative_name,
            "id_number": person.id_number, "phone": person.phone, "email": person.email, "address": person.address,
            "province_code": person.province_code, "ward_code": person.ward_code,
            "created_at": person.created_at.isoformat(timespec="seconds"),
        },
        "petitions": [
            {
                "code": p.code, "received_at": p.received_at.isoformat(timespec="seconds"), "channel": p.channel,
                "unit": p.unit.name, "subject": p.subject, "content": p.content, "decision_text": p.decision_text,
                "request_text": p.request_text, "place_text": p.place_text, "status": p.status,
                "status_label": str(p.get_status_display()), "outcome_reason": p.outcome_reason,
                "outcome_target": p.outcome_target, "answer_text": p.answer_text,
                "matter": p.matter.code if p.matter else None,
                "co_petitioners": p.petitioners.exclude(person=person).count(),
                "attachments": [{"name": a.original_name, "size": a.size, "content_type": a.content_type}
                                for a in p.attachments.all()],
                "supplements": [{"received_at": s.received_at.isoformat(timespec="seconds"), "kind": s.kind,
                                 "text": s.text} for s in p.supplements.all()],
            }
            for p in records.petitions
        ],
        "reception_visits": [
            {"date": v.visited_on.isoformat(), "number": v.number, "full_name": v.full_name, "id_number": v.id_number,
             "address": v.address, "content": v.content, "handling": v.handling, "handling_target": v.handling_target}
            for v in records.visits
        ],
        "reception_refusals": [
            {"date": r.on.isoformat(), "full_name": r.full_name, "ground": r.ground_text, "citation": r.citation}
            for r in records.refusals
        ],
        "requests": [
            {"kind": r.kind, "status": r.status, "received_at": r.received_at.isoformat(timespec="seconds"),
             "reasons": r.reasons}
            for r in records.requests
        ],
    }
    audit_record(action="privacy.export", obj=person, by=by, actor_label="" if by else "system", data={
        "petitions": len(records.petitions), "visits": len(records.visits), "refusals": len(records.refusals)})
    return data


def export_summary(data: dict[str, Any]) -> str:
    """The export as a letter a person can read (plain text, Vietnamese)."""
    person = data["person"]
    lines = [
        "DỮ LIỆU CÁ NHÂN DO CƠ QUAN LƯU GIỮ",
        f"Lập lúc: {data['generated_at']}",
        "",
        f"Họ và tên: {person['full_name']}",
        f"Số định danh cá nhân: {person['id_number'] or '—'}",
        f"Điện thoại: {person['phone'] or '—'}    Thư điện tử: {person['email'] or '—'}",
        f"Địa chỉ: {person['address'] or '—'}",
        "",
        f"Đơn đã gửi: {len(data['petitions'])}",
    ]
    for p in data["petitions"]:
        lines.append(f"  - {p['code']} (nhận {p['received_at'][:10]}, {p['unit']}): {p['subject']} — {p['status_label']}")
        if p["answer_text"]:
            lines.append(f"    Trả lời: {p['answer_text']}")
        if p["attachments"]:
            lines.append(f"    Tài liệu kèm theo: {', '.join(a['name'] for a in p['attachments'])}")
        lines += [f"    Bổ sung ngày {s['received_at'][:10]}: {s['text']}" for s in p["supplements"]]
    lines.append(f"Lượt tiếp công dân: {len(data['reception_visits'])}")
    lines += [f"  - {v['date']}, số {v['number']}: {v['content'][:200]}" for v in data["reception_visits"]]
    lines.append(f"Trường hợp từ chối tiếp: {len(data['reception_refusals'])}")
    lines += [f"  - {r['date']}: {r['ground']}" for r in data["reception_refusals"]]
    lines += ["", "Dữ liệu được xử lý để tiếp nhận, giải quyết đơn theo Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo "
              "và được lưu giữ theo thời hạn của pháp luật về lưu trữ (Nghị định 13/2023/NĐ-CP)."]
    return "\n".join(lines) + "\n"


@transaction.atomic
def privacy_request_decide(*, request: PrivacyRequest, by: User, today: date | None = None) -> PrivacyRequest:
    """Carry out a request, or refuse it with the reasons the law gives.

    Export: done; the data is produced on download (person_export), never stored in the request.
    Erasure: refused when any record must keep the identity (an open petition or matter, a denunciation
    file, a record under its retention period); otherwise each record is pseudonymized, attachments are
    erased and the person row itself is deleted.
    """
    request = PrivacyRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != PrivacyRequest.Status.RECEIVED:
        raise ValidationError(_("Yêu cầu này đã được xử lý."))
    person = request.person
    if person is None:
        raise ValidationError(_("Không còn dữ liệu của người yêu cầu."))
    records = person_records(person)
    request.decided_by, request.decided_at = by, timezone.now()
    if request.kind == PrivacyRequest.Kind.EXPORT:
        request.status = PrivacyRequest.Status.DONE
        request.result = {"petitions": len(records.petitions), "visits": len(records.visits),
                          "refusals": len(records.refusals)}
        request.save()
        audit_record(action="privacy.request_done", obj=request, by=by, data={"kind": request.kind})
        return request
    refusals = erasure_refusals(records, today)
    if refusals:
        request.status = PrivacyRequest.Status.REFUSED
        request.reasons = [r.as_dict() for r in refusals]
        request.save()
        audit_record(action="privacy.request_refused", obj=request, by=by, data={
            "kind": request.kind, "reasons": len(refusals), "citations": sorted({r.citation for r in refusals})})
        return request
    files = 0
    for petition in records.petitions:
        files += _petition_pseudonymize(petition, "request")
    for visit in records.visits:
        if not _already_done(visit):
            _visit_pseudonymize(visit, "request")
    for refusal in records.refusals:
        if not _already_done(refusal):
            _refusal_pseudonymize(refusal, "request")
    pseudonym = _pseudonym(_identity_key(id_number=person.id_number, person_id=person.pk)).pseudonym
    erased = _person_erase_if_orphan(person)
    if erased:
        request.person = None
    request.status = PrivacyRequest.Status.DONE
    request.requester_label = pseudonym
    request.note = ""
    request.result = {"petitions": len(records.petitions), "visits": len(records.visits),
                      "refusals": len(records.refusals), "files_erased": files, "person_erased": erased}
    request.save()
    audit_record(action="privacy.erase", obj=request, by=by, data=request.result)
    return request


# --- the retention run -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """One thing the retention run does (or would do): no personal data, so it can be listed and logged."""

    rule: str
    action: str
    object_type: str
    object_id: int
    label: str
    expired_on: date


def _cutoff(rule: RetentionRule, today: date) -> date:
    """Records that started on or before this day are past their retention today."""
    assert rule.years is not None
    try:
        return today.replace(year=today.year - rule.years)
    except ValueError:
        return today.replace(year=today.year - rule.years, day=28)


def _done_ids(model: type[Any]) -> set[str]:
    return set(RetentionDone.objects.filter(object_type=model._meta.label_lower).values_list("object_id", flat=True))


def retention_plan(*, today: date | None = None) -> list[Planned]:
    """What the retention policy requires today, oldest first; records already handled are skipped."""
    today = today or timezone.localdate()
    policy = retention_policy()
    plan: list[Planned] = []
    done = _done_ids(Petition)

    closed = policy["petition.closed"]
    candidates = (Petition.objects.filter(matter__isnull=True, decided_at__isnull=False)
                  .exclude(status__in=OPEN_STATUSES).exclude(kind__in=PROTECTED_KINDS)
                  .filter(decided_at__date__lte=_cutoff(closed, today)).select_related("matter"))
    complaint = policy["matter.complaint"]
    closed_matters = Matter.objects.filter(kind=Matter.Kind.COMPLAINT, state__in=CLOSED_STATES,
                                           closed_on__lte=_cutoff(complaint, today))
    candidates_matter = (Petition.objects.filter(matter__in=closed_matters).exclude(kind__in=PROTECTED_KINDS)
                         .select_related("matter"))
    for petition in [*candidates, *candidates_matter]:
        if str(petition.pk) in done:
            continue
        rule = petition_rule(petition)
        ends = rule.expires_on(petition_retention_start(petition, rule))
        if rule.action == "pseudonymize" and ends is not None and ends <= today:
            plan.append(Planned(rule.code, rule.action, "petitions.petition", petition.pk,
                                _("Đơn %(code)s") % {"code": petition.code}, ends))

    visit_rule = policy["reception.visit"]
    done = _done_ids(Visit)
    for visit in Visit.objects.filter(visited_on__lte=_cutoff(visit_rule, today)).select_related("unit"):
        ends = visit_rule.expires_on(visit.visited_on)
        if str(visit.pk) not in done and ends is not None:
            plan.append(Planned(visit_rule.code, visit_rule.action, "reception.visit", visit.pk,
                                _("Sổ tiếp %(u)s, số %(n)s ngày %(d)s") % {
                                    "u": visit.unit.short_name or visit.unit.code, "n": visit.number,
                                    "d": f"{visit.visited_on:%d/%m/%Y}"}, ends))

    refusal_rule = policy["reception.refusal"]
    done = _done_ids(Refusal)
    for refusal in Refusal.objects.filter(on__lte=_cutoff(refusal_rule, today)):
        ends = refusal_rule.expires_on(refusal.on)
        if str(refusal.pk) not in done and ends is not None:
            plan.append(Planned(refusal_rule.code, refusal_rule.action, "reception.refusal", refusal.pk,
                                _("Từ chối tiếp ngày %(d)s") % {"d": f"{refusal.on:%d/%m/%Y}"}, ends))

    orphan = policy["person.orphan"]
    placeholders = Pseudonym.objects.filter(placeholder__isnull=False).values("placeholder_id")
    orphans = (Person.objects.filter(petitions__isnull=True, reception_visits__isnull=True,
                                     created_at__date__lte=_cutoff(orphan, today))
               .exclude(pk__in=placeholders).distinct())
    for person in orphans:
        ends = orphan.expires_on(timezone.localdate(person.created_at))
        assert ends is not None
        plan.append(Planned(orphan.code, orphan.action, "people.person", person.pk,
                            _("Người gửi #%(id)s") % {"id": person.pk}, ends))
    plan.sort(key=lambda p: (p.expired_on, p.object_type, p.object_id))
    return plan


def retention_apply(*, today: date | None = None, by: User | None = None, dry_run: bool = False) -> list[Planned]:
    """Apply the retention policy: each planned action in its own transaction with its audit event.

    With dry_run nothing is written; the plan is returned for listing. A failure stops the run with what
    was done so far committed, and the next run picks up the rest.
    """
    plan = retention_plan(today=today)
    if dry_run:
        return plan
    for item in plan:
        with transaction.atomic():
            data: dict[str, Any] = {"rule": item.rule, "expired_on": item.expired_on}
            if item.object_type == "petitions.petition":
                data["files_erased"] = _petition_pseudonymize(Petition(pk=item.object_id), item.rule)
            elif item.object_type == "reception.visit":
                _visit_pseudonymize(Visit(pk=item.object_id), item.rule)
            elif item.object_type == "reception.refusal":
                _refusal_pseudonymize(Refusal(pk=item.object_id), item.rule)
            elif item.object_type == "people.person":
                person = Person.objects.select_for_update().filter(pk=item.object_id).first()
                if person is None or not _person_erase_if_orphan(person):
                    continue
            audit_record(action=f"privacy.retention_{item.action}", object_type=item.object_type,
                         object_id=item.object_id, by=by, actor_label="" if by else "system", data=data)
    return plan
