"""Reads on reception shared by the desk pages, the public schedule, the reports and the dashboard."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from danvan.org.models import Role, User
from danvan.people.selectors import may_see_visitor
from danvan.petitions.models import Petition
from danvan.reception import rules as reception_rules
from danvan.reception.models import Refusal, Session, Visit, id_number_index
from danvan.reception.people import people_with_id_number
from textmining.normalize import fold
from textmining.similarity import best_matches

SIMILAR_THRESHOLD = 0.8
HISTORY_LIMIT = 50


@dataclass
class VisitorHistory:
    """What the desk shows when someone comes back: earlier visits and petitions, and similar contents."""

    visits: list[Visit] = field(default_factory=list)
    petitions: list[Petition] = field(default_factory=list)
    similar: list[tuple[Petition, float]] = field(default_factory=list)

    @property
    def returning(self) -> bool:
        return bool(self.visits or self.petitions)


def visitor_history(*, id_number: str, content: str = "", exclude_visit_id: int | None = None,
                    user: User | None = None) -> VisitorHistory:
    """Earlier visits and petitions of the person with `id_number`, and which of their petitions read like
    `content` (the same near-duplicate measure the petition desk uses).

    Shown to `user`, it leaves out the visits and petitions where this person is a denouncer `user` may not
    know (danvan.people.selectors): linking them to a named visit would name the denouncer."""
    if not id_number:
        return VisitorHistory()
    visits = Visit.objects.filter(id_number_index=id_number_index(id_number)).select_related("petition", "unit").order_by("-visited_on", "-id")
    if exclude_visit_id:
        visits = visits.exclude(pk=exclude_visit_id)
    petitions = list(
        Petition.objects.filter(petitioners__person__in=people_with_id_number(id_number)).distinct()
        .only("id", "code", "subject", "search_text", "received_at", "status", "kind", "unit_id")
        .order_by("-received_at")[:HISTORY_LIMIT]
    )
    similar: list[tuple[Petition, float]] = []
    if content and petitions:
        by_id = {p.pk: p for p in petitions}
        scored = best_matches(fold(content), [(p.pk, p.search_text) for p in petitions], threshold=SIMILAR_THRESHOLD)
        similar = [(by_id[pk], round(score, 3)) for pk, score in scored]
    found = list(visits[:HISTORY_LIMIT])
    if user is not None:
        found = [v for v in found if may_see_visitor(user=user, visit=v)]
        petitions = [p for p in petitions if not p.protects_identity()
                     or user.has_perm("petitions.view_identity", p)]
        similar = [(p, score) for p, score in similar if p in petitions]
    return VisitorHistory(found, petitions, similar)


def reception_book(*, unit_ids: set[int] | None, start: dt.date, end: dt.date) -> QuerySet[Visit]:
    """The book's lines between `start` and `end` inclusive, in the book's order; all units when None."""
    qs = Visit.objects.filter(visited_on__gte=start, visited_on__lte=end)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return qs.select_related("unit", "field", "petition").prefetch_related("representatives").order_by(
        "unit__code", "visited_on", "number")


def refusals(*, unit_ids: set[int] | None, start: dt.date, end: dt.date) -> QuerySet[Refusal]:
    qs = Refusal.objects.filter(on__gte=start, on__lte=end)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return qs


def refusal_counts(*, unit_ids: set[int] | None, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Refusals per Art. 9 ground in the period, counted in the database."""
    rows = refusals(unit_ids=unit_ids, start=start, end=end).values("ground", "ground_text", "citation")
    return [dict(row) for row in rows.annotate(n=Count("id")).order_by("ground")]


def public_schedule(*, start: dt.date | None = None, days: int = 120) -> QuerySet[Session]:
    """The leaders' periodic reception days from `start` (default today): what the agency must post."""
    start = start or timezone.localdate()
    return (Session.objects.filter(kind=Session.Kind.PERIODIC, on__gte=start, on__lte=start + dt.timedelta(days=days))
            .exclude(status=Session.Status.CANCELLED).select_related("host", "unit").order_by("on", "id"))


@dataclass(frozen=True)
class ComplianceRow:
    leader: User
    year: int
    month: int
    required: int
    citation: str
    confidence: str
    held_days: int  # days the leader personally received citizens at a periodic session
    delegated_days: int  # days a deputy held the periodic session, where the law then allowed it
    scheduled_days: int  # days still to come on the schedule

    @property
    def counted(self) -> int:
        return self.held_days + self.delegated_days

    @property
    def state(self) -> str:
        """"met", "on_track" (enough days scheduled this month), "not_met" or "open" (month not over)."""
        if self.counted >= self.required:
            return "met"
        if self.counted + self.scheduled_days >= self.required:
            return "on_track"
        today = timezone.localdate()
        month_over = (self.year, self.month) < (today.year, today.month)
        return "not_met" if month_over else "open"


def months_between(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def leader_compliance(*, start: dt.date, end: dt.date, leaders: list[User] | None = None) -> list[ComplianceRow]:
    """Per leader and month from `start` to `end`: whether the legal minimum of own reception days was met.

    The minimum comes from `reception.leader_minimum` in force on each month's first day. A day counts once
    however many sessions it had. A day a deputy held the session counts only while the law allowed
    delegation (no `reception.no_delegation` in force that day). Counted in the database per month.
    """
    if leaders is None:
        leaders = sorted((u for u in User.objects.filter(is_active=True) if u.has_role(Role.LEADER)),
                         key=lambda u: fold(str(u)))
    months = months_between(start, end)
    first = dt.date(months[0][0], months[0][1], 1)
    last = dt.date(months[-1][0], months[-1][1], monthrange(months[-1][0], months[-1][1])[1])
    base = Session.objects.filter(kind=Session.Kind.PERIODIC, host__in=leaders, on__gte=first, on__lte=last)
    held: dict[tuple[int, int, int], int] = {}
    delegated: dict[tuple[int, int, int], int] = {}
    scheduled: dict[tuple[int, int, int], int] = {}
    today = timezone.localdate()
    own = base.filter(status=Session.Status.HELD, delegated_to__isnull=True)
    for row in own.values("host_id", "on__year", "on__month").annotate(n=Count("on", distinct=True)):
        held[(row["host_id"], row["on__year"], row["on__month"])] = row["n"]
    deleg = base.filter(status=Session.Status.HELD, delegated_to__isnull=False)
    no_delegation_from = reception_rules.first_in_force("reception.no_delegation")
    if no_delegation_from is not None:
        deleg = deleg.filter(on__lt=no_delegation_from)
    for row in deleg.values("host_id", "on__year", "on__month").annotate(
            n=Count("on", distinct=True)):
        delegated[(row["host_id"], row["on__year"], row["on__month"])] = row["n"]
    upcoming = base.filter(status=Session.Status.SCHEDULED, on__gte=today)
    for row in upcoming.values("host_id", "on__year", "on__month").annotate(n=Count("on", distinct=True)):
        scheduled[(row["host_id"], row["on__year"], row["on__month"])] = row["n"]
    out = []
    for year, month in months:
        rule = reception_rules.leader_minimum(dt.date(year, month, 1))
        for leader in leaders:
            key = (leader.pk, year, month)
            out.append(ComplianceRow(
                leader=leader, year=year, month=month, required=int(rule.values["normal"]), citation=rule.citation,
                confidence=rule.confidence, held_days=held.get(key, 0), delegated_days=delegated.get(key, 0),
                scheduled_days=scheduled.get(key, 0),
            ))
    return out
