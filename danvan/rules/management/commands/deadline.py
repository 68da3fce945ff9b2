from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.rules.errors import RuleError
from danvan.rules.services import deadline_compute


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ '{value}', cần dạng YYYY-MM-DD / invalid date") from exc


class Command(BaseCommand):
    help = ("Tính một thời hạn theo gói quy tắc và lịch làm việc, không đụng đến hồ sơ nào. "
            "Ví dụ: ./manage.py deadline --rule complaint.first_resolution --start 2026-02-10 --complex")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rule", required=True, help="mã quy tắc, ví dụ complaint.first_resolution")
        parser.add_argument("--start", required=True, help="ngày xảy ra sự kiện (không tính), YYYY-MM-DD")
        parser.add_argument("--complex", action="store_true", help="vụ việc phức tạp")
        parser.add_argument("--remote", action="store_true", help="vùng sâu, vùng xa, đi lại khó khăn")
        parser.add_argument("--extensions", type=int, default=0, help="số lần gia hạn đã quyết định")
        parser.add_argument("--suspended-days", type=int, default=0, help="số ngày tạm dừng không tính")
        parser.add_argument("--json", action="store_true", help="in diễn giải dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            deadline = deadline_compute(
                rule=options["rule"], start=_date(options["start"]), complex=options["complex"],
                remote=options["remote"], extensions=options["extensions"],
                suspended_days=options["suspended_days"],
            )
        except RuleError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(deadline.explain(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(deadline.due.isoformat())
        for line in deadline.explain_lines():
            self.stdout.write(line)
