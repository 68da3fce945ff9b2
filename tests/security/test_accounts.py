"""Accounts: lockout, two-factor authentication, the administrator's policy, idle sessions, passwords."""

import time

import pyotp
import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import TEST_PASSWORD
from danvan.audit.models import Event
from danvan.org.accounts import security_policy_set
from danvan.org.models import TwoFactorDevice
from danvan.security.middleware import IdleSessionMiddleware

pytestmark = pytest.mark.django_db
LOGIN = "/login/"


def attempt(client, username, password, otp="", address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password, "otp": otp}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_lock_the_username_even_against_the_right_one(client, officials):
    for _ in range(5):
        assert attempt(client, "xuly", "sai-mat-khau").status_code == 200
    response = attempt(client, "xuly", TEST_PASSWORD, address="10.0.0.2")
    assert "tạm bị khóa" in response.content.decode()
    assert not logged_in(client)
    assert Event.objects.filter(action="account.login_failed").count() >= 5


def test_a_username_of_any_length_or_case_is_counted_and_locked(client, officials):
    # Rate-limit keys are digested: a 400-character username is counted too (as a key it was longer than the
    # database cache allows, and the failures went uncounted).
    long_name = "Ngườidùng" * 45
    for i in range(5):
        attempt(client, long_name.upper() if i % 2 else long_name, "sai", address=f"10.7.0.{i}")
    assert "tạm bị khóa" in attempt(client, long_name, "sai", address="10.7.1.1").content.decode()


def test_five_failures_from_one_address_lock_that_address_for_every_username(client, officials):
    for name in ("a", "b", "c", "d", "e"):
        attempt(client, name, "sai", address="10.9.9.9")
    assert "tạm bị khóa" in attempt(client, "xuly", TEST_PASSWORD, address="10.9.9.9").content.decode()
    assert attempt(client, "xuly", TEST_PASSWORD, address="10.9.9.10").status_code == 302


def test_a_right_password_after_a_few_failures_logs_in_and_is_audited(client, officials):
    attempt(client, "xuly", "sai")
    assert attempt(client, "xuly", TEST_PASSWORD).status_code == 302
    assert logged_in(client)
    assert Event.objects.filter(action="account.login", actor=officials["handler"]).exists()


def enrol(client, user) -> str:
    client.force_login(user)
    page = client.get(reverse("account:two_factor")).content.decode()
    device = TwoFactorDevice.objects.get(user=user)
    assert device.secret in page and "otpauth://totp/" in page
    code = pyotp.TOTP(device.secret).now()
    assert client.post(reverse("account:two_factor"), {"code": code}).status_code == 302
    client.logout()
    return device.secret


def test_once_enrolled_the_code_is_required_and_cannot_be_replayed(client, officials):
    secret = enrol(client, officials["handler"])
    assert TwoFactorDevice.objects.get(user=officials["handler"]).confirmed
    assert "Mã xác thực hai lớp không đúng" in attempt(client, "xuly", TEST_PASSWORD).content.decode()
    # A fresh step: the enrolment consumed the current one.
    code = pyotp.TOTP(secret).at(time.time() + 30)
    assert attempt(client, "xuly", TEST_PASSWORD, otp=code).status_code == 302
    client.logout()
    assert attempt(client, "xuly", TEST_PASSWORD, otp=code).status_code == 200  # the same code again
    assert not logged_in(client)


def test_the_secret_is_encrypted_at_rest(client, officials):
    from django.db import connection

    secret = enrol(client, officials["handler"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM org_twofactordevice")
        assert secret not in cursor.fetchone()[0]


def test_when_the_policy_requires_it_an_official_without_two_factor_can_only_enrol(client, officials):
    security_policy_set(require_two_factor=True, by=officials["administrator"])
    client.force_login(officials["handler"])
    response = client.get(reverse("petitions:list"))
    assert response.status_code == 302 and response["Location"] == reverse("account:two_factor")
    assert client.get(reverse("account:two_factor")).status_code == 200
    security_policy_set(require_two_factor=False, by=officials["administrator"])
    assert client.get(reverse("petitions:list")).status_code == 200


def test_the_admin_login_goes_through_the_desk_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_an_idle_session_ends(client, officials):
    client.force_login(officials["handler"])
    assert client.get(reverse("petitions:list")).status_code == 200
    session = client.session
    session[IdleSessionMiddleware.SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("petitions:list"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert not logged_in(client)


def test_a_long_session_ends_even_when_active(client, officials, settings):
    client.force_login(officials["handler"])
    session = client.session
    session[IdleSessionMiddleware.STARTED] = int(time.time()) - settings.SESSION_COOKIE_AGE - 1
    session.save()
    assert client.get(reverse("petitions:list")).status_code == 302


@pytest.mark.parametrize("password", ["12345678901", "password123", "short"])
def test_weak_passwords_are_refused(password, officials):
    with pytest.raises(ValidationError):
        validate_password(password, officials["handler"])
