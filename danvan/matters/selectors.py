"""Reads on matters: the desk's lists, one matter's file, and what the citizen's tracking page shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.documents.models import IssuedDocument
from danvan.documents.selectors import documents_for
from danvan.matters.models import Matter, MatterRecord, TimeLimit
from danvan.matters.workflow import CLOSED_STATES
from danvan.org.models import Role, User
from danvan.org.predicates import is_official, user_unit_ids
from danvan.people.selectors import PetitionerView, petitioners_for
from danvan.petitions.models import Petition, Supplement

DUE_SOON_DAYS = 3


def matters_visible_to(user: User) -> QuerySet[Matter]:
    """The matters this official may see (the same rule as matters.view_matter, as one query)."""
    qs = Matter.objects.all()
    if user.has_role(Role.LEADER, Role.INSPECTOR, Role.ADMINISTRATOR):
        return qs
    if user.has_role(Role.SUPERVISOR) and not is_official(user):
        from danvan.security.selectors import published_matters_q

        return qs.filter(pk__in=Matter.objects.filter(published_matters_q(user)).values("pk"))
    return qs.filter(Q(unit_id__in=user_unit_ids(user)) | Q(assignee=user) | Q(verifier=user))


@dataclass(frozen=True)
class MatterFilters:
    due: str = ""  # "" | "overdue" | "soon"
    unit: int | None = None
    official: int | None = None
    kind: str = ""
    state: str = ""  # "" (open), "closed", "all" or one state
    today: dt.date | None = None


def matters_list(*, user: User, filters: MatterFilters) -> QuerySet[Matter]:
    """Open matters by default, nearest limit first; overdue / due soon read the indexed next_due."""
    today = filters.today or timezone.localdate()
    qs = matters_visible_to(user).select_related("unit", "assignee")
    if filters.state == "closed":
        qs = qs.filter(state__in=CLOSED_STATES)
    elif filters.state == "all":
        pass
    elif filters.state:
        qs = qs.filter(state=filters.state)
    else:
        qs = qs.exclude(state__in=CLOSED_STATES)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.official:
        qs = qs.filter(Q(assignee_id=filters.official) | Q(verifier_id=filters.official))
    if filters.due == "overdue":
        qs = qs.filter(next_due__lt=today)
    elif filters.due == "soon":
        qs = qs.filter(next_due__gte=today, next_due__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
    return qs.order_by("next_due", "id")


def due_state(matter: Matter, today: dt.date | None = None) -> str:
    """"done", "overdue", "soon" or "open" for the matter's nearest limit."""
    if matter.next_due is None or matter.state in CLOSED_STATES:
        return "done"
    days = (matter.next_due - (today or timezone.localdate())).days
    if days < 0:
        return "overdue"
    return "soon" if days <= DUE_SOON_DAYS else "open"


def matter_time_limits(matter: Matter) -> list[TimeLimit]:
    return list(TimeLimit.objects.filter(matter=matter).order_by("start", "id"))


def matter_records(matter: Matter) -> list[MatterRecord]:
    return list(MatterRecord.objects.filter(matter=matter).select_related("by").order_by("on", "id"))


@dataclass(frozen=True)
class PetitionInFile:
    code: str
    subject: str
    content: str
    decision_text: str
    request_text: str
    received_at: dt.datetime
    petitioners: list[PetitionerView]
    supplements: list[Supplement]


def matter_file(*, user: User, matter: Matter) -> list[PetitionInFile]:
    """The petitions of the matter as this official may read them.

    A verifier works on the content only: for a denunciation, people.selectors.petitioners_for withholds
    the denouncer's identity (Law on Denunciations Arts. 9, 47), and each disclosure to others is audited.
    """
    out = []
    petitions = Petition.objects.filter(matter=matter).order_by("received_at", "id").prefetch_related(
        Prefetch("supplements", Supplement.objects.annotate(files=Count("attachments"))))
    for petition in petitions:
        out.append(PetitionInFile(
            code=petition.code, subject=petition.subject, content=petition.content,
            decision_text=petition.decision_text, request_text=petition.request_text,
            received_at=petition.received_at, petitioners=petitioners_for(user=user, petition=petition),
            supplements=list(petition.supplements.all()),
        ))
    return out


@dataclass(frozen=True)
class PublicStep:
    """One step of the matter as the citizen sees it: no names of officials, no protected data."""

    label: str
    status: str  # "done" | "current" | "upcoming"
    on: dt.date | None = None
    due: dt.date | None = None
    citation: str = ""


