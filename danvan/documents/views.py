from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404

from danvan.documents.models import IssuedDocument
from danvan.documents.permissions import can_download

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    doc = get_object_or_404(IssuedDocument, pk=pk)
    if not can_download(request.user, doc):
        raise PermissionDenied
    name = f"{doc.number:02d}-{doc.symbol}.docx"
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=name, content_type=DOCX)
