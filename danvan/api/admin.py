from django.contrib import admin
from django.http import HttpRequest

from danvan.api.models import ApiToken, Open311Client, Open311Request


# Keys are issued by `manage.py api_token_create` / `open311_client_create`, which print them once; the
# admin only shows, revokes (active) and renames.
@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created", "last_used", "active")
    list_filter = ("active",)
    readonly_fields = ("user", "prefix", "created", "last_used")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "created", "active")
    readonly_fields = ("prefix", "created")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Open311Request)
class Open311RequestAdmin(admin.ModelAdmin):
    list_display = ("token", "petition", "client", "service_code", "created")
    readonly_fields = ("petition", "client", "token", "service_code", "lat", "long", "created")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
