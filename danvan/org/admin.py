from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from danvan.org.models import Role, Unit, User


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
