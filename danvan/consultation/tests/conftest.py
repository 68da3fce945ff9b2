from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.consultation import intake, services
from danvan.consultation.models import Draft, DraftVersion
from danvan.consultation.tests.samples import DRAFT_V1


@pytest.fixture(autouse=True)
def fresh_intake(settings):
    # Each test starts with no cached draft and no rate-limit counts from an earlier test.
    from django.core.cache import cache

    cache.clear()
    intake._drafts.clear()
    settings.DANVAN_CONSULTATION_MIN_SECONDS_ON_PAGE = 0
    yield
    intake._drafts.clear()


@pytest.fixture
def drafter(officials):
    return officials["drafter"]


@pytest.fixture
def draft(ministry, drafter) -> Draft:
    return services.draft_create(title="Luật sửa đổi, bổ sung một số điều của Luật Đất đai", slug="luat-dat-dai",
                                 unit=ministry, by=drafter)


@pytest.fixture
def version(draft, drafter) -> DraftVersion:
    return services.draft_version_import(draft=draft, data=DRAFT_V1.encode(), filename="du-thao-v1.txt", by=drafter)


@pytest.fixture
def open_draft(draft, version, drafter) -> Draft:
    today = timezone.localdate()
    return services.draft_set_period(draft=draft, opens_on=today - dt.timedelta(days=5),
                                     closes_on=today + dt.timedelta(days=60), by=drafter)


def provision(version: DraftVersion, label: str):
    return version.provisions.get(label=label)
