"""Matters built the way the desk builds them: a petition received, classified, then opened as a matter."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from conftest import make_official
from danvan.matters.models import Matter
from danvan.matters.services import matter_open
from danvan.org.models import Role, Unit, User
from danvan.petitions.models import Petition
from danvan.petitions.services import petition_classify
from danvan.petitions.tests.factories import at, citizen, receive
from danvan.workcal.selectors import calendar_cache_clear

DENUNCIATION = (
    "Tôi tố cáo ông Trần Văn Bình, cán bộ địa chính xã Hòa Vang, đã nhận 50 triệu đồng của hộ ông Lê Văn Cường "
    "để xác nhận sai nguồn gốc đất khi cấp giấy chứng nhận quyền sử dụng đất năm 2025. Kèm theo là bản sao "
    "giấy biên nhận và tin nhắn."
)

_serial = itertools.count(1)


@pytest.fixture
def people(officials: dict[str, User], intake_unit: Unit) -> dict[str, User]:
    """The roles of the matrix, plus a second verifier and an official of another unit."""
    other_unit = Unit.objects.create(code="cuc-khac", name="Cục Kiểm soát ô nhiễm", symbol="KSON",
                                     kind=Unit.Kind.DEPARTMENT, parent=intake_unit.parent)
    return {
        **officials,
        "verifier_2": make_official("xacminh2", Role.VERIFIER, intake_unit, "Ngô Thị Hạnh"),
        "other_head": make_official("truongcuc", Role.UNIT_HEAD, other_unit, "Đỗ Văn Khoa"),
    }


@pytest.fixture
def open_matter(people: dict[str, User], intake_unit: Unit) -> Callable[..., Matter]:
    def build(kind: str = "complaint", received: date = date(2026, 3, 2), anonymous: bool = False,
              **opts: Any) -> Matter:
        extra: dict[str, Any] = {}
        if kind == "denunciation":
            extra = {"subject": "Tố cáo cán bộ địa chính nhận tiền", "content": DENUNCIATION,
                     "decision_text": "Ông Trần Văn Bình, cán bộ địa chính xã Hòa Vang", "request_text": ""}
        # A new person each time: the same letter from the same person would be taken for a retry.
        serial = next(_serial)
        extra["petitioners"] = [] if anonymous else [citizen(id_number=f"0010850{serial:05d}")]
        receipt = receive(intake_unit, received_at=at(received), letter_date=received, **extra)
        petition = petition_classify(petition=receipt.petition, by=people["handler"], kind=kind, field=None)
        matter = matter_open(petition=petition, by=people["unit_head"], **opts)
        Petition.objects.filter(pk=petition.pk).update(matter=matter)
        return matter

    return build


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # The fixtures create a dozen officials; the real hasher's cost buys nothing in these tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    # A test's calendar edits roll back with its transaction, but this process's calendar cache would keep them.
    calendar_cache_clear()
    yield
    calendar_cache_clear()
