"""Officials' accounts: a login that locks after repeated failures and asks for a TOTP code once the
official has enrolled one; enrolment shows the secret as text and as an otpauth URI (no QR image, no
outside service)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pyotp
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy

from danvan.audit.services import audit_record
from danvan.org.models import SecurityPolicy, TwoFactorDevice, User
from danvan.security.ratelimit import Limit, client_id, count, hit, reset

ISSUER = "danvan"


def _failures() -> Limit:
    return Limit.parse(settings.DANVAN_LOGIN_FAILURES)


def login_locked(*, username: str, address: str) -> bool:
    """Whether this username or this address has used up its failed attempts in the current window."""
    limit = _failures()
    return (count("login-user", username.lower(), limit) >= limit.count
            or count("login-ip", address, limit) >= limit.count)


def login_failed(*, username: str, address: str) -> None:
    limit = _failures()
    hit("login-user", username.lower(), limit)
    hit("login-ip", address, limit)
    with transaction.atomic():
        audit_record(action="account.login_failed", object_type="org.user", object_id=username[:64],
                     actor_label="anonymous", data={"address": address})


def totp_verify(*, device: TwoFactorDevice, code: str) -> bool:
    """Accept a 6-digit code of this or the neighbouring 30-second step, never the same step twice."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return False
    totp = pyotp.TOTP(device.secret)
    now = int(time.time())
    for drift in (0, -1, 1):
        step = now // totp.interval + drift
        if step > device.last_step and pyotp.utils.strings_equal(totp.at(step * totp.interval), code):
            device.last_step = step
            device.save(update_fields=["last_step"])
            return True
    return False


def two_factor_device(user: Any) -> TwoFactorDevice | None:
    pk = getattr(user, "pk", None)
    return None if pk is None else TwoFactorDevice.objects.filter(user_id=pk).first()


class LoginForm(AuthenticationForm):
    """Username, password and, for an official who enrolled an authenticator, its current code."""

    otp = forms.CharField(label=gettext_lazy("Mã xác thực (6 số, nếu đã đăng ký)"), required=False, max_length=10,
                          widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": gettext_lazy("Đăng nhập sai quá nhiều lần: tài khoản hoặc máy này tạm bị khóa %(minutes)s phút. "
                        "Vui lòng thử lại sau."),
        "otp": gettext_lazy("Mã xác thực hai lớp không đúng hoặc đã được dùng."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = client_id(self.request) if self.request else "unknown"
        if login_locked(username=username, address=address):
            raise forms.ValidationError(self.error_messages["locked"], code="locked",
                                        params={"minutes": _failures().seconds // 60})
        try:
            super().clean()
        except forms.ValidationError:
            login_failed(username=username, address=address)
            raise
        device = two_factor_device(self.user_cache)
        if device is not None and device.confirmed and not totp_verify(device=device, code=self.cleaned_data.get(
                "otp") or ""):
            login_failed(username=username, address=address)
            raise forms.ValidationError(self.error_messages["otp"], code="otp")
        limit = _failures()
        reset("login-user", username.lower(), limit)
        return self.cleaned_data


def two_factor_enrol_start(*, user: User) -> TwoFactorDevice:
    """A fresh, unconfirmed secret (replacing an unconfirmed one; a confirmed one stays until reset)."""
    with transaction.atomic():
        device = TwoFactorDevice.objects.select_for_update().filter(user=user).first()
        if device is not None and device.confirmed:
            return device
        if device is None:
            device = TwoFactorDevice(user=user)
        device.secret = pyotp.random_base32()
        device.save()
    return device


def two_factor_enrol_confirm(*, user: User, code: str) -> bool:
    with transaction.atomic():
        device = TwoFactorDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=True).first()
        if device is None or not totp_verify(device=device, code=code):
            return False
        device.confirmed_at = timezone.now()
        device.save(update_fields=["confirmed_at"])
        audit_record(action="account.2fa_enrol", obj=user, by=user)
    return True


def two_factor_reset(*, user: User, by: User) -> None:
    """An administrator removes a lost authenticator; the official enrols again at next login."""
    with transaction.atomic():
        TwoFactorDevice.objects.filter(user=user).delete()
        audit_record(action="account.2fa_reset", obj=user, by=by)


def otpauth_uri(device: TwoFactorDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.get_username(), issuer_name=ISSUER)


POLICY_CACHE_KEY = "danvan:security-policy"
POLICY_CACHE_SECONDS = 30


def policy_requires_two_factor() -> bool:
    """The policy, cached per process for a few seconds: every authenticated request asks."""
    cached = caches["default"].get(POLICY_CACHE_KEY)
    if cached is None:
        cached = SecurityPolicy.current().require_two_factor
        caches["default"].set(POLICY_CACHE_KEY, cached, POLICY_CACHE_SECONDS)
    return bool(cached)


def security_policy_set(*, require_two_factor: bool, by: User) -> SecurityPolicy:
    with transaction.atomic():
        policy, _created = SecurityPolicy.objects.update_or_create(
            pk=1, defaults={"require_two_factor": require_two_factor})
        audit_record(action="account.policy", obj=policy, by=by, data={"require_two_factor": require_two_factor})
    caches["default"].delete(POLICY_CACHE_KEY)
    return policy


def two_factor_required(user: Any) -> bool:
    """Whether this official must enrol before going further (the administrator's policy)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not policy_requires_two_factor():
        return False
    device = two_factor_device(user)
    return device is None or not device.confirmed


class TwoFactorRequiredMiddleware:
    """When the administrator requires two-factor authentication, an official without it can only enrol."""

    ALLOWED = ("/account/", "/logout/", "/static/", "/i18n/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not request.path.startswith(self.ALLOWED)
                and two_factor_required(user)):
            return redirect("account:two_factor")
        return self.get_response(request)


def _record_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    from danvan.security.middleware import IdleSessionMiddleware

    now = int(time.time())
    session = getattr(request, "session", None)
    if session is not None:
        session[IdleSessionMiddleware.STARTED] = now
        session[IdleSessionMiddleware.SEEN] = now
    audit_record(action="account.login", obj=user, by=user, data={"address": client_id(request)})


def connect_signals() -> None:
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(_record_login, sender=get_user_model(), dispatch_uid="danvan-login-audit")

