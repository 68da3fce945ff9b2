import datetime as dt
import io
import time
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from danvan.documents.engine import parse_blocks
from danvan.documents.render import Layout, recipient_lines, render_docx


def _layout(**changes) -> Layout:
    base: dict[str, Any] = dict(
        superior="Bộ Nông nghiệp và Môi trường", agency="Cục Quản lý đất đai", number_symbol="07/QĐ-QLĐĐ",
        place="Hà Nội", issued_on=dt.date(2026, 2, 5), doc_type="QUYẾT ĐỊNH", summary="Về việc thụ lý tố cáo",
        blocks=parse_blocks("# CỤC TRƯỞNG CỤC QUẢN LÝ ĐẤT ĐAI\n\n> Căn cứ Luật Tố cáo;\n\n"
                            + "\n\n".join(f"**Điều {i}.** Nội dung điều {i}. " + "Văn bản dài. " * 40
                                          for i in range(1, 6))),
        authority="KT. Cục trưởng", signer_title="Phó Cục trưởng", signer_name="Nguyễn Văn An",
        recipients=["Như Điều 3;", "- Bộ trưởng (để b/c)", "Lưu: VT, QLĐĐ."],
    )
    base.update(changes)
    return Layout(**base)


@pytest.fixture
def docx():
    return Document(io.BytesIO(render_docx(_layout())))


def _texts(cell):
    """Paragraph texts, a line break read as a space (long agency names are split over two lines)."""
    return [p.text.replace("\n", " ") for p in cell.paragraphs if p.text]


def _runs(cell, text):
    """The runs of the paragraph whose text is `text`."""
    return [r for p in cell.paragraphs if p.text.replace("\n", " ") == text for r in p.runs]


