"""Reading uploaded files: a draft (DOCX or plain text) and comment tables (CSV or XLSX) in whatever
encoding they came in. No database here."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from textmining.encodings import repair, repair_bytes
from textmining.normalize import fold, to_nfc


class UnreadableFile(ValueError):
    """The file is not what its name says, or not a format we read; the message is for the user, in the
    active language."""


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def draft_text(data: bytes, filename: str) -> tuple[str, str]:
    """(text, encoding detected) of an uploaded draft: DOCX paragraphs one per line, or a text file in
    UTF-8, UTF-16, Windows-1258, TCVN3 or VNI. Tables and automatic list numbering of a DOCX are not read
    (drafts write their numbers in the text)."""
    if _is_docx(data):
        from docx import Document

        try:
            paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs]
        except Exception as exc:  # a damaged or hostile file fails in many ways inside python-docx
            raise UnreadableFile(_("Tệp DOCX không đọc được.")) from exc
        return to_nfc("\n".join(repair(text).text for text in paragraphs)), "docx"
    if filename.lower().endswith((".docx", ".doc", ".pdf", ".xlsx")) or data.startswith((b"PK", b"%PDF", b"\xd0\xcf")):
        raise UnreadableFile(_("Chỉ đọc được tệp DOCX hoặc văn bản thuần (TXT)."))
    repaired = repair_bytes(data)
    return repaired.text, repaired.detected


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]  # without the header; each row as long as the header
    encodings: Counter[str] = field(default_factory=Counter)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return str(value.strftime("%Y-%m-%d"))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def comment_table(data: bytes, filename: str) -> Table:
    """Rows of a CSV (comma, semicolon or tab separated) or XLSX file, every text repaired to Unicode NFC.

    The encodings found are counted in `encodings` ("utf-8", "utf-16", "cp1258", "tcvn3", "vni", ...).
    """
    encodings: Counter[str] = Counter()
    if data.startswith(b"PK"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            # Read-only mode parses the sheet while iterating, so a broken sheet fails here, not above.
            raw = [[_cell(v) for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)]
            wb.close()
        except Exception as exc:  # a damaged or hostile file fails in many ways inside openpyxl
            raise UnreadableFile(_("Tệp XLSX không đọc được.")) from exc
        rows: list[list[str]] = []
        for r in raw:
            fixed = []
            for v in r:
                rep = repair(v) if v else None
                if rep is not None and rep.detected != "unicode":
                    encodings[rep.detected] += 1
                fixed.append(rep.text if rep is not None else "")
            rows.append(fixed)
        encodings["xlsx"] += 1
    else:
        if filename.lower().endswith((".xls", ".doc", ".pdf")) or data.startswith((b"%PDF", b"\xd0\xcf")):
            raise UnreadableFile(_("Chỉ nhận tệp CSV hoặc XLSX."))
        repaired = repair_bytes(data)
        encodings[_encoding_name(data, repaired.detected)] += 1
        text = repaired.text.lstrip("\ufeff")
        sample = text[:4096]
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = [[to_nfc(c.strip()) for c in r] for r in csv.reader(io.StringIO(text), dialect)]
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        raise UnreadableFile(_("Tệp không có dòng nào."))
    header, body = rows[0], rows[1:]
    width = len(header)
    body = [(r + [""] * width)[:width] if len(r) <= width else r for r in body]
    return Table(header, body, encodings)


def _encoding_name(data: bytes, detected: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        base = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        base = "utf-8"
    elif detected in ("cp1258", "tcvn3", "vni"):
        return detected
    else:
        base = "utf-8"
    return base if detected in ("unicode", "nfd") else f"{base}+{detected}"


# Column names as drafting teams write them, folded; the first that matches wins.
COLUMNS: dict[str, tuple[str, ...]] = {
    "ref": ("ma", "ma y kien", "so hieu", "ma phieu", "id"),
    "provision": ("dieu khoan", "dieu", "vi tri", "gop y vao", "noi dung gop y vao"),
    "commenter_type": ("loai", "doi tuong", "loai nguoi gop y", "nguoi gop y la"),
    "name": ("ho ten", "ho va ten", "nguoi gop y", "ten"),
    "organization": ("to chuc", "co quan", "co quan to chuc", "don vi"),
    "text": ("noi dung", "y kien", "noi dung gop y", "noi dung y kien"),
    "date": ("ngay", "ngay gop y", "ngay nhan"),
    "channel": ("kenh", "hinh thuc"),
}


def map_columns(header: list[str]) -> dict[str, int]:
    """field -> column index, from a header written in Vietnamese (with or without marks)."""
    folded = [fold(h).strip(" :*") for h in header]
    out: dict[str, int] = {}
    for name, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in folded and folded.index(alias) not in out.values():
                out[name] = folded.index(alias)
                break
    return out
