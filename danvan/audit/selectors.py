from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from danvan.audit.models import Event


def events_for(obj: models.Model) -> QuerySet[Event]:
    """The history of one object, oldest first."""
    return Event.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related(
        "actor").order_by("id")