_PUBLIC_LABELS: dict[str, Any] = {
    "open": _("Tiếp nhận"),
    "accept": _("Thụ lý"),
    "refuse": _("Không thụ lý"),
    "forward": _("Chuyển cơ quan có thẩm quyền"),
    "verify": _("Xác minh"),
    "decide": _("Quyết định giải quyết"),
    "conclude": _("Kết luận nội dung tố cáo"),
    "final": _("Quyết định có hiệu lực pháp luật"),
    "enforce": _("Tổ chức thi hành"),
    "handle": _("Xử lý kết luận"),
    "withdraw": _("Rút đơn"),
    "suspend": _("Tạm đình chỉ"),
    "extend": _("Gia hạn giải quyết"),
    "second": _("Khiếu nại lần hai"),
}


def matter_public_steps(matter: Matter) -> list[PublicStep]:
    """The matter's steps and time limits for the citizen's tracking page (portal/status.html).

    Done steps carry their day; the current step carries its time limit and the source of that limit.
    Officials' names, verification reports and the denouncer's identity never appear.
    """
    limits = {t.key: t for t in TimeLimit.objects.filter(matter=matter, public=True)}
    done: dict[str, dt.date] = {}
    for record in MatterRecord.objects.filter(matter=matter).order_by("on", "id").only("transition", "on"):
        done.setdefault(record.transition, record.on)
    steps: list[PublicStep] = [PublicStep(str(_PUBLIC_LABELS["open"]), "done", on=matter.received_on)]

    def limit(key: str) -> tuple[dt.date | None, str]:
        t = limits.get(key)
        return (t.due, str(t.explained.get("citation", ""))) if t else (None, "")

    closed = matter.state in CLOSED_STATES
    if matter.state in ("refused", "forwarded", "archived"):
        name = "refuse" if matter.state == "refused" else "forward"
        steps.append(PublicStep(str(_PUBLIC_LABELS[name]), "done", on=matter.closed_on))
        return steps
    if matter.kind == Matter.Kind.ANONYMOUS:
        return steps
    if matter.tier == 2:
        steps.append(PublicStep(str(_PUBLIC_LABELS["second"]), "done", on=matter.received_on))
    if matter.accepted_on:
        steps.append(PublicStep(str(_PUBLIC_LABELS["accept"]), "done", on=matter.accepted_on))
    else:
        due, cit = limit("acceptance" if matter.kind == Matter.Kind.COMPLAINT else "initial_processing")
        steps.append(PublicStep(str(_PUBLIC_LABELS["accept"]), "upcoming" if closed else "current", due=due,
                                citation=cit))
    if matter.extensions:
        steps.append(PublicStep(f"{_PUBLIC_LABELS['extend']} ({matter.extensions})", "done"))
    if matter.state == "suspended":
        steps.append(PublicStep(str(_PUBLIC_LABELS["suspend"]), "current", on=matter.suspended_on))
    decide_key = "conclude" if matter.kind == Matter.Kind.DENUNCIATION else "decide"
    if matter.accepted_on:
        if matter.decided_on:
            steps.append(PublicStep(str(_PUBLIC_LABELS[decide_key]), "done", on=matter.decided_on))
        elif matter.state != "withdrawn":
            due, cit = limit("resolution")
            status = "current" if matter.state != "suspended" else "upcoming"
            steps.append(PublicStep(str(_PUBLIC_LABELS["verify"]), "done" if matter.state == "verified" else status))
            steps.append(PublicStep(str(_PUBLIC_LABELS[decide_key]), "upcoming", due=due, citation=cit))
    if matter.kind == Matter.Kind.COMPLAINT and matter.decided_on:
        due, cit = limit("finality")
        final_on = done.get("finalize")
        steps.append(PublicStep(str(_PUBLIC_LABELS["final"]), "done" if final_on or matter.state in (
            "final", "enforced") else "current", on=final_on, due=due, citation=cit))
        if matter.state == "enforced":
            steps.append(PublicStep(str(_PUBLIC_LABELS["enforce"]), "done", on=matter.closed_on))
    if matter.state == "handled":
        steps.append(PublicStep(str(_PUBLIC_LABELS["handle"]), "done", on=matter.closed_on))
    if matter.state == "withdrawn":
        steps.append(PublicStep(str(_PUBLIC_LABELS["withdraw"]), "done", on=matter.closed_on))
    return steps


def matter_public_documents(matter: Matter) -> QuerySet[IssuedDocument]:
    """The documents about the matter addressed to the citizen, oldest first."""
    return documents_for(matter, citizen_only=True)
