"""Text into XLSX cells: what citizens and the public wrote goes into a spreadsheet as text, never as a
formula, and never breaks the export.

openpyxl takes a string that starts with "=" for a formula and one such as "#N/A" for an error value, so a
comment reading `=HYPERLINK("http://...","Xem")` would become a live formula in the file an official
opens (spreadsheet formula injection). It also refuses the control characters that pasted text sometimes
carries, which would fail the whole export.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from openpyxl.cell.cell import Cell

from danvan.documents.xmltext import xml_text

MAX_CELL = 32_767
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # what an XLSX is served as


def cell_text(text: str) -> str:
    """`text` as a cell can hold it: control characters as spaces, cut to a cell's 32,767 characters."""
    return xml_text(text)[:MAX_CELL]


def cell_put(cell: Cell, value: Any) -> Cell:
    """Set `cell` to `value`; a string is stored as text (see the module's docstring), anything else as
    openpyxl types it. Returns the cell."""
    if isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def row_cells(ws: Any, values: list[Any]) -> list[Cell]:
    """One row for `ws.append` (also in write-only mode), every string stored as text."""
    return [cell_put(Cell(ws, row=1, column=1), value) for value in values]


def xlsx_response(body: bytes, filename: str) -> HttpResponse:
    """A workbook served as a download named `filename`."""
    return HttpResponse(body, content_type=XLSX_CONTENT_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
