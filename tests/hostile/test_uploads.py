"""Hostile uploads on the portal and on the desk: oversize files, a wrong type behind a right name, zip
bombs named .docx, and path-traversal names. Each is refused with a message and nothing stored, or (a
harmless file under a hostile name) stored under a random name inside the media folder."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import TEST_PASSWORD
from danvan.petitions.models import Attachment
from danvan.petitions.submissions import submissions_register
from tests.hostile.conftest import changed_tables, table_counts

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
CONTENT = "Đề nghị kiểm tra việc đổ trộm rác thải xây dựng ra bờ sông tại thôn 3, xã Hòa Vang."


def _docx_bytes(document_xml: bytes, *, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compress) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def zip_bomb(inflated_mb: int = 200) -> bytes:
    """A real DOCX-shaped zip bomb: word/document.xml inflates from ~0.2 MB to `inflated_mb` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b"\x00" * (1 << 20)
            for _ in range(inflated_mb):
                entry.write(chunk)
    return buffer.getvalue()


def _portal_post(client, upload: SimpleUploadedFile):  # type: ignore[no-untyped-def]
    response = client.post("/gui-don/", {
        "full_name": "Nguyễn Văn An", "person_kind": "person", "address": "Thôn 3, xã Hòa Vang", "content": CONTENT,
        "consent": "on", "idempotency_key": "", "attachments": upload})
    submissions_register()  # as the background task would
    return response


def _desk_post(client, upload: SimpleUploadedFile):  # type: ignore[no-untyped-def]
    unit = client.get("/desk/receive/").context["form"].fields["unit"].queryset.first()
    return client.post("/desk/receive/", {
        "channel": "desk", "unit": unit.pk, "received_on": "2026-01-05", "full_name": "Nguyễn Văn An",
        "person_kind": "person", "content": CONTENT, "signed": "on", "attachments": upload})


HOSTILE_UPLOADS = {
    "oversize": lambda: SimpleUploadedFile("don.pdf", PDF + b"0" * (11 * 1024 * 1024), "application/pdf"),
    "exe_named_pdf": lambda: SimpleUploadedFile("don.pdf", ELF, "application/pdf"),
    "html_named_jpg": lambda: SimpleUploadedFile("anh.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
    "zip_bomb_docx": lambda: SimpleUploadedFile("don.docx", zip_bomb(), "application/vnd.openxmlformats-officedocument"
                                                                             ".wordprocessingml.document"),
    "plain_zip_named_docx": lambda: SimpleUploadedFile("don.docx", _docx_bytes(b"x")[:-22] + b"\x00" * 22,
                                                       "application/msword"),
    "empty": lambda: SimpleUploadedFile("don.pdf", b"", "application/pdf"),
}


@pytest.mark.parametrize("post", [_portal_post, _desk_post], ids=["portal", "desk"])
@pytest.mark.parametrize("name", sorted(HOSTILE_UPLOADS))
def test_hostile_upload_is_refused_and_nothing_is_stored(client, officials, intake_unit, settings, tmp_path,
                                                         post, name):
    settings.MEDIA_ROOT = tmp_path
    if post is _desk_post:
        assert client.login(username="tiepdan", password=TEST_PASSWORD)
    before = table_counts()
    response = post(client, HOSTILE_UPLOADS[name]())
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert changed_tables(before, table_counts(), ignore=("sessions.", "security.")) == {}
    assert not any(p.is_file() for p in Path(tmp_path).rglob("*"))


@pytest.mark.parametrize("filename", ["../../../../etc/passwd.pdf", "..\\..\\windows\\win.ini.pdf", "/etc/cron.d/x.pdf",
                                      "đơn khiếu nại\x00.exe.pdf", "<script>alert(1)</script>.pdf", "a" * 400 + ".pdf"])
def test_a_path_traversal_name_is_stored_under_a_random_name_inside_media(client, intake_unit, settings, tmp_path,
                                                                          filename):
    settings.MEDIA_ROOT = tmp_path / "media"
    response = _portal_post(client, SimpleUploadedFile(filename, PDF, "application/pdf"))
    assert response.status_code == 200
    if 'class="errorlist' in response.content.decode():
        assert not Attachment.objects.exists()
        return
    attachment = Attachment.objects.get()
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to((tmp_path / "media").resolve())
    assert ".." not in attachment.file.name and "/" not in attachment.original_name
    assert "\\" not in attachment.original_name and len(attachment.original_name) <= 255
    assert stored.read_bytes() == PDF
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [stored]


def test_a_real_docx_is_still_accepted(client, intake_unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    docx = _docx_bytes(b'<?xml version="1.0"?><w:document>' + "Đơn khiếu nại".encode() * 200 + b"</w:document>")
    response = _portal_post(client, SimpleUploadedFile("don.docx", docx, "application/msword"))
    assert 'class="errorlist' not in response.content.decode()
    assert Attachment.objects.get().content_type.endswith("wordprocessingml.document")
