"""Telling those who must know when a hot issue appears: every leader of the agency for any hot issue, each
unit head for one among their units' petitions. Run it from the scheduler (`manage.py insights_alert`, hourly
or daily); an official hears of an issue once while it lasts, however long and however often it runs: not
again until it has been found hot for none of a whole window of days."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import DateField, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.insights.hotspots import DAYS, Hotspot, hotspots
from danvan.insights.models import HotspotAlert
from danvan.org.models import Role, User
from danvan.org.predicates import user_unit_ids

log = logging.getLogger(__name__)


def _recipients() -> list[tuple[User, set[int] | None]]:
    """Who is told, with the units whose petitions concern them (None: all)."""
    found: list[tuple[User, set[int] | None]] = []
    for user in User.objects.filter(is_active=True).order_by("id"):
        if user.has_role(Role.LEADER):
            found.append((user, None))
        elif user.has_role(Role.UNIT_HEAD) and user.unit_id is not None:
            found.append((user, user_unit_ids(user)))
    return found


def _subject(spot: Hotspot) -> str:
    where = " – ".join(filter(None, [spot.field_name, spot.province_name]))
    counted = (_("%(petitions)s đơn và %(visits)s lượt tiếp") if spot.visits else _("%(petitions)s đơn")) % {
        "petitions": spot.petitions, "visits": spot.visits}
    return _("Điểm nóng: %(where)s, %(counted)s trong %(days)s ngày (thường lệ %(usual)s)") % {
        "where": where, "counted": counted, "days": (spot.end - spot.start).days + 1,
        "usual": formats.number_format(spot.usual)}


def hotspot_alerts_send(*, today: dt.date | None = None) -> int:
    """Record, and e-mail where an address is known, each hot issue not yet told to each official who must
    know of it. Returns how many alerts were recorded."""
    today = today or timezone.localdate()
    quiet_since = today - dt.timedelta(days=DAYS)
    by_scope: dict[frozenset[int] | None, list[Hotspot]] = {}
    sent = 0
    for user, unit_ids in _recipients():
        scope = frozenset(unit_ids) if unit_ids is not None else None
        if scope not in by_scope:
            by_scope[scope] = hotspots(today=today, unit_ids=unit_ids)
        for spot in by_scope[scope]:
            with transaction.atomic():
                User.objects.select_for_update().filter(pk=user.pk).first()  # two runs at once tell once
                # Told while it lasts: the last day it was found hot for this official (whether or not that
                # run told them) must lie within the window; an issue hot for weeks is told once, not weekly.
                told = HotspotAlert.objects.filter(
                    recipient=user, field=spot.field_id, province_code=spot.province_code).filter(
                    Q(seen_on__gt=quiet_since) | Q(seen_on__isnull=True, sent_on__gt=quiet_since))
                if told.update(seen_on=Greatest(Coalesce("seen_on", "sent_on"), Value(today, output_field=DateField()))):
                    continue
                alert = HotspotAlert.objects.create(
                    recipient=user, field_id=spot.field_id, province_code=spot.province_code, start=spot.start,
                    end=spot.end, count=spot.count, usual=spot.usual, sent_on=today, seen_on=today)
                if user.email:
                    with translation.override("vi"):  # the agency's language; officials' mail is in it
                        subject = _subject(spot)
                        body = _("%(subject)s.\n\nXem trên Bảng điều hành: %(url)s\n") % {
                            "subject": subject, "url": settings.DANVAN_SITE_URL + reverse("insights:dashboard")}
                        alert.emailed = bool(send_mail(subject, body, None, [user.email], fail_silently=True))
                    if alert.emailed:
                        alert.save(update_fields=["emailed"])
                audit_record(action="insights.hotspot_alert", obj=alert, actor_label="system", data={
                    "field": spot.field_id, "province": spot.province_code, "count": spot.count,
                    "recipient": user.pk, "emailed": alert.emailed})
                sent += 1
    log.info("hot issue alerts on %s: %s recorded", today, sent)
    return sent
