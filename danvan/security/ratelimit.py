"""Counting requests per client in a cache every web process shares.

The counters live in the `shared` cache: a database table on the embedded setup (so several server
processes count together), Redis at scale (DANVAN_CACHE_URL). A fixed window per (scope, client) keeps
one key per client and window; the limit is approximate at the window's edge, which is enough to stop a
flood and never blocks a citizen who submits a few petitions.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest

CACHE_ALIAS = "shared"


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Limit:
        """"20/3600" → 20 requests per 3600 seconds."""
        count, seconds = text.split("/")
        return cls(int(count), int(seconds))


def client_id(request: HttpRequest) -> str:
    """The client's address; behind a trusted proxy, the address the proxy saw (DANVAN_TRUSTED_PROXY_HOPS)."""
    return client_address(request.META)


def client_address(environ: Mapping[str, Any]) -> str:
    """client_id for a WSGI environ (what request.META holds), for entry points that answer without Django's
    request object (danvan.consultation.fastpath)."""
    hops = int(getattr(settings, "DANVAN_TRUSTED_PROXY_HOPS", 0))
    if hops:
        forwarded = [a.strip() for a in str(environ.get("HTTP_X_FORWARDED_FOR", "")).split(",") if a.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return str(environ.get("REMOTE_ADDR") or "unknown")


def _cache_key(scope: str, key: str, window: int) -> str:
    # The key is digested: it may be anything a client typed (a username of any length or character), and the
    # database cache refuses keys over 255 characters, which would leave that client uncounted.
    return f"rl:{scope}:{hashlib.sha256(key.encode()).hexdigest()[:32]}:{window}"


def hit(scope: str, key: str, limit: Limit) -> tuple[bool, int]:
    """Count one request; (allowed, seconds until the window ends)."""
    cache = caches[CACHE_ALIAS]
    now = int(time.time())
    window = now // limit.seconds
    cache_key = _cache_key(scope, key, window)
    if isinstance(cache, RedisCache):
        count = _redis_count(cache, cache_key, limit.seconds + 1)
    elif cache.add(cache_key, 1, timeout=limit.seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=limit.seconds + 1)
            count = 1
    retry_after = (window + 1) * limit.seconds - now
    return count <= limit.count, retry_after


# Start the window's counter if it is new, then count: one command, atomic in Redis.
_COUNT = "redis.call('SET', KEYS[1], 0, 'EX', ARGV[1], 'NX') return redis.call('INCR', KEYS[1])"


def _redis_count(cache: RedisCache, cache_key: str, timeout: int) -> int:
    # One round trip where Django's add-then-incr takes three (incr checks that the key exists first); every
    # submission is counted, so this is on the intake's path.
    key = cache.make_and_validate_key(cache_key)
    return int(_redis(settings.CACHES[CACHE_ALIAS]["LOCATION"]).eval(_COUNT, 1, key, timeout))


@functools.cache
def _redis(location: str) -> redis.Redis:
    # One client per process (thread-safe, with its own pool); Django's builds a new one for every call.
    return redis.Redis.from_url(location)


def count(scope: str, key: str, limit: Limit) -> int:
    """How many hits the current window holds (without counting one)."""
    window = int(time.time()) // limit.seconds
    return int(caches[CACHE_ALIAS].get(_cache_key(scope, key, window), 0))


def reset(scope: str, key: str, limit: Limit) -> None:
    window = int(time.time()) // limit.seconds
    caches[CACHE_ALIAS].delete(_cache_key(scope, key, window))
