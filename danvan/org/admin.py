from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.org.accounts import security_policy_set, two_factor_reset
from danvan.org.models import Role, SecurityPolicy, TwoFactorDevice, Unit, User


def _login_through_the_desk(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    # The admin's own login form knows nothing of lockout or two-factor codes: use the desk's.
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


admin.site.login = _login_through_the_desk  # type: ignore[method-assign]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "handles_petitions", "remote_area"]
    list_filter = ["kind", "handles_petitions", "remote_area"]
    search_fields = ["code", "name", "short_name"]


class UserForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(label=_("vai trò"), choices=Role.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = User
        fields = ["username", "full_name", "title", "unit", "roles", "email", "is_active", "is_staff",
                  "is_superuser", "groups", "user_permissions"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserForm
    list_display = ["username", "full_name", "unit", "roles", "is_active"]
    list_filter = ["unit", "is_active"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [
        *(BaseUserAdmin.fieldsets or []),
        (_("Đơn vị và vai trò"), {"fields": ["full_name", "title", "unit", "roles"]}),
    ]


@admin.register(TwoFactorDevice)
class TwoFactorDeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "confirmed_at", "created_at"]
    fields = ["user", "confirmed_at", "created_at"]
    readonly_fields = ["user", "confirmed_at", "created_at"]
    actions = ["reset"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Đặt lại (cán bộ đăng ký lại khi đăng nhập)"))
    def reset(self, request: HttpRequest, queryset: Any) -> None:
        for device in queryset.select_related("user"):
            two_factor_reset(user=device.user, by=request.user)  # type: ignore[arg-type]

    def delete_model(self, request: HttpRequest, obj: TwoFactorDevice) -> None:
        two_factor_reset(user=obj.user, by=request.user)  # type: ignore[arg-type]


@admin.register(SecurityPolicy)
class SecurityPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "require_two_factor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not SecurityPolicy.objects.exists()

    def save_model(self, request: HttpRequest, obj: SecurityPolicy, form: Any, change: bool) -> None:
        security_policy_set(require_two_factor=obj.require_two_factor, by=request.user)  # type: ignore[arg-type]
