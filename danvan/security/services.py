"""Publishing to supervising bodies."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.org.models import Role, Unit, User
from danvan.security.models import Publication


def publication_create(*, body: Unit, by: User, petition: Any = None, matter: Any = None, report: str = "",
                       scope: str = Publication.Scope.PROGRESS, note: str = "") -> Publication:
    """Publish one petition, matter or report to a supervising body; leaders, inspectors and
    administrators publish."""
    if not by.has_role(Role.LEADER, Role.INSPECTOR, Role.ADMINISTRATOR):
        raise ValidationError(_("Chỉ lãnh đạo, thanh tra hoặc quản trị viên được công khai cho cơ quan giám sát."))
    if sum(x is not None and x != "" for x in (petition, matter, report)) != 1:
        raise ValidationError(_("Chọn đúng một đơn, một vụ việc hoặc một báo cáo."))
    with transaction.atomic():
        publication = Publication.objects.create(body=body, petition=petition, matter=matter, report=report,
                                                 scope=scope, note=note, published_by=by)
        audit_record(action="publication.create", obj=publication, by=by,
                     data={"body": body.pk, "target": str(publication), "scope": scope})
    return publication


def publication_withdraw(*, publication: Publication, by: User) -> Publication:
    with transaction.atomic():
        publication.withdrawn_at = timezone.now()
        publication.save(update_fields=["withdrawn_at"])
        audit_record(action="publication.withdraw", obj=publication, by=by)
    return publication
