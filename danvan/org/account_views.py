"""Login and two-factor enrolment pages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.org.accounts import (
    LoginForm,
    otpauth_uri,
    two_factor_device,
    two_factor_enrol_confirm,
    two_factor_enrol_start,
)
from danvan.org.models import User

login_view = auth_views.LoginView.as_view(authentication_form=LoginForm)


class ConfirmForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Mã 6 số trên ứng dụng xác thực"), max_length=10,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator: the secret as text and as an otpauth URI, then one code to confirm it."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    device = two_factor_device(user)
    form = ConfirmForm(request.POST or None)
    if device is not None and device.confirmed:
        response = render(request, "org/two_factor.html", {"device": device, "confirmed": True})
    else:
        if request.method == "POST" and device is not None and form.is_valid():
            if two_factor_enrol_confirm(user=user, code=form.cleaned_data["code"]):
                messages.success(request, _("Đã bật xác thực hai lớp. Từ lần đăng nhập sau, nhập mã 6 số."))
                return redirect("account:two_factor")
            form.add_error("code", _("Mã không đúng. Kiểm tra giờ trên điện thoại rồi thử lại."))
        if device is None or request.method == "GET":
            device = two_factor_enrol_start(user=user)
        response = render(request, "org/two_factor.html", {
            "device": device, "secret": device.secret, "uri": otpauth_uri(device), "form": form, "confirmed": False})
    add_never_cache_headers(response)
    return response
