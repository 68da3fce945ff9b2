"""Writes an administrative document as DOCX in the layout of Decree 30/2020/ND-CP (Appendix I).

The layout facts, each from the Decree: A4 portrait; Times New Roman; margins top and bottom 20 mm, left
30 mm, right 15 mm; the body 14 pt, justified, first-line indent 1.27 cm, at least 6 pt between
paragraphs; page numbers centred in the top margin from the second page. The head is a borderless table:
left the superior agency (uppercase, regular) over the issuing agency (uppercase, bold) with a short line
under it, then "Số: ..."; right the national title (uppercase, bold, 12 pt) over the motto (bold, 13 pt,
underlined), then the place and date in italics. Then the type (uppercase, bold, centred) and the summary
(bold, centred) with a short line under it (a công văn has no type: its summary "V/v ..." stands under
its number), the body, and a closing table: the recipients on the left ("Nơi nhận:" bold italic 12 pt,
items 11 pt), the signature on the right.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from danvan.documents.engine import Block
from danvan.documents.vndate import vn_date
from danvan.documents.xmltext import xml_text

FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TEXT_WIDTH = Mm(210 - 30 - 15)
HEAD_LEFT = Cm(6.8)
FOOT_LEFT = Cm(7.5)


@dataclass(frozen=True)
class Layout:
    """Everything printed on the document, already rendered to text."""

    agency: str
    number_symbol: str  # "12/QĐ-BNNMT"
    place: str
    issued_on: dt.date
    doc_type: str  # "QUYẾT ĐỊNH"; "" for a công văn
    summary: str
    blocks: list[Block]
    signer_title: str
    signer_name: str
    superior: str = ""
    authority: str = ""  # "KT. BỘ TRƯỞNG"; "" when the signer signs in their own right
    recipients: list[str] = field(default_factory=list)
    title_for_properties: str = ""


def place_and_date(place: str, issued_on: dt.date) -> str:
    return f"{place}, {vn_date(issued_on)}"


def _font(run_or_style_font: object, size: float | None = None) -> None:
    font = run_or_style_font
    font.name = FONT  # type: ignore[attr-defined]
    if size is not None:
        font.size = Pt(size)  # type: ignore[attr-defined]


def _set_east_asian_font(element: object) -> None:
    # Word picks the font per script; without the eastAsia and cs slots some Vietnamese letters fall back.
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _para(container: Document | _Cell, text: str = "", *, size: float = 14, bold: bool = False,
          italic: bool = False, underline: bool = False, align: str = "center", before: float = 0,
          after: float = 0) -> Paragraph:
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                     "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing = 1.0
    if text:
        for i, line in enumerate(text.split("\n")):
            run = p.add_run(xml_text(line))
            _font(run.font, size)
            run.bold, run.italic, run.underline = bold, italic, underline
            if i:
                run._r.insert(run._r.index(run._r.find(qn("w:t"))), OxmlElement("w:br"))
    else:
        _mark_size(p, size)
    return p


def _mark_size(p: Paragraph, size: float) -> None:
    """An empty paragraph takes its height from its paragraph mark's font size."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(size * 2)))
        rpr.append(el)


_PPR_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def _short_line(container: Document | _Cell, *, width: Cm | Mm | int, line_width: int, after: float = 0) -> Paragraph:
    """A thin centred line: the top border of an empty, tiny paragraph indented from both sides."""
    p = _para(container, size=2, before=3, after=after)
    side = max(0, (int(width) - line_width) // 2)
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, val in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), val)
    borders.append(top)
    # Word refuses a file whose properties are out of the schema's order: pBdr goes before these.
    ppr.insert_element_before(borders, *_PPR_AFTER_PBDR)
    return p


def _estimate_width(text: str, size: float, bold: bool) -> int:
    """Rough printed width in EMU: Times New Roman averages ~0.5 em a character (uppercase bold ~0.68)."""
    per_char = (0.68 if text.isupper() else 0.5) * (1.05 if bold else 1.0)
    return int(len(text) * size * per_char * 12700)


def balanced_lines(text: str, *, size: float, bold: bool, width: int) -> str:
    """An agency name too wide for its column, split at the space that makes two lines most even.

    Names like "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" are printed on two lines ("BỘ NÔNG NGHIỆP" over "VÀ MÔI
    TRƯỜNG"); letting the word processor wrap leaves a lone word on the second line.
    """
    if "\n" in text or _estimate_width(text, size, bold) <= width:
        return text
    words = text.split()
    best = min(range(1, len(words)),
               key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))), default=0)
    if not best:
        return text
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])


def _borderless(table: object) -> None:
    tbl = table._tbl  # type: ignore[attr-defined]
    tblpr = tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                                "w:tblDescription", "w:tblPrChange")
    # No cell padding on the outer sides, so the columns line up with the text margins.
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _two_columns(doc: Document, left: int, rows: int = 1) -> list[tuple[_Cell, _Cell]]:
    table = doc.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borderless(table)
    right = int(TEXT_WIDTH) - left
    for col, width in zip(table.columns, (left, right), strict=True):
        col.width = width
        for cell in col.cells:
            cell.width = width
    out = []
    for row in table.rows:
        a, b = row.cells
        # A new cell holds one empty paragraph; drop it so cells hold only what we add.
        for cell in (a, b):
            cell._tc.remove(cell.paragraphs[0]._p)
        out.append((a, b))
    return out