def test_page_is_a4_portrait_with_the_decree_margins(docx):
    s = docx.sections[0]
    # Word stores lengths in twentieths of a point: 210 mm comes back within a hundredth of a millimetre.
    def mm(x):
        return round(x / Mm(1), 1)

    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert s.page_height > s.page_width
    assert [mm(x) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [20, 20, 30, 15]


def test_every_run_is_times_new_roman(docx):
    normal = docx.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
    runs = [r for p in docx.paragraphs for r in p.runs]
    runs += [r for t in docx.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)


def test_head_table_is_borderless_agency_left_national_title_right(docx):
    head = docx.tables[0]
    borders = head._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(el.get(qn("w:val")) == "nil" for el in borders)
    agency, nation = head.rows[0].cells
    number, date = head.rows[1].cells
    assert _texts(agency) == ["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CỤC QUẢN LÝ ĐẤT ĐAI"]
    superior = _runs(agency, "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    issuer = _runs(agency, "CỤC QUẢN LÝ ĐẤT ĐAI")
    assert superior and not any(r.bold for r in superior)
    assert issuer and all(r.bold for r in issuer)
    # The short line under the issuing agency: a top border on the paragraph after its name.
    assert agency.paragraphs[-1]._p.pPr.find(qn("w:pBdr")) is not None
    assert _texts(nation) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    (title,) = _runs(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    (motto,) = _runs(nation, "Độc lập - Tự do - Hạnh phúc")
    assert title.bold and Pt(12) <= title.font.size <= Pt(13)
    assert motto.bold and motto.underline and Pt(13) <= motto.font.size <= Pt(14)
    assert _texts(number) == ["Số: 07/QĐ-QLĐĐ"]
    (place,) = _runs(date, "Hà Nội, ngày 05 tháng 02 năm 2026")
    assert place.italic


def test_type_and_summary_are_bold_and_centred(docx):
    kind, summary = docx.paragraphs[0], docx.paragraphs[1]
    assert kind.text == "QUYẾT ĐỊNH" and summary.text == "Về việc thụ lý tố cáo"
    for p in (kind, summary):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(r.bold for r in p.runs)


def test_body_is_14pt_justified_with_a_127cm_first_line_indent(docx):
    body = [p for p in docx.paragraphs if p.text.startswith("Điều")]
    assert len(body) == 5
    for p in body:
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert p.paragraph_format.first_line_indent == Cm(1.27)
        assert p.paragraph_format.space_after >= Pt(6)
        assert all(r.font.size == Pt(14) for r in p.runs)
    authority = next(p for p in docx.paragraphs if p.text == "CỤC TRƯỞNG CỤC QUẢN LÝ ĐẤT ĐAI")
    assert authority.alignment == WD_ALIGN_PARAGRAPH.CENTER and authority.runs[0].bold
    basis = next(p for p in docx.paragraphs if p.text.startswith("Căn cứ"))
    assert basis.runs[0].italic


def test_page_numbers_are_a_centred_page_field_from_the_second_page(docx):
    s = docx.sections[0]
    assert s.different_first_page_header_footer
    header = s.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert not "".join(p.text for p in s.first_page_header.paragraphs)


def test_signature_right_and_recipients_left(docx):
    recipients, signature = docx.tables[-1].rows[0].cells
    assert _texts(signature) == ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "Nguyễn Văn An"]
    assert all(p.runs[0].bold for p in signature.paragraphs if p.text)
    lines = [p for p in recipients.paragraphs if p.text]
    assert lines[0].text == "Nơi nhận:" and lines[0].runs[0].bold and lines[0].runs[0].italic
    assert lines[0].runs[0].font.size == Pt(12)
    assert [p.text for p in lines[1:]] == ["- Như Điều 3;", "- Bộ trưởng (để b/c);", "- Lưu: VT, QLĐĐ."]
    assert all(p.runs[0].font.size == Pt(11) for p in lines[1:])


def test_a_cong_van_has_no_type_and_carries_its_summary_under_the_number():
    doc = Document(io.BytesIO(render_docx(_layout(doc_type="", summary="trả lời đơn của bà Lan",
                                                  number_symbol="15/QLĐĐ"))))
    number = doc.tables[0].rows[1].cells[0]
    assert _texts(number) == ["Số: 15/QLĐĐ", "V/v trả lời đơn của bà Lan"]
    assert "QUYẾT ĐỊNH" not in [p.text for p in doc.paragraphs]


def test_the_same_layout_gives_the_same_bytes_whenever_it_is_rendered(monkeypatch):
    first = render_docx(_layout())
    # The zip entries would carry the time of writing; move the clock well past a two-second zip tick.
    real = time.localtime
    monkeypatch.setattr(time, "localtime", lambda *a: real(time.time() + 3600))
    assert render_docx(_layout()) == first


def test_recipient_lines_end_with_semicolons_and_the_last_with_a_full_stop():
    assert recipient_lines(["Như trên", "- Lưu: VT, TTr;"]) == ["- Như trên;", "- Lưu: VT, TTr."]


def test_a_long_agency_name_is_split_into_two_even_lines():
    doc = Document(io.BytesIO(render_docx(_layout(superior=""))))
    doc2 = Document(io.BytesIO(render_docx(_layout(superior="", agency="Bộ Nông nghiệp và Môi trường"))))
    assert doc.tables[0].rows[0].cells[0].paragraphs[0].text == "CỤC QUẢN LÝ ĐẤT ĐAI"
    assert doc2.tables[0].rows[0].cells[0].paragraphs[0].text == "BỘ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG"


def test_table_and_paragraph_properties_keep_the_schema_order_word_requires(docx):
    # Word reports a file with misordered or repeated properties as damaged; LibreOffice does not, so check here.
    tbl_order = ["tblStyle", "tblW", "jc", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"]
    for table in docx.tables:
        names = [el.tag.split("}")[1] for el in table._tbl.tblPr]
        assert len(names) == len(set(names))
        assert names == sorted(names, key=tbl_order.index)
    ppr_order = ["pStyle", "keepNext", "pBdr", "spacing", "ind", "jc", "rPr"]
    paragraphs = list(docx.paragraphs)
    paragraphs += [p for t in docx.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    for p in paragraphs:
        if p._p.pPr is not None:
            names = [el.tag.split("}")[1] for el in p._p.pPr]
            assert names == sorted(names, key=ppr_order.index), names


def test_a_control_character_in_a_citizens_text_is_written_as_a_space():
    # Citizens' text is stored as received; pasted text sometimes carries characters XML cannot hold,
    # which python-docx refuses: the document must still be written.
    layout = _layout(blocks=parse_blocks("Ông Nguyễn\x0bVăn An trình bày:\x01 đất bị thu hồi."),
                     summary="Về việc\x1f thụ lý", signer_name="Nguyễn\x08 Văn An")
    doc = Document(io.BytesIO(render_docx(layout)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Ông Nguyễn Văn An trình bày:  đất bị thu hồi." in text and "Về việc  thụ lý" in text
    assert doc.core_properties.title == "Về việc  thụ lý"
