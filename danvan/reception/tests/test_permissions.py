import pytest

pytestmark = pytest.mark.django_db

#            role: (view the book, write in it, read reports and the dashboard)
MATRIX = {
    "reception_officer": (True, True, True),
    "handler": (True, True, True),
    "verifier": (True, False, True),
    "unit_head": (True, True, True),
    "leader": (True, True, True),
    "inspector": (True, False, True),
    "supervisor": (False, False, True),
    "administrator": (True, False, True),
}


@pytest.mark.parametrize("role", sorted(MATRIX))
def test_each_role_gets_exactly_its_reception_and_report_permissions(officials, role):
    user = officials[role]
    got = (user.has_perm("reception.view_book"), user.has_perm("reception.receive"),
           user.has_perm("reports.view_report"))
    assert got == MATRIX[role]


def test_anonymous_visitors_get_none_of_them(client):
    from django.contrib.auth.models import AnonymousUser

    anon = AnonymousUser()
    assert not any(anon.has_perm(p) for p in ("reception.view_book", "reception.receive", "reports.view_report"))
    assert client.get("/desk/reports/").status_code == 302  # to the login page
