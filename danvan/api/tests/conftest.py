from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.api.models import Open311Client
from danvan.api.services import api_token_create, open311_client_create
from danvan.org.models import Unit, User


@pytest.fixture
def open311_app(intake_unit: Unit) -> tuple[Open311Client, str]:
    """A civic app registered to file petitions; its api_key in clear, as the administrator handed it over."""
    return open311_client_create(name="Ứng dụng Phản ánh hiện trường Đà Nẵng")


@pytest.fixture
def bearer(officials: dict[str, User]) -> Any:
    """Authorization headers acting as the given role."""

    def make(role: str) -> dict[str, str]:
        _token, key = api_token_create(user=officials[role], name=f"kịch bản {role}")
        return {"Authorization": f"Bearer {key}"}

    return make


@pytest.fixture
def api_client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="vi")
