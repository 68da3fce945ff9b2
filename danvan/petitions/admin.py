from django.contrib import admin

from danvan.petitions.models import Field


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    """Fields are reference data; petitions themselves change only through the desk's services."""

    list_display = ["code", "name", "order"]
    ordering = ["order"]
