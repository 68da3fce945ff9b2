from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.api.services import api_token_create
from danvan.org.models import User


class Command(BaseCommand):
    help = "Cấp khóa API (Bearer) cho một cán bộ; khóa chỉ hiện một lần."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="Tên gợi nhớ của khóa, ví dụ 'báo cáo tuần'")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Không có cán bộ {options['username']} đang hoạt động.")
        _token, key = api_token_create(user=user, name=options["name"])
        self.stdout.write(key)
