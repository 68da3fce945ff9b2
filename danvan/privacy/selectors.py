"""Reads of the privacy app: every record that names a person, and which retention rule governs it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from danvan.matters.models import Matter
from danvan.matters.workflow import CLOSED_STATES
from danvan.people.models import Person
from danvan.petitions.models import OPEN_STATUSES, PROTECTED_KINDS, Petition
from danvan.privacy.models import PrivacyRequest
from danvan.privacy.people import people_named, people_with_id_number
from danvan.privacy.policy import RetentionRule, retention_policy
from danvan.reception.models import Refusal, Visit


@dataclass
class PersonRecords:
    person: Person
    petitions: list[Petition] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    requests: list[PrivacyRequest] = field(default_factory=list)

    @property
    def is_orphan(self) -> bool:
        return not (self.petitions or self.visits or self.refusals)


def person_records(person: Person) -> PersonRecords:
    """Every record naming this person: by link, and (for the reception book, which copies what was written
    on the day) by the same 12-digit ID number."""
    petitions = list(
        Petition.objects.filter(petitioners__person=person).select_related("matter", "unit").order_by("received_at")
    )
    # The person's own blind index of the ID number is the one the reception book's lines carry.
    by_id = Q(id_number_index=person.id_number_index) if person.id_number_index else Q(pk__in=[])
    visits = list(Visit.objects.filter(Q(person=person) | by_id).order_by("visited_on", "number"))
    refusals = list(Refusal.objects.filter(by_id).order_by("on", "id"))
    requests = list(PrivacyRequest.objects.filter(person=person))
    return PersonRecords(person, petitions, visits, refusals, requests)


def petition_rule(petition: Petition) -> RetentionRule:
    """The rule that governs a petition: a denunciation's file first, then an accepted complaint's, then
    open or closed processing."""
    policy = retention_policy()
    matter = petition.matter
    if petition.kind in PROTECTED_KINDS or (matter is not None and matter.kind != Matter.Kind.COMPLAINT):
        return policy["matter.denunciation"]
    if matter is not None:
        return policy["matter.complaint"]
    if petition.status in OPEN_STATUSES:
        return policy["petition.open"]
    return policy["petition.closed"]


def petition_retention_start(petition: Petition, rule: RetentionRule) -> date | None:
    if rule.code == "matter.complaint":
        matter = petition.matter
        if matter is None or matter.state not in CLOSED_STATES:
            return None
        return matter.closed_on or matter.decided_on
    if rule.code == "petition.closed" and petition.decided_at is not None:
        return timezone.localdate(petition.decided_at)
    return None


def privacy_requests_list() -> list[PrivacyRequest]:
    return list(PrivacyRequest.objects.select_related("person", "received_by", "decided_by")[:200])


def people_search(query: str, limit: int = 20) -> list[Person]:
    """People by their 12-digit ID number, or by their full name (case and marks do not matter), both exact:
    identity is encrypted, so only its blind indexes can be searched."""
    query = query.strip()
    if not query:
        return []
    found = people_with_id_number(query) if query.isdigit() else people_named(query)
    return list(found.order_by("id")[:limit])
