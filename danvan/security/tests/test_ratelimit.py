"""The per-client counters, on the database cache (embedded) and on Redis (at scale)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import caches

from danvan.security.ratelimit import CACHE_ALIAS, Limit, count, hit

REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/14"}
DATABASE = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "danvan_shared_cache"}


@pytest.fixture(params=[DATABASE, REDIS], ids=["database", "redis"])
def shared_cache(request: pytest.FixtureRequest, settings: Any) -> Iterator[None]:
    def forget() -> None:
        caches[CACHE_ALIAS].close()
        del caches[CACHE_ALIAS]  # the handler keeps a backend per thread once built

    settings.CACHES = {**settings.CACHES, CACHE_ALIAS: request.param}
    forget()
    yield
    forget()


@pytest.mark.django_db
@pytest.mark.usefixtures("shared_cache")
def test_a_client_is_allowed_its_count_then_refused_until_the_window_ends():
    client, other, limit = secrets.token_hex(4), secrets.token_hex(4), Limit(3, 60)

    answers = [hit("submit", client, limit) for _ in range(4)]

    assert [allowed for allowed, _ in answers] == [True, True, True, False]
    assert all(0 < retry_after <= 60 for _, retry_after in answers)
    assert count("submit", client, limit) == 4
    assert hit("submit", other, limit)[0] and count("submit", other, limit) == 1
