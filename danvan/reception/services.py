"""Writes on reception: sessions, the reception book, group visits and refusals. Each function validates
everything before it writes, owns its transaction and records one audit event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.org.models import Unit, User
from danvan.people.models import Person, id_number_validator
from danvan.petitions import services as petition_services
from danvan.petitions.duplicates import Match
from danvan.petitions.models import Field, Kind, Petition
from danvan.petitions.services import PersonData
from danvan.reception import rules as reception_rules
from danvan.reception.models import Handling, Refusal, Representative, Session, Visit
from danvan.reception.people import people_with_id_number
from danvan.rules.errors import RuleError
from danvan.workcal.selectors import calendar_get
from textmining.normalize import to_nfc

VISIT_KINDS = (Kind.COMPLAINT, Kind.DENUNCIATION, Kind.RECOMMENDATION, Kind.MIXED)


def _d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _rule_error(error: RuleError) -> ValidationError:
    return ValidationError(error.message)


# --- sessions -------------------------------------------------------------------------------------------


def _check_mode(mode: str, on: dt.date) -> None:
    if mode not in Session.Mode.values:
        raise ValidationError({"mode": _("Hình thức tiếp không hợp lệ.")})
    if mode == Session.Mode.ONLINE and reception_rules.rule_or_none("reception.online", on) is None:
        since = reception_rules.first_in_force("reception.online")
        raise ValidationError({"mode": _(
            "Tiếp công dân trực tuyến chỉ được thực hiện từ ngày %(since)s (Luật 136/2025/QH15); ngày %(on)s "
            "phải tiếp trực tiếp."
        ) % {"since": _d(since) if since else "?", "on": _d(on)}})


def _check_delegation(kind: str, delegated_to: User | None, host: User | None, on: dt.date) -> None:
    if delegated_to is None:
        return
    if kind != Session.Kind.PERIODIC:
        raise ValidationError({"delegated_to": _("Chỉ buổi tiếp định kỳ của lãnh đạo mới ghi việc ủy quyền.")})
    rule = reception_rules.rule_or_none("reception.no_delegation", on)
    if rule is not None:
        raise ValidationError({"delegated_to": _(
            "Từ ngày %(since)s người đứng đầu không được ủy quyền cho cấp phó tiếp công dân định kỳ (%(cite)s). "
            "Buổi tiếp ngày %(on)s phải do chính %(host)s chủ trì."
        ) % {"since": _d(rule.effective_from), "cite": rule.citation, "on": _d(on), "host": host or _("lãnh đạo")}})
    if host is not None and delegated_to.pk == host.pk:
        raise ValidationError({"delegated_to": _("Người được ủy quyền phải khác người chủ trì.")})


@transaction.atomic
def session_create(
    *,
    unit: Unit,
    kind: str,
    on: dt.date,
    by: User,
    status: str = Session.Status.SCHEDULED,
    mode: str = Session.Mode.IN_PERSON,
    host: User | None = None,
    delegated_to: User | None = None,
    location: str = "",
    note: str = "",
) -> Session:
    """Schedule a session, or record one already held.

    A scheduled regular or periodic session that falls on a day off moves to the next working day
    (reception.schedule_day_off); the announced day is kept in `planned_on`. A session in the past cannot be
    "scheduled", nor one in the future "held". Online sessions need the rule `reception.online` in force on
    the day; a periodic session delegated to a deputy is refused while `reception.no_delegation` is.
    """
    if kind not in Session.Kind.values:
        raise ValidationError({"kind": _("Loại buổi tiếp không hợp lệ.")})
    if status not in (Session.Status.SCHEDULED, Session.Status.HELD):
        raise ValidationError({"status": _("Chỉ lên lịch hoặc ghi nhận buổi tiếp đã diễn ra.")})
    today = timezone.localdate()
    if status == Session.Status.SCHEDULED and on < today:
        raise ValidationError({"on": _(
            "Ngày %(on)s đã qua: không thể lên lịch một buổi tiếp trong quá khứ. Nếu buổi tiếp đã diễn ra, hãy "
            "ghi nhận là \"Đã tiếp\"."
        ) % {"on": _d(on)}})
    if status == Session.Status.HELD and on > today:
        raise ValidationError({"on": _("Ngày %(on)s chưa đến: chưa thể ghi nhận là đã tiếp.") % {"on": _d(on)}})
    if kind == Session.Kind.PERIODIC and host is None:
        raise ValidationError({"host": _("Buổi tiếp định kỳ phải ghi lãnh đạo chủ trì.")})
    planned_on: dt.date | None = None
    moved_reason = ""
    if status == Session.Status.SCHEDULED and kind != Session.Kind.UNSCHEDULED:
        calendar = calendar_get()
        note_off = calendar.day_off_note(on)
        if note_off is not None:
            planned_on, on = on, calendar.working_day_on_or_after(on)
            moved_reason = _("%(day)s là ngày nghỉ (%(why)s): chuyển sang ngày làm việc tiếp theo.") % {
                "day": _d(planned_on), "why": note_off.reason}
    _check_mode(mode, on)
    _check_delegation(kind, delegated_to, host, on)
    session = Session.objects.create(
        unit=unit, kind=kind, mode=mode, status=status, on=on, planned_on=planned_on, moved_reason=moved_reason,
        host=host, delegated_to=delegated_to, location=to_nfc(location), note=to_nfc(note), created_by=by,
    )
    audit_record(action="reception.session_create", obj=session, by=by, data={
        "kind": kind, "mode": mode, "status": status, "on": on, "planned_on": planned_on,
        "host": host.pk if host else None, "delegated_to": delegated_to.pk if delegated_to else None,
    })
    return session


@transaction.atomic
def session_mark_held(*, session: Session, by: User, delegated_to: User | None = None) -> Session:
    """Record that a scheduled session took place (on its day or later), by its host or a lawful deputy."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.status != Session.Status.SCHEDULED:
        raise ValidationError(_("Buổi tiếp này không ở trạng thái đã lên lịch."))
    if session.on > timezone.localdate():
        raise ValidationError(_("Ngày %(on)s chưa đến: chưa thể ghi nhận là đã tiếp.") % {"on": _d(session.on)})
    _check_delegation(session.kind, delegated_to, session.host, session.on)
    session.status = Session.Status.HELD
    session.delegated_to = delegated_to
    session.save(update_fields=["status", "delegated_to"])
    audit_record(action="reception.session_held", obj=session, by=by,
                 data={"delegated_to": delegated_to.pk if delegated_to else None})
    return session


