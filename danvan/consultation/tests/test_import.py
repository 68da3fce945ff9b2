"""Bulk import of comments from conferences, letters and other portals: idempotent, row by row, any encoding."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from danvan.consultation import services
from danvan.consultation.models import Channel, Comment
from danvan.consultation.tests.conftest import provision
from textmining.encodings import encode_tcvn3, encode_vni

pytestmark = pytest.mark.django_db

CSV = """Mã;Điều khoản;Loại;Họ tên;Tổ chức;Nội dung;Ngày
HN-01;Điều 5;cá nhân;Nguyễn Văn An;;Đề nghị bồi thường theo giá thị trường.;10/03/2026
HN-02;điểm đ khoản 1 Điều 3;Chuyên gia;Trần Thị Bình;Hội Luật gia;Cần định nghĩa "nguy cơ đe dọa tính mạng".;10/03/2026
HN-03;Điều 99;cá nhân;Lê Văn Cường;;Điều không có trong dự thảo.;10/03/2026
HN-04;Điều 6;cá nhân;Phạm Thị Dung;;;10/03/2026
HN-05;;tổ chức;;Hợp tác xã Thành Công;Ủng hộ việc sửa Luật.;10/03/2026
HN-06;khoản 2 Điều 5;thần tiên;Ngô Văn Em;;Loại người góp ý lạ.;10/03/2026
HN-07;Điều 6;cơ quan;;UBND xã An Phú;Khu tái định cư cần hoàn thành trước.;31/02/2026
"""


def _cp1258(text: str) -> bytes:
    """What Windows writes in code page 1258: a base letter (with its vowel mark) plus a combining tone."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out.append((base + "".join(c for c in parts if c in tones)).encode("cp1258"))
    return b"".join(out)


def _import(draft, text_or_bytes, *, name="hoi-nghi.csv", channel=Channel.CONFERENCE, by=None):
    data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    return services.comments_import(draft=draft, data=data, filename=name, channel=channel, by=by)


def test_the_refused_rows_are_explained_in_the_readers_language(open_draft, version, drafter):
    with translation.override("en"):
        refused = dict(_import(open_draft, CSV, by=drafter).refused)
        with pytest.raises(ValidationError, match="Only CSV or XLSX files are accepted"):
            _import(open_draft, b"%PDF-1.4", name="y-kien.pdf")

    assert refused[4] == "there is no “Điều 99” in the current version of the draft"
    assert refused[5] == "the content is empty"
    assert refused[7].startswith("commenter type “thần tiên” is not known")
    assert refused[8] == "date “31/02/2026” is not in the form day/month/year"


def test_rows_are_checked_one_by_one_and_the_refused_ones_reported(open_draft, version, drafter):
    report = _import(open_draft, CSV, by=drafter)
    assert (report.rows, report.created, report.already_there) == (7, 3, 0)
    refused = dict(report.refused)
    assert set(refused) == {4, 5, 7, 8}  # file lines (the header is line 1)
    assert "Điều 99" in refused[4]
    assert "nội dung trống" in refused[5]
    assert "thần tiên" in refused[7]
    assert "31/02/2026" in refused[8]
    expert = Comment.objects.get(source_ref="HN-02")
    assert expert.provision == provision(version, "điểm đ khoản 1 Điều 3")
    assert (expert.commenter_type, expert.organization, expert.channel) == ("expert", "Hội Luật gia", "conference")
    whole = Comment.objects.get(source_ref="HN-05")
    assert whole.provision is None and whole.commenter_type == "organization"


def test_a_reimport_of_the_same_file_adds_nothing(open_draft, version, drafter):
    _import(open_draft, CSV, by=drafter)
    again = _import(open_draft, CSV, by=drafter)
    assert (again.created, again.already_there) == (0, 3)
    assert Comment.objects.count() == 3


def test_the_same_rows_in_another_file_without_references_are_recognised(open_draft, version, drafter):
    rows = "Nội dung,Điều khoản,Họ tên\nGiá đất phải sát thị trường.,Điều 5,Nguyễn Văn An\n"
    first = _import(open_draft, rows, by=drafter)
    # The same row with other spacing and case in another file, in another column order.
    second = _import(open_draft, "Họ tên,Nội dung,Điều khoản\nNGUYỄN VĂN AN,Giá đất phải sát thị trường. ,điều 5\n",
                     name="bien-ban-2.csv", by=drafter)
    assert (first.created, second.created, second.already_there) == (1, 0, 1)


def test_duplicate_rows_inside_one_file_count_once(open_draft, version, drafter):
    rows = "Nội dung,Điều khoản\nÝ kiến A.,Điều 5\nÝ kiến A.,Điều 5\nÝ kiến B.,Điều 5\n"
    report = _import(open_draft, rows, by=drafter)
    assert (report.created, report.already_there) == (2, 1)


