"""The reminder task through a real Celery worker on Redis and on RabbitMQ."""

from __future__ import annotations

import os
import time
from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import OperationalError

from danvan.celery import app as celery_app
from danvan.matters.models import Reminder
from danvan.matters.tasks import matters_send_reminders
from danvan.tasks import uses_broker


def _reset_connections() -> None:
    # The app caches its connection and producer pools for the broker it first used.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _reminded(matter) -> bool:
    try:
        return Reminder.objects.filter(matter=matter).exists()
    except OperationalError:  # SQLite's shared in-memory test database: the worker holds the table just now
        return False


BROKERS = ["redis://127.0.0.1:6379/15", "amqp://guest:guest@127.0.0.1:5672//"]


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("broker_url", BROKERS)
def test_the_reminder_task_runs_on_a_celery_worker(broker_url, open_matter, people, settings):
    matter = open_matter()  # acceptance due 16 March 2026
    settings.CELERY_BROKER_URL = broker_url
    celery_app.conf.broker_url = broker_url
    celery_app.conf.task_always_eager = False
    # A queue of this run's own, so a test run beside it (the other database's leg) never takes its task.
    celery_app.conf.task_default_queue = f"danvan-test-{os.getpid()}"
    _reset_connections()
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            assert uses_broker()  # the call goes to the worker, not to the in-process pool
            matters_send_reminders.enqueue(on=date(2026, 3, 12).isoformat())
            deadline = time.monotonic() + 60
            while not _reminded(matter) and time.monotonic() < deadline:
                time.sleep(0.2)
    finally:
        celery_app.pool.force_close_all()
        _reset_connections()
    assert Reminder.objects.filter(matter=matter, recipient=people["unit_head"]).exists()