# --- the reception book ---------------------------------------------------------------------------------


@dataclass
class Visitor:
    full_name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""


@dataclass
class VisitResult:
    visit: Visit
    petition: Petition | None
    petition_created: bool
    duplicates: list[Match] = field(default_factory=list)


def _validate_visitor(visitor: Visitor, kind: str) -> None:
    name = to_nfc(visitor.full_name).strip()
    if visitor.id_number:
        try:
            id_number_validator(visitor.id_number)
        except ValidationError as error:
            raise ValidationError({"id_number": error.messages}) from error
    if reception_rules.identity_required(kind) and (not name or not (visitor.id_number or visitor.address.strip())):
        raise ValidationError({"full_name": _(
            "Người đến phải nêu rõ họ tên, địa chỉ hoặc xuất trình giấy tờ tùy thân (%(cite)s): ghi họ tên và "
            "số định danh cá nhân hoặc địa chỉ."
        ) % {"cite": reception_rules.identity_citation()}})
    if not name:
        raise ValidationError({"full_name": _("Ghi họ tên người đến.")})


def _validate_group(people_count: int, representatives: list[Visitor], on: dt.date) -> bool:
    if people_count < 1:
        raise ValidationError({"people_count": _("Số người phải từ 1 trở lên.")})
    try:
        limit = reception_rules.representative_limit(people_count, on)
    except RuleError as error:
        raise _rule_error(error) from error
    n = len(representatives)
    if limit.is_group and n < limit.min_required:
        raise ValidationError({"representatives": _(
            "Đoàn %(people)s người cùng một nội dung phải cử người đại diện (%(cite)s)."
        ) % {"people": people_count, "cite": limit.citation}})
    if n > limit.maximum:
        raise ValidationError({"representatives": _(
            "Đoàn %(people)s người được cử tối đa %(max)s người đại diện (%(cite)s); đã ghi %(n)s người. "
            "Không có gì được lưu."
        ) % {"people": people_count, "max": limit.maximum, "cite": limit.citation or _("số người có mặt"), "n": n}})
    for rep in representatives:
        if not to_nfc(rep.full_name).strip():
            raise ValidationError({"representatives": _("Ghi họ tên từng người đại diện.")})
        if rep.id_number:
            try:
                id_number_validator(rep.id_number)
            except ValidationError as error:
                raise ValidationError({"representatives": error.messages}) from error
    return limit.is_group


