"""Finding earlier petitions with the same content from the same person, and copies of one letter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q

from danvan.people.models import Person
from danvan.petitions.models import Petition, Petitioner, PetitionLink
from textmining.similarity import best_matches

# Below this a pair shares a topic, not a text: not worth a handler's look.
THRESHOLD = 0.8
LOOKBACK = timedelta(days=5 * 365)
MAX_CANDIDATES = 300
# Copies of one letter sent to several agencies reach us forwarded by each of them within weeks.
COPY_WINDOW = timedelta(days=60)


@dataclass(frozen=True)
class Match:
    petition_id: int
    code: str
    kind: str
    score: float


def _same_people(petition: Petition) -> Q:
    # Only the blind indexes: nothing here needs (or decrypts) an identity.
    people = list(Person.objects.filter(petitions__petition=petition).only(
        "id", "id_number_index", "name_index", "phone_index", "province_code"))
    if not people:
        return Q(pk__in=[])
    q = Q()
    for person in people:
        # Identity is encrypted: the blind indexes (danvan.people.vault) compare it without decrypting.
        q |= Q(pk=person.pk)
        if person.id_number_index:
            q |= Q(id_number_index=person.id_number_index)
        if person.name_index and (person.phone_index or person.province_code):
            same = Q(name_index=person.name_index)
            q |= same & (Q(phone_index=person.phone_index) if person.phone_index
                         else Q(province_code=person.province_code))
    return q


def petition_find_duplicates(petition: Petition) -> list[Match]:
    """Earlier petitions of the same person with (nearly) the same content, and exact copies from anyone.

    The result is ordered by score, best first. Nothing is changed here; the caller records links.
    """
    since = petition.received_at - LOOKBACK
    # Two indexed lookups, then one read of the candidates: an OR of the two in one query makes PostgreSQL
    # walk the whole table.
    by_person = set(Petitioner.objects.filter(person__in=Person.objects.filter(_same_people(petition)))
                    .values_list("petition_id", flat=True))
    copies = set(Petition.objects.filter(content_hash=petition.content_hash).values_list("id", flat=True))
    candidates = (
        Petition.objects.filter(pk__in=(by_person | copies) - {petition.pk}, received_at__gte=since)
        .order_by("-received_at")
        .only("id", "code", "search_text", "received_at", "source_agency", "channel")[:MAX_CANDIDATES]
    )
    by_id = {c.pk: c for c in candidates}
    scored = best_matches(petition.search_text, [(c.pk, c.search_text) for c in by_id.values()],
                          threshold=THRESHOLD, limit=20)
    return [Match(pk, by_id[pk].code, _link_kind(petition, by_id[pk], pk in by_person), round(score, 3))
            for pk, score in scored]


def _link_kind(petition: Petition, other: Petition, same_person: bool) -> str:
    """Same person: a duplicate, or a copy when another route brought the same letter within weeks.
    Different people with the same text (a group or a form letter): related, for the handler to weigh."""
    if not same_person:
        return PetitionLink.Kind.RELATED
    routed_elsewhere = petition.source_agency != other.source_agency or petition.channel != other.channel
    close_in_time = abs(petition.received_at - other.received_at) <= COPY_WINDOW
    return PetitionLink.Kind.COPY if routed_elsewhere and close_in_time else PetitionLink.Kind.DUPLICATE
