"""Property-based fuzzing of the JSON API against its own OpenAPI schema (schemathesis, in-process WSGI).

Every operation gets generated requests, valid and invalid, with a bounded number of examples so the run
stays short: none may answer a server error, and every answer must match the schema's status codes,
content types and response bodies.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from danvan.api.services import api_token_create
from danvan.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    # Called as a WSGI app, Django closes "old" connections at each request's start and end, which would close
    # the test's own transaction on PostgreSQL; Django's test client disconnects the same handlers.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def staff_headers(officials, intake_unit, settings) -> dict[str, str]:
    # The fuzzer sends hundreds of requests from one client; the rate limit is tested elsewhere (and its 429
    # must then be documented in the schema too).
    settings.DANVAN_RATE_LIMITS = {scope: "1000000/60" for scope in settings.DANVAN_RATE_LIMITS}
    from danvan.petitions.tests.factories import receive

    receive(intake_unit)  # something for the staff list and detail to find
    _token, key = api_token_create(user=officials["handler"], name="fuzz")
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_api_operation_never_fails_and_keeps_to_its_schema(case, staff_headers):
    case.call_and_validate(headers=staff_headers, checks=CHECKS)
