from django.contrib import admin

from danvan.admin_records import RecordAdmin
from danvan.emulation.models import MobilizationModel, Replication


class ReplicationInline(admin.TabularInline):
    model = Replication
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MobilizationModel)
class MobilizationModelAdmin(RecordAdmin):
    """Read only: a model changes through its steps (danvan.emulation.services), each audited."""

    list_display = ("title", "unit", "domain", "year", "status")
    list_filter = ("year", "domain", "status")
    search_fields = ("title",)
    inlines = [ReplicationInline]
