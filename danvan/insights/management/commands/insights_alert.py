"""Run hourly or daily from the scheduler (cron, systemd timer, Celery beat): see docs/reception-and-reports.md."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.insights.alerts import hotspot_alerts_send


class Command(BaseCommand):
    help = "Báo điểm nóng cho lãnh đạo, trưởng đơn vị / tell leaders and unit heads of new hot issues"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", type=dt.date.fromisoformat, help="ngày chạy YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args: Any, **options: Any) -> None:
        count = hotspot_alerts_send(today=options.get("on"))
        self.stdout.write(f"{count} alert(s) recorded")
