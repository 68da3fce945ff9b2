from __future__ import annotations

from django.contrib import admin
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from danvan.admin_records import RecordAdmin
from danvan.audit.services import audit_record
from danvan.documents.models import DocumentTemplate, IssuedDocument
from danvan.documents.services import document_preview
from danvan.documents.views import DOCX
from danvan.org.models import Unit


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "doc_type", "type_abbr", "version", "active", "updated_at")
    list_filter = ("doc_type", "active")
    search_fields = ("code", "name")
    readonly_fields = ("version", "updated_at", "preview_link")

    def get_urls(self) -> list[URLPattern]:
        preview = path("<int:pk>/preview/", self.admin_site.admin_view(self.preview_view),
                       name="documents_documenttemplate_preview")
        return [preview, *super().get_urls()]

    @admin.display(description=_("xem thử"))
    def preview_link(self, obj: DocumentTemplate) -> str:
        if not obj.pk:
            return "-"
        url = reverse("admin:documents_documenttemplate_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Tải bản xem thử (DOCX)"))

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The saved template as a draft of the agency (the first ministry unit); missing values show as [name]."""
        template = get_object_or_404(DocumentTemplate, pk=pk)
        if not self.has_view_permission(request, template):
            return HttpResponse(status=403)
        unit = Unit.objects.filter(kind=Unit.Kind.MINISTRY).order_by("id").first()
        if unit is None:
            return HttpResponse(_("Chưa có đơn vị cấp Bộ để làm bản xem thử."), status=409)
        response = HttpResponse(document_preview(template=template, unit=unit), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="xem-thu-{template.code}.docx"'
        return response

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
class IssuedDocumentAdmin(RecordAdmin):
    """An issued document is a record: it is never edited or deleted here."""

    list_display = ("number_and_symbol", "title", "issued_on", "unit", "object_type", "object_id",
                    "addressed_to_citizen")
    list_filter = ("type_abbr", "year", "addressed_to_citizen")
    search_fields = ("title", "symbol")
    date_hierarchy = "issued_on"
