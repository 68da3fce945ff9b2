"""Migration reception/0002 encrypts the reception book's identities that were stored in plain text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from danvan.reception.models import Representative, Visit
from danvan.reception.selectors import visitor_history

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("reception", "0001_initial")]
AFTER = [("reception", "0002_identity_in_the_vault")]


def test_plain_identities_are_encrypted_and_found_by_their_blind_index(ministry):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    visit = old.get_model("reception", "Visit").objects.create(
        unit_id=ministry.pk, visited_on=dt.date(2026, 3, 2), number=1, full_name="Trần Thị Bình",
        id_number="001185012345", address="Phường Hoàn Kiếm, Hà Nội", content="Khiếu nại về bồi thường.",
        kind="complaint", handling="guide")
    old.get_model("reception", "Representative").objects.create(visit_id=visit.pk, full_name="Lê Văn Cường",
                                                                 id_number="001185099999")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name, id_number, address FROM reception_visit WHERE id = %s", [visit.pk])
        stored = cursor.fetchone()
    assert "Bình" not in stored[0] and "001185012345" not in stored[1] and "Hoàn Kiếm" not in stored[2]
    migrated = Visit.objects.get(pk=visit.pk)
    assert (migrated.full_name, migrated.id_number, migrated.address) == (
        "Trần Thị Bình", "001185012345", "Phường Hoàn Kiếm, Hà Nội")
    assert Representative.objects.get(visit=migrated).full_name == "Lê Văn Cường"
    assert [v.pk for v in visitor_history(id_number="001185012345").visits] == [visit.pk]
