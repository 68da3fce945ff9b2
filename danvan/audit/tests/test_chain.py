import pytest

from danvan.audit.models import Event
from danvan.audit.services import audit_record, audit_verify_chain

pytestmark = pytest.mark.django_db


def test_an_untouched_chain_verifies():
    for i in range(3):
        audit_record(action="petition.receive", object_type="petitions.petition", object_id=i, actor_label="citizen",
                     data={"n": i, "text": "đất đai"})
    check = audit_verify_chain()
    assert check.ok and check.checked == 3


def test_an_edited_event_is_named_as_the_first_broken_link():
    events = [audit_record(action="x", object_type="t", object_id=i, actor_label="system") for i in range(4)]
    Event.objects.filter(pk=events[1].pk).update(data={"forged": True})
    check = audit_verify_chain()
    assert not check.ok
    assert check.first_broken_id == events[1].pk


def test_a_deleted_event_breaks_the_chain_at_its_successor():
    events = [audit_record(action="x", object_type="t", object_id=i, actor_label="system") for i in range(4)]
    Event.objects.filter(pk=events[2].pk).delete()
    check = audit_verify_chain()
    assert check.first_broken_id == events[3].pk


def test_deleting_the_last_event_is_detected():
    events = [audit_record(action="x", object_type="t", object_id=i, actor_label="system") for i in range(2)]
    Event.objects.filter(pk=events[-1].pk).delete()
    assert not audit_verify_chain().ok
