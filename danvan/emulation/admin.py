from django.contrib import admin

from danvan.admin_records import RecordAdmin
from danvan.emulation.models import Evidence, MobilizationModel, Replication


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReplicationInline(ReadOnlyInline):
    model = Replication


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields


@admin.register(MobilizationModel)
class MobilizationModelAdmin(RecordAdmin):
    """Read only: a model changes through its steps (danvan.emulation.services), each audited."""

    list_display = ("title", "unit", "domain", "year", "status")
    list_filter = ("year", "domain", "status")
    search_fields = ("title",)
    inlines = [ReplicationInline, EvidenceInline]
