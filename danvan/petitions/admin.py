from django.contrib import admin

from danvan.admin_records import RecordAdmin
from danvan.petitions.models import Field, Submission


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    """Fields are reference data; petitions themselves change only through the desk's services."""

    list_display = ["code", "name", "order"]
    ordering = ["order"]


@admin.register(Submission)
class SubmissionAdmin(RecordAdmin):
    """Citizens' submissions and their registration, to follow one that failed; the content (encrypted,
    with the petitioner's identity) is not shown here, and nothing is edited by hand."""

    list_display = ["code", "channel", "received_at", "registered_at", "attempts", "petition"]
    list_filter = ["channel", ("petition", admin.EmptyFieldListFilter)]
    fields = readonly_fields = ("code", "channel", "received_at", "registered_at", "attempts", "error", "petition")
    search_fields = ["code"]
    ordering = ["-received_at"]