def _next_number(unit: Unit, year: int) -> int:
    # Locking the unit row serialises numbering within a unit on PostgreSQL; SQLite's IMMEDIATE
    # transactions already serialise every writer.
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    last = Visit.objects.filter(unit=unit, visited_on__year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


@transaction.atomic
def visit_record(
    *,
    unit: Unit,
    visited_on: dt.date,
    visitor: Visitor,
    content: str,
    kind: str,
    handling: str,
    by: User,
    field: Field | None = None,
    session: Session | None = None,
    people_count: int = 1,
    representatives: list[Visitor] | None = None,
    province_code: int | None = None,
    handled_before: str = "",
    handling_target: str = "",
    follow_up: str = "",
    notes: str = "",
    subject: str = "",
    create_petition: bool = False,
    link_petition: Petition | None = None,
) -> VisitResult:
    """Write one line of the reception book (Form 03, Circular 04/2021/TT-TTCP).

    With `create_petition`, the visitor's written or spoken petition is taken in through
    `petition_receive(channel="desk")` and linked; with `link_petition`, the visit is linked to a petition
    already on file (a returning visitor). Everything is checked first — identity, the group's
    representatives (Decree 124/2020 Art. 6, from the rule pack), the day and the handling — and on any
    error a ValidationError says what is wrong and nothing is saved.
    """
    representatives = representatives or []
    if kind not in VISIT_KINDS:
        raise ValidationError({"kind": _("Chọn phân loại: khiếu nại, tố cáo, kiến nghị phản ánh hoặc nhiều nội dung.")})
    if handling not in Handling.values:
        raise ValidationError({"handling": _("Chọn hướng xử lý: tiếp nhận đơn, hướng dẫn hoặc chuyển đơn.")})
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("Ngày tiếp không thể ở tương lai.")})
    content = to_nfc(content).strip()
    if not content:
        raise ValidationError({"content": _("Ghi nội dung vụ việc.")})
    _validate_visitor(visitor, kind)
    is_group = _validate_group(people_count, representatives, visited_on)
    if handling in (Handling.GUIDE, Handling.FORWARD) and not handling_target.strip():
        raise ValidationError({"handling_target": _("Ghi rõ cơ quan có thẩm quyền được hướng dẫn hoặc chuyển đến.")})
    if session is not None:
        if session.unit_id != unit.pk or session.on != visited_on:
            raise ValidationError({"session": _("Buổi tiếp đã chọn không thuộc đơn vị này hoặc không cùng ngày tiếp.")})
        if session.status == Session.Status.CANCELLED:
            raise ValidationError({"session": _("Buổi tiếp đã chọn đã bị hủy.")})
    if create_petition and link_petition is not None:
        raise ValidationError(_("Chọn một: tạo đơn mới hoặc liên kết với đơn đã có."))

    petition: Petition | None = link_petition
    duplicates: list[Match] = []
    created = False
    person: Person | None = None
    if create_petition:
        received_at = timezone.now() if visited_on == timezone.localdate() else timezone.make_aware(
            datetime.combine(visited_on, time(8, 0)))
        people = [PersonData(full_name=visitor.full_name, id_number=visitor.id_number, address=visitor.address,
                             phone=visitor.phone, province_code=province_code, is_representative=is_group)]
        people += [PersonData(full_name=r.full_name, id_number=r.id_number, is_representative=True)
                   for r in representatives if (r.id_number, r.full_name) != (visitor.id_number, visitor.full_name)]
        receipt = petition_services.petition_receive(
            channel="desk", unit=unit, subject=subject or content.split("\n", 1)[0][:200], content=content,
            petitioners=people, received_at=received_at, province_code=province_code, by=by,
        )
        petition, duplicates, created = receipt.petition, receipt.duplicates, receipt.created
        person = Person.objects.filter(petitions__petition=petition).order_by("petitions__order").first()
    elif visitor.id_number:
        person = people_with_id_number(visitor.id_number).order_by("id").first()

    visit = Visit.objects.create(
        unit=unit, session=session, visited_on=visited_on, number=_next_number(unit, visited_on.year),
        person=person, full_name=to_nfc(visitor.full_name).strip(), id_number=visitor.id_number,
        address=to_nfc(visitor.address), content=content, kind=kind, field=field, province_code=province_code,
        people_count=people_count, is_group=is_group, handled_before=to_nfc(handled_before),
        handling=handling, handling_target=to_nfc(handling_target), follow_up=to_nfc(follow_up),
        notes=to_nfc(notes), petition=petition, received_by=by,
    )
    Representative.objects.bulk_create([
        Representative(visit=visit, full_name=to_nfc(r.full_name).strip(), id_number=r.id_number, order=i)
        for i, r in enumerate(representatives)
    ])
    audit_record(action="reception.visit", obj=visit, by=by, data={
        "number": visit.number, "kind": kind, "people": people_count, "group": is_group, "handling": handling,
        "petition": petition.code if petition else None, "petition_created": created,
        "representatives": len(representatives),
    })
    return VisitResult(visit, petition, created, duplicates)


