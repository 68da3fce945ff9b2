from __future__ import annotations

from django.db.models import Q, QuerySet

from danvan.org.models import User
from danvan.org.predicates import user_unit_ids
from danvan.security.models import Publication


def publications_for(user: User) -> QuerySet[Publication]:
    """What is published, and not withdrawn, to the supervising body the user belongs to (or below it)."""
    return Publication.objects.filter(body_id__in=user_unit_ids(user), withdrawn_at__isnull=True)


def published_petitions_q(user: User) -> Q:
    """Petitions published to this user's body, directly or through their matter (a filter on Petition)."""
    pubs = publications_for(user)
    return (Q(pk__in=pubs.exclude(petition=None).values("petition_id"))
            | Q(matter_id__in=pubs.exclude(matter=None).values("matter_id")))


def published_matters_q(user: User) -> Q:
    """Matters published to this user's body, directly or through one of their petitions (on Matter)."""
    pubs = publications_for(user)
    return (Q(pk__in=pubs.exclude(matter=None).values("matter_id"))
            | Q(petitions__in=pubs.exclude(petition=None).values("petition_id")))
