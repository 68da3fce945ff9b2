"""Telling the officials who handle a petition that its petitioner sent something more."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.org.models import User
from danvan.org.selectors import unit_heads
from danvan.petitions.models import Supplement
from danvan.tasks import background


def supplement_recipients(supplement: Supplement) -> list[User]:
    """The petition's handler and the matter's assignee; with neither, the heads of the petition's unit."""
    petition = supplement.petition
    people = [u for u in (petition.assigned_to, petition.matter.assignee if petition.matter else None) if u]
    if not people:
        people = unit_heads([petition.unit_id]).get(petition.unit_id, [])
    return list({u.pk: u for u in people if u.is_active and u.email}.values())


@background
def supplement_notify(*, supplement_id: int) -> None:
    """E-mail what a citizen sent (an addition, a request to withdraw) to the officials who handle it."""
    supplement = (Supplement.objects.select_related("petition__assigned_to", "petition__matter__assignee")
                  .filter(pk=supplement_id).first())
    if supplement is None:
        return
    petition = supplement.petition
    if supplement.kind == Supplement.Kind.WITHDRAWAL:
        subject = _("Đơn %(code)s: người gửi đề nghị rút đơn") % {"code": petition.code}
    else:
        subject = _("Đơn %(code)s: người gửi bổ sung nội dung, tài liệu") % {"code": petition.code}
    body = _("%(subject)s.\n\n%(text)s\n\nXem tại: %(path)s\n") % {
        "subject": subject, "text": supplement.text or _("(Không có nội dung, chỉ có tệp gửi kèm.)"),
        "path": settings.DANVAN_SITE_URL + reverse("petitions:detail", args=[petition.code])}
    for user in supplement_recipients(supplement):
        send_mail(subject, body, None, [user.email], fail_silently=True)
