"""Writes on matters. Every change is a transition of danvan.matters.workflow run by `matter_transition`:
permission, state, legal guard, effect and audit event in one transaction. The named functions below are
the same call with the inputs spelled out."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.documents.models import IssuedDocument
from danvan.matters import deadlines, workflow
from danvan.matters import documents as matter_documents
from danvan.matters.models import Complexity, Matter, MatterRecord
from danvan.org.models import User
from danvan.petitions.models import Kind as PetitionKind
from danvan.petitions.models import Petition
from danvan.rules.errors import RuleError

_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_PREFIX: dict[str, str] = {Matter.Kind.COMPLAINT: "KN", Matter.Kind.DENUNCIATION: "TC", Matter.Kind.ANONYMOUS: "NT"}


def _json(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return out


def _new_code(kind: str, year: int) -> str:
    for _attempt in range(10):
        code = f"{_PREFIX[kind]}-{year}-{''.join(secrets.choice(_CODE_ALPHABET) for _ in range(6))}"
        if not Matter.objects.filter(code=code).exists():
            return code
    raise RuntimeError("could not draw a free matter code")


@transaction.atomic
def matter_open(
    *,
    petition: Petition,
    by: User | None,
    complexity: str = Complexity.NORMAL,
    decision_known_on: dt.date | None = None,
    disciplinary: bool = False,
    dismissal: bool = False,
) -> Matter:
    """Open the matter of an accepted petition, waiting for its acceptance decision (state "received").

    The kind follows the petition: a complaint, a denunciation, or — for a denunciation without a name or
    address — an anonymous report (Law on Denunciations Art. 25: not handled as a denunciation). The limits
    that run from receipt (acceptance; initial processing and forwarding; the complainant's own window when
    `decision_known_on` is given) are computed from the petition's day of receipt and stored. The caller
    links the petition (petition.matter = matter). Raises ValidationError for a petition that is neither a
    complaint nor a denunciation, RuleError when no rule pack covers its day of receipt.
    """
    if petition.kind == PetitionKind.COMPLAINT:
        kind = Matter.Kind.COMPLAINT
    elif petition.kind == PetitionKind.DENUNCIATION:
        kind = Matter.Kind.ANONYMOUS if petition.anonymous else Matter.Kind.DENUNCIATION
    else:
        raise ValidationError(_("Chỉ đơn khiếu nại hoặc tố cáo mới mở vụ việc."))
    if complexity not in Complexity.values:
        raise ValidationError({"complexity": _("Tính chất vụ việc không hợp lệ.")})
    received_on = timezone.localdate(petition.received_at)
    matter = Matter.objects.create(
        code=_new_code(kind, received_on.year), kind=kind, unit=petition.unit, subject=petition.subject[:500],
        received_on=received_on, assignee=petition.assigned_to, remote=petition.unit.remote_area,
        complexity=complexity, decision_known_on=decision_known_on, disciplinary=disciplinary,
        dismissal=dismissal and disciplinary, state="received",
    )
    workflow.intake_limits_set(matter)
    deadlines.next_due_refresh(matter)
    matter.save(update_fields=["next_due", "next_due_key"])
    audit_record(action="matter.open", obj=matter, by=by, actor_label="" if by else "system", data={
        "code": matter.code, "kind": kind, "petition": petition.code, "received_on": received_on,
        "next_due": matter.next_due, "disciplinary": disciplinary,
    })
    return matter


def transition_check(*, matter: Matter, name: str, by: User, params: dict[str, Any] | None = None,
                     on: dt.date | None = None) -> str | None:
    """Why `by` may not run transition `name` on `matter` now (None if they may): permission, state, guard."""
    transitions = workflow.transitions_for(matter)
    transition = transitions.get(name)
    if transition is None:
        return _("Bước “%(n)s” không có trong quy trình %(k)s.") % {"n": name, "k": matter.get_kind_display()}
    if not by.has_perm(transition.permission, matter):
        return _("Bạn không có quyền %(t)s đối với vụ việc này.") % {"t": str(transition.label).lower()}
    problem = workflow.why_not_from_state(matter, transition)
    if problem:
        return problem
    if transition.guard is not None and params is not None:
        return transition.guard(matter, workflow.Step(by=by, on=on or timezone.localdate(), params=dict(params)))
    return None


def transitions_allowed(*, matter: Matter, by: User) -> list[workflow.Transition]:
    """The transitions this official may start now (permission and state; the guard runs on submit)."""
    return [t for t in workflow.transitions_for(matter).values()
            if by.has_perm(t.permission, matter) and workflow.why_not_from_state(matter, t) is None
            and (t.offered is None or t.offered(matter))]


@transaction.atomic
def matter_transition(*, matter: Matter, name: str, by: User, on: dt.date | None = None,
                      **params: Any) -> Matter:
    """Run transition `name` of the matter's workflow on day `on` (today by default).

    Refuses with PermissionDenied when `by` lacks the permission, and with ValidationError whose message
    says why when the state or the law does not allow the step; nothing is written then.
    """
    matter = Matter.objects.select_for_update().select_related("unit").get(pk=matter.pk)
    transition = workflow.transitions_for(matter).get(name)
    if transition is None:
        raise ValidationError(_("Bước “%(n)s” không có trong quy trình %(k)s.") % {
            "n": name, "k": matter.get_kind_display()})
    if not by.has_perm(transition.permission, matter):
        raise PermissionDenied(_("Bạn không có quyền %(t)s đối với vụ việc này.") % {
            "t": str(transition.label).lower()})
    problem = workflow.why_not_from_state(matter, transition)
    step = workflow.Step(by=by, on=on or timezone.localdate(), params=dict(params))
    if problem is None and transition.guard is not None:
        problem = transition.guard(matter, step)
    if problem:
        raise ValidationError(problem, code="refused")
    before = matter.state
    try:
        data = transition.effect(matter, step)
    except RuleError as exc:
        raise ValidationError(exc.message, code="rule") from exc
    if transition.target is not None:
        matter.state = transition.target
    deadlines.next_due_refresh(matter)
    matter.save()
    if transition.record or step.text("text"):
        MatterRecord.objects.create(matter=matter, transition=name, on=step.on, text=step.text("text"),
                                    data=_json({k: v for k, v in data.items() if k != "first"}), by=by)
    audit_record(action=f"matter.{name}", obj=matter, by=by, data={
        "from": before, "to": matter.state, "on": step.on, "next_due": matter.next_due, **data,
    })
    return matter


# The named transitions: the same call, with the inputs each one takes.


def matter_accept(*, matter: Matter, by: User, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="accept", by=by, on=on)


def matter_refuse(*, matter: Matter, by: User, ground: int | str, reason: str = "",
                  on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="refuse", by=by, on=on, ground=str(ground), reason=reason)


def matter_forward(*, matter: Matter, by: User, target: str, reason: str = "", text: str = "",
                   on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="forward", by=by, on=on, target=target, reason=reason, text=text)


def matter_assign_verifier(*, matter: Matter, by: User, verifier: User, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="assign_verifier", by=by, on=on, verifier=verifier)


def matter_report_verification(*, matter: Matter, by: User, text: str, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="report_verification", by=by, on=on, text=text)


def matter_record_dialogue(*, matter: Matter, by: User, text: str, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="record_dialogue", by=by, on=on, text=text)


def matter_decide(*, matter: Matter, by: User, finding: str, text: str, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="decide", by=by, on=on, finding=finding, text=text)


def matter_notify(*, matter: Matter, by: User, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="notify", by=by, on=on)


def matter_second_complaint(*, matter: Matter, by: User, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="second_complaint", by=by, on=on)


def matter_finalize(*, matter: Matter, by: User, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="finalize", by=by, on=on)


def matter_enforce(*, matter: Matter, by: User, text: str, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="enforce", by=by, on=on, text=text)


def matter_withdraw(*, matter: Matter, by: User, text: str, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="withdraw", by=by, on=on, text=text)


def matter_suspend(*, matter: Matter, by: User, reason: str, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="suspend", by=by, on=on, reason=reason)


def matter_resume(*, matter: Matter, by: User, reason: str, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="resume", by=by, on=on, reason=reason)


def matter_set_complexity(*, matter: Matter, by: User, complexity: str, reason: str,
                          on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="set_complexity", by=by, on=on, complexity=complexity,
                             reason=reason)


def matter_note_several_places(*, matter: Matter, by: User, reason: str, on: dt.date | None = None) -> Matter:
    """A denunciation whose initial checks must be made at several places: 10 working days instead of 7."""
    return matter_transition(matter=matter, name="several_places", by=by, on=on, reason=reason)


def matter_notify_acceptance(*, matter: Matter, by: User, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="notify_acceptance", by=by, on=on)


def matter_extend(*, matter: Matter, by: User, reason: str, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="extend", by=by, on=on, reason=reason)


def matter_conclude(*, matter: Matter, by: User, finding: str, text: str, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="conclude", by=by, on=on, finding=finding, text=text)


def matter_handle_violations(*, matter: Matter, by: User, text: str, on: dt.date | None = None) -> Matter:
    return matter_transition(matter=matter, name="handle_violations", by=by, on=on, text=text)


def matters_recompute_time_limits() -> int:
    """Registered with danvan.workcal: recompute every stored limit after a calendar change."""
    return deadlines.time_limits_recompute()


# Documents: which templates each step issues and what fills them live in danvan.matters.documents.
STEP_DOCUMENTS = matter_documents.STEP_DOCUMENTS


def matter_document_issue(
    *, matter: Matter, step: str, by: User, signer_name: str = "", signer_title: str = "", authority: str = "",
    context: dict[str, Any] | None = None, issued_on: dt.date | None = None, template_code: str = "",
    record: MatterRecord | None = None,
) -> IssuedDocument:
    """Issue a document of `step` about the matter (by default the step's usual one), filled from the matter,
    from the step's own record (`record`, else the step's latest) and from `context` (what the desk typed).

    The signer defaults to the acting unit head (danvan.matters.documents.default_signer). Raises KeyError
    for a step or template the step does not issue, and danvan.documents' errors — MissingValues names what
    the template still needs — in which case nothing is numbered. The record keeps the ids of its documents.
    """
    from danvan.documents.services import document_issue

    codes = matter_documents.templates_for(matter, step)
    code = template_code or (codes[0] if codes else "")
    if code not in codes:
        raise KeyError(f"{matter.kind}:{step}:{template_code}")
    if not signer_name or not signer_title:
        default_name, default_title = matter_documents.default_signer(matter, by)
        signer_name, signer_title = signer_name or default_name, signer_title or default_title
    full = matter_documents.document_context(matter, step, by, record)
    full.update({k: v for k, v in (context or {}).items() if v not in (None, "", [])})
    with transaction.atomic():
        doc = document_issue(
            template_code=code, context=full, unit=matter.unit, signer_name=signer_name, signer_title=signer_title,
            authority=authority, obj=matter, addressed_to_citizen=matter_documents.addressed_to_citizen(code), by=by,
            issued_on=issued_on,
        )
        record = record or MatterRecord.objects.filter(matter=matter, transition=step).order_by("-on", "-id").first()
        if record is not None:
            record.data = {**record.data, "documents": [*record.data.get("documents", []), doc.pk]}
            record.save(update_fields=["data"])
    return doc


@transaction.atomic
def matter_transition_with_documents(
    *, matter: Matter, name: str, by: User, on: dt.date | None = None, documents: list[str],
    signer_name: str = "", signer_title: str = "", context: dict[str, Any] | None = None, **params: Any,
) -> tuple[Matter, list[IssuedDocument]]:
    """Run a step and issue its documents (template codes in `documents`) in one transaction.

    A document that cannot be issued (MissingValues, a template error) undoes the step too, so the desk
    fixes the missing values and submits once more instead of leaving a decision without its document.
    """
    matter = matter_transition(matter=matter, name=name, by=by, on=on, **params)
    issued = [matter_document_issue(matter=matter, step=name, by=by, signer_name=signer_name,
                                    signer_title=signer_title, context=context, issued_on=on, template_code=code)
              for code in documents]
    return matter, issued