def test_a_tcvn3_csv_is_detected_and_repaired(open_draft, version, drafter):
    rows = "Nội dung,Điều khoản,Họ tên\nĐề nghị bổ sung quy định về bồi thường cho đất nông nghiệp.,Điều 5,Nguyễn Thị Hồng\n"
    report = _import(open_draft, encode_tcvn3(rows).encode("latin-1"), by=drafter)
    assert report.created == 1 and report.encodings == {"tcvn3": 1}
    comment = Comment.objects.get()
    assert comment.text == "Đề nghị bổ sung quy định về bồi thường cho đất nông nghiệp."
    assert comment.name == "Nguyễn Thị Hồng"


def test_a_vni_csv_is_detected_and_repaired(open_draft, version, drafter):
    rows = "Nội dung,Điều khoản\nCần công khai phương án bồi thường trước khi thu hồi đất.,Điều 5\n"
    report = _import(open_draft, encode_vni(rows).encode("cp1252"), by=drafter)
    assert report.encodings == {"vni": 1}
    assert Comment.objects.get().text == "Cần công khai phương án bồi thường trước khi thu hồi đất."


def test_utf16_and_windows_1258_files_are_read(open_draft, version, drafter):
    rows = "Nội dung\tĐiều khoản\nNên giữ nguyên khoản này.\tkhoản 2 Điều 5\n"
    assert _import(open_draft, rows.encode("utf-16"), name="a.txt", by=drafter).encodings == {"utf-16": 1}
    rows2 = "Nội dung;Điều khoản\nĐồng ý với dự thảo.;Điều 6\n"
    report = _import(open_draft, _cp1258(rows2), name="b.csv", by=drafter)
    assert report.encodings == {"cp1258": 1}
    assert Comment.objects.filter(text="Đồng ý với dự thảo.").exists()


def test_an_xlsx_file_is_imported_and_tcvn3_cells_repaired(open_draft, version, drafter):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Nội dung góp ý", "Điều khoản", "Loại", "Họ và tên", "Ngày"])
    ws.append([1, "Đề nghị tăng mức hỗ trợ tái định cư.", "Điều 6", "Cá nhân", "Đỗ Văn Hải", "12/03/2026"])
    ws.append([2, encode_tcvn3("Khu tái định cư phải có trường học."), "khoản 2 Điều 6", "", "", ""])
    buf = io.BytesIO()
    wb.save(buf)
    report = services.comments_import(draft=open_draft, data=buf.getvalue(), filename="cong-khac.xlsx",
                                      channel=Channel.PORTAL, by=drafter)
    assert report.created == 2 and report.refused == []
    assert Comment.objects.filter(text="Khu tái định cư phải có trường học.", channel="portal").exists()
    assert report.encodings.get("tcvn3") == 1


def _xlsx_with_sheet(sheet_xml: bytes) -> bytes:
    """A real workbook whose first sheet is replaced by `sheet_xml`."""
    import zipfile

    from openpyxl import Workbook

    good = io.BytesIO()
    Workbook().save(good)
    out = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, sheet_xml if name == "xl/worksheets/sheet1.xml" else source.read(name))
    return out.getvalue()


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
          b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
          b'<c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>')


@pytest.mark.parametrize("data", [_xlsx_with_sheet(b"<worksheet><sheetData><row"), _xlsx_with_sheet(LAUGHS),
                                  b"PK\x03\x04 not a zip"], ids=["broken-sheet", "entities", "not-a-zip"])
def test_a_damaged_or_hostile_xlsx_is_refused_with_a_message_and_imports_nothing(open_draft, version, drafter, data):
    with pytest.raises(ValidationError, match="Tệp XLSX không đọc được"):
        _import(open_draft, data, name="y-kien.xlsx", by=drafter)
    assert not Comment.objects.exists()


def test_a_file_without_a_content_column_is_refused_whole(open_draft, version, drafter):
    with pytest.raises(ValidationError, match="Nội dung"):
        _import(open_draft, "Họ tên,Điều\nAn,Điều 5\n", by=drafter)
    with pytest.raises(ValidationError, match="CSV hoặc XLSX"):
        _import(open_draft, b"%PDF-1.4 ...", name="bien-ban.pdf", by=drafter)


def test_a_row_dated_after_the_period_closed_is_refused(open_draft, version, drafter):
    late = open_draft.closes_on.strftime("%d/%m/%Y").replace(str(open_draft.closes_on.year), str(open_draft.closes_on.year + 1))
    report = _import(open_draft, f"Nội dung,Ngày\nMuộn.,{late}\n", by=drafter)
    assert report.created == 0 and "sau hạn góp ý" in report.refused[0][1]
