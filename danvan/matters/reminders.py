"""Following the clock: remind the assignee and the unit head before a time limit passes."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.matters.models import Matter, Reminder, TimeLimit
from danvan.matters.workflow import CLOSED_STATES
from danvan.org.selectors import unit_heads
from danvan.workcal.selectors import calendar_get

log = logging.getLogger(__name__)


def remind_working_days() -> int:
    """How many working days ahead to remind: an operating choice of the agency, not a rule of law."""
    return int(getattr(settings, "DANVAN_MATTERS_REMIND_WORKING_DAYS", 3))


def reminders_send(*, on: dt.date | None = None, working_days: int | None = None) -> int:
    """Record (and e-mail) one reminder per running limit due within `working_days` working days of `on`,
    per recipient: the assignee and the unit's heads. Idempotent: a second run on the same day adds none.
    Returns how many reminders were recorded."""
    today = on or timezone.localdate()
    n = remind_working_days() if working_days is None else working_days
    horizon = calendar_get().add_working_days(today, n)
    limits = list(
        TimeLimit.objects.filter(status=TimeLimit.Status.RUNNING, for_agency=True, due__gte=today, due__lte=horizon)
        .exclude(matter__state__in=CLOSED_STATES).select_related("matter", "matter__assignee")
        .order_by("due", "id")
    )
    heads = unit_heads({limit.matter.unit_id for limit in limits})
    sent = 0
    for limit in limits:
        matter: Matter = limit.matter
        recipients = {u.pk: u for u in heads.get(matter.unit_id, [])}
        if matter.assignee is not None:
            recipients[matter.assignee.pk] = matter.assignee
        for user in recipients.values():
            with transaction.atomic():
                reminder, created = Reminder.objects.get_or_create(
                    time_limit=limit, recipient=user, due=limit.due,
                    defaults={"matter": matter, "sent_on": today},
                )
                if not created:
                    continue
                if user.email:
                    subject = _("Vụ việc %(code)s: %(label)s đến hết ngày %(due)s") % {
                        "code": matter.code, "label": limit.display_label, "due": f"{limit.due:%d/%m/%Y}"}
                    body = _("%(subject)s.\n\n%(text)s\n") % {
                        "subject": subject, "text": "\n".join(limit.explained.get("text", []))}
                    sent_ok = send_mail(subject, body, None, [user.email], fail_silently=True)
                    if sent_ok:
                        reminder.emailed = True
                        reminder.save(update_fields=["emailed"])
                audit_record(action="matter.remind", obj=matter, actor_label="system", data={
                    "time_limit": limit.key, "due": limit.due, "recipient": user.pk, "emailed": reminder.emailed})
                sent += 1
    log.info("matters reminders on %s: %s recorded", today, sent)
    return sent
