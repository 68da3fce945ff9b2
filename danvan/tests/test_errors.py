"""With the database out of reach, a request is told to come back (503, Retry-After), not that the server broke."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down():
    # Every query fails as it does when the server is gone: Django's own hook around query execution raises
    # the driver's error, so the request takes the real path from the failed query to the answer. (The crash
    # benchmark, bench/crash, cuts real connections.)
    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        yield


def test_a_page_answers_503_with_retry_after_when_the_database_is_out_of_reach(client, database_down):
    client.raise_request_exception = False
    response = client.get("/lich-tiep-cong-dan/")  # the public reception schedule, read from the database
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "chưa được ghi nhận" in response.content.decode()


def test_an_api_answers_503_in_its_own_error_shape(client, database_down):
    client.raise_request_exception = False
    response = client.get("/open311/v2/requests.json")
    assert response.status_code == 503
    assert response.json()[0]["code"] == 503 and "chưa được ghi nhận" in response.json()[0]["description"]
    response = client.get("/open311/v2/requests.xml")
    assert response.status_code == 503 and b"<errors>" in response.content


def test_other_errors_stay_500(rf):
    from danvan.errors import server_error

    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500 and not response.has_header("Retry-After")
