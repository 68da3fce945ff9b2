from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from danvan.api.models import ApiToken, Open311Client
from danvan.org.models import User

pytestmark = pytest.mark.django_db


def test_api_token_create_prints_a_working_key_once_and_stores_only_its_digest(
    client: Client, officials: dict[str, User],
) -> None:
    out = StringIO()
    call_command("api_token_create", "thanhtra", "báo cáo tuần", stdout=out)
    key = out.getvalue().strip()

    token = ApiToken.objects.get()
    assert token.user == officials["inspector"] and token.name == "báo cáo tuần"
    assert key not in (token.key_hash, token.prefix) and key.startswith(token.prefix)
    assert client.get("/api/v1/staff/petitions", headers={"Authorization": f"Bearer {key}"}).status_code == 200


def test_api_token_create_refuses_an_unknown_user(db: None) -> None:
    with pytest.raises(CommandError):
        call_command("api_token_create", "khongco", "x", stdout=StringIO())


def test_open311_client_create_prints_the_key(db: None) -> None:
    out = StringIO()
    call_command("open311_client_create", "Ứng dụng Hà Nội", stdout=out)

    client = Open311Client.objects.get()
    assert client.name == "Ứng dụng Hà Nội" and out.getvalue().strip().startswith(client.prefix)
