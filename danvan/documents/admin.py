from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest

from danvan.audit.services import audit_record
from danvan.documents.models import DocumentTemplate, IssuedDocument


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "doc_type", "type_abbr", "version", "active", "updated_at")
    list_filter = ("doc_type", "active")
    search_fields = ("code", "name")
    readonly_fields = ("version", "updated_at")

    def save_model(self, request: HttpRequest, obj: DocumentTemplate, form: ModelForm, change: bool) -> None:
        # The form has already run DocumentTemplate.clean (the restricted engine compiles every text).
        with transaction.atomic():
            if change:
                obj.version = DocumentTemplate.objects.select_for_update().get(pk=obj.pk).version + 1
            super().save_model(request, obj, form, change)
            audit_record(action="document_template.update" if change else "document_template.create", obj=obj,
                         by=request.user, data={"code": obj.code, "version": obj.version,
                                                "fields": sorted(form.changed_data)})


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    list_display = ("number_and_symbol", "title", "issued_on", "unit", "object_type", "object_id",
                    "addressed_to_citizen")
    list_filter = ("type_abbr", "year", "addressed_to_citizen")
    search_fields = ("title", "symbol")
    date_hierarchy = "issued_on"

    # An issued document is a record: it is never edited or deleted here.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
