"""A pytest plugin (registered in the root conftest): lets the test runner flush the append-only log.

Transactional tests (live server, browser) are cleaned by a flush that DELETEs every row; SQLite's
triggers would refuse it. This fixture makes itself a dependant of `transactional_db`, so its teardown
runs just before the flush: it drops the triggers, and post_migrate after the flush puts them back
(danvan.audit.apps).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


def _transactional(request: pytest.FixtureRequest) -> bool:
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        return True
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(autouse=True)
def audit_log_flushable(request: pytest.FixtureRequest) -> Iterator[None]:
    if not _transactional(request):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connections

    from danvan.audit.guard import guard_remove

    for connection in connections.all(initialized_only=True):
        if connection.vendor == "sqlite":
            guard_remove(connection)
