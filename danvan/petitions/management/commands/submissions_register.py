"""Register the citizens' submissions still waiting: at start-up, and from the scheduler (cron, systemd
timer, Celery beat) every few minutes, for any whose task was lost with its process. See docs/architecture.md."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.petitions.submissions import submissions_register


class Command(BaseCommand):
    help = "Vào sổ các đơn công dân gửi còn chờ / register the citizens' submissions still waiting"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, help="số đơn tối đa (mặc định: tất cả)")

    def handle(self, *args: Any, **options: Any) -> None:
        count = submissions_register(limit=options.get("limit"))
        self.stdout.write(f"{count} submission(s) registered")
