from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.api.services import open311_client_create


class Command(BaseCommand):
    help = "Đăng ký một ứng dụng Open311 và in api_key (chỉ hiện một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Tên ứng dụng; ghi vào 'cơ quan chuyển đến' của đơn")

    def handle(self, *args: Any, **options: Any) -> None:
        _client, key = open311_client_create(name=options["name"])
        self.stdout.write(key)
