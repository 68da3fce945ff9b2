"""A report as an XLSX workbook laid out like the printed form: heading, the column tree as merged header
cells, the column numbers (1), (2), ..., the total row, then one row per unit."""

from __future__ import annotations

from io import BytesIO

from django.conf import settings
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from danvan.documents.spreadsheet import cell_put
from danvan.reports.selectors import ReportTable

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEAD = 2  # columns before the figures: STT, unit
LEAF_WIDTH = 10  # characters


def _agency_name() -> str:
    from danvan.org.models import Unit

    ministry = Unit.objects.filter(kind=Unit.Kind.MINISTRY).order_by("id").first()
    return ministry.name.upper() if ministry else settings.DANVAN_AGENCY_CODE


def _write(ws: Worksheet, row: int, col: int, value: object, *, bold: bool = False, size: int = 11,
           align: Alignment = CENTER, border: bool = True) -> None:
    cell = cell_put(ws.cell(row=row, column=col), value)
    cell.font = Font(name=FONT, bold=bold, size=size)
    cell.alignment = align
    if border:
        cell.border = BOX


def report_xlsx(table: ReportTable) -> bytes:
    """The statutory form, in Vietnamese whatever the language of the page it was asked from: it is filed
    with the supervising body as the circular lays it out."""
    with translation.override("vi"):
        return _report_xlsx(table)


def _report_xlsx(table: ReportTable) -> bytes:
    layout, period = table.layout, table.period
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = layout.code.replace("/", "-")[-28:]
    width = LEAD + len(layout.leaves)
    last = get_column_letter(width)

    _write(ws, 1, 1, _agency_name(), bold=True, border=False)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=min(6, width))
    _write(ws, 1, width, layout.code, bold=True, border=False, align=Alignment(horizontal="right"))
    _write(ws, 3, 1, layout.title, bold=True, size=14, border=False)
    ws.merge_cells(f"A3:{last}3")
    scope = table.scope.name if table.scope else "toàn Bộ"
    _write(ws, 4, 1, f"{period.title} — {scope}", border=False)
    ws.merge_cells(f"A4:{last}4")
    _write(ws, 5, 1, f"(Số liệu {period.range_text}{'; đến thời điểm lập báo cáo' if period.partial else ''})",
           border=False, align=Alignment(horizontal="center", vertical="center"))
    ws.merge_cells(f"A5:{last}5")

    top = 7
    bottom = top + layout.depth - 1
    for col, label in ((1, "STT"), (2, "Đơn vị")):
        _write(ws, top, col, label, bold=True)
        ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
    for h in layout.header:
        r, c = top + h.row, LEAD + 1 + h.col
        _write(ws, r, c, h.label, bold=True, size=10)
        if h.width > 1 or h.height > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + h.height - 1, end_column=c + h.width - 1)
    # Merged cells draw their border only on the cells that exist: box every header cell.
    for r in range(top, bottom + 2):
        for c in range(1, width + 1):
            ws.cell(row=r, column=c).border = BOX
    numbers = bottom + 1
    _write(ws, numbers, 1, "A", size=9)
    _write(ws, numbers, 2, "B", size=9)
    for leaf in layout.leaves:
        _write(ws, numbers, LEAD + leaf.number, f"({leaf.number})", size=9)

    row = numbers + 1
    _write(ws, row, 1, "", bold=True)
    _write(ws, row, 2, "Tổng cộng", bold=True)
    for leaf, value in table.total.cells(layout):
        _write(ws, row, LEAD + leaf.number, value, bold=True)
    for i, report_row in enumerate(table.rows, start=1):
        row += 1
        _write(ws, row, 1, i)
        _write(ws, row, 2, report_row.unit.name if report_row.unit else "",
               align=Alignment(horizontal="left", vertical="center", wrap_text=True))
        for leaf, value in report_row.cells(layout):
            _write(ws, row, LEAD + leaf.number, value)

    row += 2
    note = (f"Nguồn: {layout.source_law}; bố cục cột độ tin cậy {layout.confidence}; kỳ số liệu theo "
            f"{period.source} (độ tin cậy {period.confidence}). Lập lúc {timezone.localtime():%H:%M %d/%m/%Y}.")
    _write(ws, row, 1, note, size=9, border=False, align=Alignment(horizontal="left", wrap_text=False))

    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 40
    for leaf in layout.leaves:
        ws.column_dimensions[get_column_letter(LEAD + leaf.number)].width = LEAF_WIDTH
    # Wrapped header text needs tall rows: about one line per LEAF_WIDTH characters of a column's width.
    lines = [2] * layout.depth
    for h in layout.header:
        needed = -(-len(h.label) // max(1, int(LEAF_WIDTH * h.width * 1.1)))
        per_row = -(-needed // h.height)
        lines[h.row] = max(lines[h.row], per_row)
    for i, n in enumerate(lines):
        ws.row_dimensions[top + i].height = 14 * n + 4
    ws.freeze_panes = ws.cell(row=numbers + 1, column=LEAD + 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{top}:{numbers}"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
