"""Hot issue alerts: the leader hears of every hot issue, a unit head of those among their units' petitions,
each once while it lasts, by e-mail where an address is known, with an audit event."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from conftest import make_official
from danvan.audit.models import Event
from danvan.insights.alerts import hotspot_alerts_send
from danvan.insights.models import HotspotAlert
from danvan.insights.tests.test_hotspots import HA_TINH, petition
from danvan.org.models import Role

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)


@pytest.fixture
def river(land_department):
    """Six reports of dead fish in Hà Tĩnh this week, to the land department; none before."""
    for i in range(6):
        petition(land_department, TODAY - timedelta(days=i % 3), suggested="moi-truong", province=HA_TINH)


def test_the_leader_and_the_units_head_hear_of_a_hot_issue_once_while_it_lasts(river, officials, land_department):
    land_head = make_official("truongcuc", Role.UNIT_HEAD, land_department, "Đinh Văn Cục")
    officials["leader"].email, land_head.email = "thutruong@bnnmt.gov.vn", ""
    officials["leader"].save()
    assert hotspot_alerts_send(today=TODAY) == 2
    told = {a.recipient.username: a for a in HotspotAlert.objects.select_related("recipient")}
    assert set(told) == {"thutruong", "truongcuc"}  # not the intake unit's head: not their units' petitions
    assert told["thutruong"].count == 6 and told["thutruong"].province_code == HA_TINH
    assert told["thutruong"].emailed and not told["truongcuc"].emailed
    [message] = mail.outbox
    assert message.to == ["thutruong@bnnmt.gov.vn"]
    assert "Môi trường – Hà Tĩnh, 6 đơn trong 7 ngày (thường lệ 0,5)" in message.subject
    assert "http://127.0.0.1:8000/desk/dashboard/" in message.body
    assert Event.objects.filter(action="insights.hotspot_alert").count() == 2

    # The next runs, the same day and the days after while it lasts, tell nobody again.
    assert hotspot_alerts_send(today=TODAY) == 0
    petition(land_department, TODAY + timedelta(days=1), suggested="moi-truong", province=HA_TINH)
    assert hotspot_alerts_send(today=TODAY + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_the_command_tells_of_nothing_when_nothing_is_hot(officials, capsys):
    call_command("insights_alert", "--on", "2026-11-20")
    assert "0 alert(s) recorded" in capsys.readouterr().out
    assert not HotspotAlert.objects.exists()


def test_an_issue_hot_for_weeks_is_told_once_and_again_only_after_a_quiet_window(officials, land_department):
    leader = officials["leader"]
    # Ten reports a week from Hà Tĩnh for three weeks, none before: hot every day of it.
    for day in range(21):
        for _i in range(2 if day % 2 else 1):
            petition(land_department, TODAY + timedelta(days=day), suggested="moi-truong", province=HA_TINH)
    for day in range(21):
        hotspot_alerts_send(today=TODAY + timedelta(days=day))
    told = HotspotAlert.objects.filter(recipient=leader).order_by("sent_on").values_list(
        "field__code", "province_code", "sent_on")
    assert list(told) == [("moi-truong", HA_TINH, TODAY + timedelta(days=3))]
    # Quiet for a whole window after it: the next spike is a new issue.
    quiet_end = TODAY + timedelta(days=21 + 60)
    for i in range(8):
        petition(land_department, quiet_end - timedelta(days=i % 3), suggested="moi-truong", province=HA_TINH)
    hotspot_alerts_send(today=quiet_end)
    assert [a.sent_on for a in HotspotAlert.objects.filter(recipient=leader).order_by("sent_on")] == [
        TODAY + timedelta(days=3), quiet_end]
