from __future__ import annotations

from datetime import date

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from danvan.audit.selectors import events_for
from danvan.matters import services as s
from danvan.matters.deadlines import time_limits_recompute
from danvan.matters.models import Matter, Reminder, TimeLimit
from danvan.workcal.recompute import registered_recomputes
from danvan.workcal.services import workcal_day_set
from danvan.workcal.tasks import workcal_recompute_time_limits


def test_a_new_day_off_moves_the_open_limits_it_falls_in(open_matter, people):
    waiting = open_matter()  # acceptance due Mon 16 March (10 working days from 2 March)
    running = s.matter_accept(matter=open_matter(), by=people["unit_head"], on=date(2026, 3, 5))  # due 6 April
    closed = s.matter_refuse(matter=open_matter(), by=people["unit_head"], ground=8, on=date(2026, 3, 5))
    closed_before = TimeLimit.objects.get(matter=closed, key="acceptance").due
    assert "matters.time_limits" in registered_recomputes()

    workcal_day_set(date=date(2026, 3, 10), is_working=False, reason="Nghỉ đột xuất do bão", by=people["administrator"])
    workcal_day_set(date=date(2026, 4, 6), is_working=False, reason="Nghỉ bù", by=people["administrator"])
    workcal_recompute_time_limits(reason="test")  # what the enqueued task runs, here in this transaction

    waiting.refresh_from_db()
    running.refresh_from_db()
    acceptance = TimeLimit.objects.get(matter=waiting, key="acceptance")
    assert acceptance.due == date(2026, 3, 17) and waiting.next_due == date(2026, 3, 17)
    assert any(d["date"] == "2026-03-10" for d in acceptance.explained["skipped"])
    assert running.next_due == date(2026, 4, 7)  # the last day is now a day off: the next working day
    assert TimeLimit.objects.get(matter=closed, key="acceptance").due == closed_before  # met limits stay


def test_recompute_in_small_chunks_changes_only_what_moved(open_matter, people):
    matters = [open_matter() for _ in range(5)]
    workcal_day_set(date=date(2026, 3, 10), is_working=False, reason="Nghỉ đột xuất", by=people["administrator"])
    assert time_limits_recompute(chunk_size=2) == 5
    assert time_limits_recompute(chunk_size=2) == 0
    assert set(Matter.objects.filter(pk__in=[m.pk for m in matters]).values_list("next_due", flat=True)) == {
        date(2026, 3, 17)}


def test_overdue_and_due_soon_are_queries_on_next_due(open_matter, people):
    a = open_matter()  # acceptance due 16 March
    b = s.matter_accept(matter=open_matter(), by=people["unit_head"], on=date(2026, 3, 5))  # due 6 April
    assert set(Matter.objects.overdue(on=date(2026, 3, 17))) == {a}
    assert set(Matter.objects.due_soon(on=date(2026, 3, 14), days=3)) == {a}
    assert set(Matter.objects.overdue(on=date(2026, 4, 7))) == {a, b}


def test_reminders_go_to_the_assignee_and_the_unit_head_once(open_matter, people):
    head, handler = people["unit_head"], people["handler"]
    head.email = "pham.thu.ha@bnnmt.gov.vn"
    head.save()
    matter = open_matter()
    Matter.objects.filter(pk=matter.pk).update(assignee=handler)
    later = s.matter_accept(matter=open_matter(), by=head, on=date(2026, 3, 5))  # due 6 April: not yet
    # On Thu 12 March, 3 working days ahead reach Tue 17 March: the acceptance limit of 16 March is near.
    call_command("matters_remind", on="2026-03-12")
    reminders = Reminder.objects.filter(matter=matter)
    assert {r.recipient for r in reminders} == {head, handler}
    assert not Reminder.objects.filter(matter=later).exists()
    assert [m.to for m in mail.outbox] == [["pham.thu.ha@bnnmt.gov.vn"]]
    assert matter.code in mail.outbox[0].subject and "16/03/2026" in mail.outbox[0].subject
    assert reminders.get(recipient=head).emailed and not reminders.get(recipient=handler).emailed
    call_command("matters_remind", on="2026-03-13")
    assert Reminder.objects.filter(matter=matter).count() == 2
    assert [e.action for e in events_for(matter)].count("matter.remind") == 2


def test_no_reminder_for_a_suspended_or_closed_matter(open_matter, people):
    head = people["unit_head"]
    matter = s.matter_accept(matter=open_matter(), by=head, on=date(2026, 3, 5))
    s.matter_suspend(matter=matter, by=head, on=date(2026, 3, 20), reason="Chờ giám định.")
    refused = s.matter_refuse(matter=open_matter(), by=head, ground=8, on=date(2026, 3, 5))
    call_command("matters_remind", on="2026-04-02")
    call_command("matters_remind", on="2026-03-12")
    assert not Reminder.objects.filter(matter__in=[matter, refused]).exists()


def _updated_rows(table: str) -> int | None:
    """Rows this transaction has updated in `table` (PostgreSQL's own counter); None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_get_xact_tuples_updated(%s::regclass)", [table])
        return int(cursor.fetchone()[0])


def test_recompute_writes_only_the_limits_and_matters_that_moved(open_matter, people):
    moving = [open_matter() for _ in range(3)]  # acceptance due 16 March: a day off on 10 March moves it
    still = open_matter(received=date(2026, 3, 20))  # counted from 20 March: 10 March is behind it
    sentinel = {"marker": "không ghi lại"}
    TimeLimit.objects.filter(matter=still).update(explained=sentinel)
    Matter.objects.filter(pk=still.pk).update(next_due_key="sentinel")
    workcal_day_set(date=date(2026, 3, 10), is_working=False, reason="Nghỉ đột xuất", by=people["administrator"])
    limits_before, matters_before = _updated_rows("matters_timelimit"), _updated_rows("matters_matter")

    assert time_limits_recompute() == 3

    assert TimeLimit.objects.get(matter=still, key="acceptance").explained == sentinel
    assert Matter.objects.get(pk=still.pk).next_due_key == "sentinel"
    for matter in moving:
        matter.refresh_from_db()
        assert matter.next_due == date(2026, 3, 17) and matter.next_due_key == "acceptance"
        assert TimeLimit.objects.get(matter=matter, key="acceptance").explained["due"] == "2026-03-17"
    if limits_before is not None and matters_before is not None:
        assert (_updated_rows("matters_timelimit") or 0) - limits_before == 3
        assert (_updated_rows("matters_matter") or 0) - matters_before == 3
    assert time_limits_recompute() == 0


def test_a_limit_is_stored_with_its_vietnamese_name_and_shown_in_the_readers_language(open_matter):
    with translation.override("en"):  # opened during an English request
        matter = open_matter()
    limit = TimeLimit.objects.get(matter=matter, key="acceptance")

    assert limit.label == "Hạn thụ lý" and limit.display_label == "Hạn thụ lý"
    with translation.override("en"):
        assert limit.display_label == "Deadline for acceptance"
        limit.key = "acceptance_1"  # the first tier's limit, kept beside a second complaint's
        assert limit.display_label == "Deadline for acceptance (first tier)"
