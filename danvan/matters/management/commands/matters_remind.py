"""Run once a day from the scheduler (cron, systemd timer, Celery beat): see docs/workflows.md."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.matters.reminders import reminders_send
from danvan.matters.tasks import matters_send_reminders
from danvan.tasks import uses_broker


class Command(BaseCommand):
    help = "Nhắc hạn vụ việc khiếu nại, tố cáo / remind officials of matters' time limits"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="ngày chạy YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--enqueue", action="store_true",
                            help="gửi cho Celery worker thay vì chạy ngay trong tiến trình này")

    def handle(self, *args: Any, **options: Any) -> None:
        on = options.get("on")
        if options["enqueue"] and uses_broker():
            matters_send_reminders.enqueue(on=on)
            self.stdout.write("enqueued")
            return
        count = reminders_send(on=dt.date.fromisoformat(on) if on else None)
        self.stdout.write(f"{count} reminder(s) recorded")
