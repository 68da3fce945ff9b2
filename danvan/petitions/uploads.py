"""Attachments (a petition's, and a registry model's evidence): checked by content, capped in size, stored
outside the web root under random names."""

from __future__ import annotations

import hashlib
import secrets
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext as _

from danvan.petitions.models import Attachment, Petition, Supplement

# What a petition may carry: scans, photos, PDFs and office documents, told by their bytes, not names.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
}
_ZIP_BASED = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
# A zip-based document is judged by its central directory, never inflated here: a DOCX-named zip bomb
# (a few hundred kB that inflate to gigabytes) is refused by what it declares.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_INFLATED_BYTES = 50 * 1024 * 1024
ZIP_MAX_RATIO = 100


@dataclass
class CheckedUpload:
    upload: UploadedFile
    content_type: str
    extension: str
    sha256: str
    size: int


def _sniff(head: bytes) -> str | None:
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.mime == "application/zip" and b"word/" in head:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if kind.mime == "application/x-ole-storage":
        return "application/msword"
    return str(kind.mime)


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Accept a file whose bytes are an allowed type and whose size is within the cap; refuse otherwise."""
    name = upload.name or ""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Tệp %(name)s rỗng.") % {"name": name})
    if size > settings.DANVAN_UPLOAD_MAX_BYTES:
        raise ValidationError(_("Tệp %(name)s vượt quá %(mb)s MB.") % {
            "name": name, "mb": settings.DANVAN_UPLOAD_MAX_BYTES // (1024 * 1024)})
    upload.seek(0)
    head = upload.read(8192)
    digest = hashlib.sha256(head)
    for chunk in iter(lambda: upload.read(1 << 16), b""):
        digest.update(chunk)
    upload.seek(0)
    mime = _sniff(head)
    if mime not in ALLOWED_TYPES:
        raise ValidationError(_(
            "Tệp %(name)s không phải là loại được chấp nhận (PDF, ảnh JPG/PNG, Word)."
        ) % {"name": name})
    if mime in _ZIP_BASED:
        _check_zip(upload, name)
    return CheckedUpload(upload, mime, ALLOWED_TYPES[mime], digest.hexdigest(), size)


def _check_zip(upload: UploadedFile, name: str) -> None:
    """Refuse a damaged zip, or one whose entries declare too much inflated data or too high a ratio."""
    refused = ValidationError(_("Tệp %(name)s bị hỏng hoặc có cấu trúc nén bất thường; không được chấp nhận.") % {
        "name": name})
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise refused from None
    finally:
        upload.seek(0)
    total = sum(e.file_size for e in entries)
    if len(entries) > ZIP_MAX_ENTRIES or total > ZIP_MAX_INFLATED_BYTES:
        raise refused
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > ZIP_MAX_RATIO * max(entry.compress_size, 1):
            raise refused


def check_count(count: int) -> None:
    if count > settings.DANVAN_UPLOAD_MAX_FILES:
        raise ValidationError(_("Chỉ được gửi tối đa %(n)s tệp.") % {"n": settings.DANVAN_UPLOAD_MAX_FILES})


@dataclass(frozen=True)
class SavedFile:
    """A checked upload written to storage, waiting for its petition's row (plain values: it travels as JSON)."""

    name: str
    stored_name: str
    original_name: str
    content_type: str
    size: int
    sha256: str

    def row(self) -> dict[str, str | int]:
        """The fields of its row (a StoredFile's)."""
        return {"file": self.name, "stored_name": self.stored_name, "original_name": self.original_name,
                "content_type": self.content_type, "size": self.size, "sha256": self.sha256}


def upload_save(upload: CheckedUpload, model: type[models.Model] = Attachment) -> SavedFile:
    """Write one checked upload to storage under a random name, where `model`'s `file` field keeps its files
    (a StoredFile, whose path is made of its `stored_name`); attachment_record gives a petition's its row."""
    stored_name = f"{secrets.token_hex(16)}.{upload.extension}"
    file_field = model._meta.get_field("file")
    assert isinstance(file_field, models.FileField)
    name = file_field.storage.save(file_field.generate_filename(model(stored_name=stored_name), stored_name),
                                   upload.upload)
    original = (upload.upload.name or "tep").replace("\\", "/").rsplit("/", 1)[-1][:255]
    return SavedFile(name, stored_name, original, upload.content_type, upload.size, upload.sha256)


def attachment_record(*, petition: Petition, saved: SavedFile, supplement: Supplement | None = None) -> Attachment:
    """The row of a saved file; only call inside the transaction that saves its petition (or supplement)."""
    return Attachment.objects.create(petition=petition, supplement=supplement, **saved.row())
