from __future__ import annotations

from django.db import models

from danvan.documents.models import IssuedDocument


def documents_for(obj: models.Model, *, citizen_only: bool = False) -> models.QuerySet[IssuedDocument]:
    """The documents issued about `obj`, oldest first; `citizen_only` keeps those addressed to the citizen."""
    qs = IssuedDocument.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    if citizen_only:
        qs = qs.filter(addressed_to_citizen=True)
    return qs.select_related("template", "unit").order_by("issued_on", "id")