@transaction.atomic
def refusal_record(
    *,
    unit: Unit,
    on: dt.date,
    ground: int,
    note: str,
    by: User,
    full_name: str = "",
    id_number: str = "",
    session: Session | None = None,
) -> Refusal:
    """Record a refusal to receive someone on one of the Art. 9 grounds in force on `on` (numbered from 1)."""
    if on > timezone.localdate():
        raise ValidationError({"on": _("Ngày từ chối không thể ở tương lai.")})
    try:
        rule, grounds = reception_rules.refusal_grounds(on)
    except RuleError as error:
        raise _rule_error(error) from error
    texts = dict(grounds)
    if ground not in texts:
        raise ValidationError({"ground": _("Chọn một căn cứ từ chối theo %(cite)s.") % {"cite": rule.citation}})
    if not note.strip():
        raise ValidationError({"note": _("Ghi diễn biến, lý do cụ thể của việc từ chối tiếp.")})
    if id_number:
        try:
            id_number_validator(id_number)
        except ValidationError as error:
            raise ValidationError({"id_number": error.messages}) from error
    refusal = Refusal.objects.create(
        unit=unit, session=session, on=on, full_name=to_nfc(full_name).strip(), id_number=id_number, ground=ground,
        ground_text=texts[ground], citation=rule.citation, note=to_nfc(note).strip(), refused_by=by,
    )
    audit_record(action="reception.refusal", obj=refusal, by=by, data={"ground": ground, "citation": rule.citation})
    return refusal
