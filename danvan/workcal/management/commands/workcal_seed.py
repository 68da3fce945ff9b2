from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.tasks import wait_for_in_process_tasks
from danvan.workcal.services import workcal_seed


class Command(BaseCommand):
    help = "Nạp ngày lễ (gói holidays, VN) và lịch hoán đổi của Chính phủ vào lịch làm việc. Chạy lại an toàn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from-year", type=int, default=2012)
        parser.add_argument("--to-year", type=int, default=2030)

    def handle(self, *args: Any, **options: Any) -> None:
        result = workcal_seed(years=range(options["from_year"], options["to_year"] + 1))
        wait_for_in_process_tasks()
        self.stdout.write(
            f"Đã tạo {result.created}, cập nhật {result.updated}, giữ nguyên {result.unchanged}, "
            f"giữ ngày do quản trị viên sửa {result.kept_admin}."
        )