def _page_number_header(doc: Document) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run.font, 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    section.first_page_header.is_linked_to_previous = False


def _setup(doc: Document) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    normal = doc.styles["Normal"]
    _font(normal.font, 14)
    _set_east_asian_font(normal.element)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after = Pt(0), Pt(0)
    pf.line_spacing = 1.0
    _page_number_header(doc)


def _head(doc: Document, layout: Layout) -> None:
    (agency_cell, nation_cell), (number_cell, date_cell) = _two_columns(doc, int(HEAD_LEFT), rows=2)
    if layout.superior:
        _para(agency_cell, balanced_lines(layout.superior.upper(), size=13, bold=False, width=int(HEAD_LEFT)), size=13)
    agency = balanced_lines(layout.agency.upper(), size=13, bold=True, width=int(HEAD_LEFT))
    _para(agency_cell, agency, size=13, bold=True)
    longest = max(agency.split("\n"), key=len)
    agency_width = min(int(HEAD_LEFT), _estimate_width(longest, 13, True))
    _short_line(agency_cell, width=HEAD_LEFT, line_width=max(int(Cm(2)), agency_width * 2 // 5), after=4)

    _para(nation_cell, NATIONAL_TITLE, size=12, bold=True)
    _para(nation_cell, MOTTO, size=13, bold=True, underline=True, after=4)

    _para(number_cell, f"Số: {layout.number_symbol}", size=13, before=2)
    if not layout.doc_type and layout.summary:
        _para(number_cell, f"V/v {layout.summary}", size=12, before=4)
    _para(date_cell, place_and_date(layout.place, layout.issued_on), size=14, italic=True, before=2)


def _title(doc: Document, layout: Layout) -> None:
    if not layout.doc_type:
        _para(doc, size=14, after=6)
        return
    _para(doc, layout.doc_type.upper(), size=14, bold=True, before=18)
    if layout.summary:
        _para(doc, layout.summary, size=14, bold=True)
        line = max(int(Cm(3)), _estimate_width(layout.summary, 14, True) * 2 // 5)
        _short_line(doc, width=TEXT_WIDTH, line_width=min(line, int(TEXT_WIDTH) // 2), after=12)
    else:
        _short_line(doc, width=TEXT_WIDTH, line_width=int(Cm(3)), after=12)


def _body(doc: Document, blocks: list[Block]) -> None:
    for block in blocks:
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if block.align == "center" else WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Cm(1.27) if block.indent and block.align != "center" else Pt(0)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.line_spacing = 1.15
        for part in block.runs:
            run = p.add_run(xml_text(part.text))
            _font(run.font, 14)
            run.bold = block.bold or part.bold
            run.italic = block.italic or part.italic


def _closing(doc: Document, layout: Layout) -> None:
    # The signature never stands alone on a page: the last body paragraph stays with it.
    paragraphs = doc.paragraphs
    if paragraphs:
        paragraphs[-1].paragraph_format.keep_with_next = True
    spacer = _para(doc, size=6)
    spacer.paragraph_format.keep_with_next = True
    ((recipients_cell, sign_cell),) = _two_columns(doc, int(FOOT_LEFT))
    row_props = recipients_cell._tc.getparent().get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    row_props.append(cant_split)
    if layout.recipients:
        _para(recipients_cell, "Nơi nhận:", size=12, bold=True, italic=True, align="left")
        for line in recipient_lines(layout.recipients):
            _para(recipients_cell, line, size=11, align="left")
    else:
        _para(recipients_cell, size=11)
    if layout.authority:
        _para(sign_cell, layout.authority.upper(), size=14, bold=True)
    _para(sign_cell, layout.signer_title.upper(), size=14, bold=True)
    # Room for the signature and the seal.
    for _ in range(4):
        _para(sign_cell, size=14)
    _para(sign_cell, layout.signer_name, size=14, bold=True)
    # Word expects the body to end with a paragraph, not a table.
    _para(doc, size=2)


def recipient_lines(lines: list[str]) -> list[str]:
    """Each recipient as "- name;", the last one (the archive line, "Lưu: VT, ...") ending with a full stop."""
    out = []
    for i, raw in enumerate(lines):
        text = raw.strip().lstrip("-–+• ").rstrip(" ;.,")
        end = "." if i == len(lines) - 1 else ";"
        out.append(f"- {text}{end}")
    return out


def render_docx(layout: Layout) -> bytes:
    """The document as DOCX bytes. The same layout always gives the same text and formatting."""
    doc = new_document()
    _setup(doc)
    # The default template starts with one empty paragraph; the head table goes first instead.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _head(doc, layout)
    _title(doc, layout)
    _body(doc, layout.blocks)
    _closing(doc, layout)
    props = doc.core_properties
    props.title = xml_text(layout.title_for_properties or layout.summary or layout.doc_type)
    props.author = xml_text(layout.agency)
    props.language = "vi-VN"
    fixed = dt.datetime(layout.issued_on.year, layout.issued_on.month, layout.issued_on.day, tzinfo=dt.UTC)
    props.created = props.modified = fixed
    props.last_modified_by = xml_text(layout.agency)
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip_times(buf.getvalue(), layout.issued_on)


def _fixed_zip_times(data: bytes, day: dt.date) -> bytes:
    """The DOCX zip with every entry stamped `day`: the same document gives the same bytes and hash."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
