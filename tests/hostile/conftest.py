"""Hostile strings and helpers shared by the hostile-input tests."""

from __future__ import annotations

import pytest
from django.apps import apps

# Each is sent in every text field of every form and API; the comment says what it probes.
HOSTILE = {
    "script": '<script>alert("xss")</script>',
    "attribute": '"><img src=x onerror=alert(1)>',
    "sql_quote": "' OR '1'='1'; DROP TABLE petitions_petition; --",
    "sql_comment": "1; SELECT pg_sleep(5)--  /* */ \\",
    "fts_syntax": 'đất" OR "a" NEAR(b) * ^ : (',
    "template": "{{ settings.SECRET_KEY }} {% debug %} ${7*7} #{7*7}",
    "traversal": "../../../../etc/passwd",
    "nul": "Nội dung\x00có ký tự NUL",
    "control": "\x01\x02\x1b[31m\x7f",
    "bidi": "\u202eđơn\u202c \u200b\ufeff",
    "nfd_decomposed": "Khie\u0301u na\u0323i thu ho\u0302\u0300i \u0111a\u0302\u0301t",
    "emoji": "🏠🌾 đất 𠀀",
    "long": "Đ" * 60_000,
}
SURROGATE = "\ud800"  # a lone surrogate: not encodable in UTF-8


def table_counts() -> dict[str, int]:
    """Row counts of every model's table: what a refused request must leave unchanged."""
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


def changed_tables(before: dict[str, int], after: dict[str, int],
                   ignore: tuple[str, ...] = ("sessions.Session", "security.")) -> dict[str, tuple[int, int]]:
    return {k: (before.get(k, 0), v) for k, v in after.items()
            if before.get(k, 0) != v and not k.startswith(ignore)}


@pytest.fixture(autouse=True)
def no_rate_limits(settings) -> None:
    # These tests send many requests from one client; the rate limit itself is tested by its owner.
    limits = getattr(settings, "DANVAN_RATE_LIMITS", None)
    if limits is not None:
        settings.DANVAN_RATE_LIMITS = {scope: "1000000/60" for scope in limits}
