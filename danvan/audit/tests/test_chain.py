import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from danvan.audit.guard import guard_install, guard_installed, guard_remove
from danvan.audit.models import Event
from danvan.audit.services import audit_record, audit_verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def intruder():
    """Someone with the database owner's rights: drops the triggers, as an attacker with a shell would."""
    guard_remove(connection)
    yield
    guard_install(connection)


def test_an_untouched_chain_verifies():
    for i in range(3):
        audit_record(action="petition.receive", object_type="petitions.petition", object_id=i, actor_label="citizen",
                     data={"n": i, "text": "đất đai"})
    check = audit_verify_chain()
    assert check.ok and check.checked == 3


def test_the_database_refuses_to_update_an_event():
    event = audit_record(action="x", object_type="t", object_id=1, actor_label="system")
    assert guard_installed(connection)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(data={"forged": True})
    event.refresh_from_db()
    assert event.data == {}


def test_the_database_refuses_to_delete_an_event():
    event = audit_record(action="x", object_type="t", object_id=1, actor_label="system")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(pk=event.pk).delete()
    assert Event.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_a_raw_sql_delete_too():
    audit_record(action="x", object_type="t", object_id=1, actor_label="system")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_event")
    assert Event.objects.count() == 1


def test_an_edited_event_is_named_as_the_first_broken_link(intruder):
    events = [audit_record(action="x", object_type="t", object_id=i, actor_label="system") for i in range(4)]
    Event.objects.filter(pk=events[1].pk).update(data={"forged": True})
    check = audit_verify_chain()
    assert not check.ok
    assert check.first_broken_id == events[1].pk


def test_a_deleted_event_breaks_the_chain_at_its_successor(intruder):
    events = [audit_record(action="x", object_type="t", object_id=i, actor_label="system") for i in range(4)]
    Event.objects.filter(pk=events[2].pk).delete()
    check = audit_verify_chain()
    assert check.first_broken_id == events[3].pk


def test_deleting_the_last_event_is_detected(intruder):
    events = [audit_record(action="x", object_type="t", object_id=i, actor_label="system") for i in range(2)]
    Event.objects.filter(pk=events[-1].pk).delete()
    assert not audit_verify_chain().ok


def test_audit_verify_command_reports_an_intact_chain(capsys):
    for i in range(3):
        audit_record(action="x", object_type="t", object_id=i, actor_label="system")
    call_command("audit_verify")
    assert "OK: 3 events" in capsys.readouterr().out


def test_audit_verify_command_names_the_first_broken_link_and_exits_1(intruder):
    events = [audit_record(action="x", object_type="t", object_id=i, actor_label="system") for i in range(3)]
    Event.objects.filter(pk=events[1].pk).update(action="y")
    with pytest.raises(CommandError) as raised:
        call_command("audit_verify")
    assert raised.value.returncode == 1
    assert f"event {events[1].pk}" in str(raised.value)
