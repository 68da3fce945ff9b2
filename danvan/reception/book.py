"""The reception book (Form 03, Circular 04/2021/TT-TTCP) as rows of text, for the page, print and XLSX.

The column titles are the items of the rule `reception.book` in force; the values are produced here in
the same order. Page, print and XLSX are in the reader's language: the rows' words are translated, and so
are the column titles when they are Form 03's (FALLBACK_COLUMNS); a later form's other titles are shown as
the rule pack writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from danvan.documents.spreadsheet import cell_put
from danvan.org.models import User
from danvan.people.recusal import denounced_prime
from danvan.people.selectors import visitor_for
from danvan.petitions.models import Kind
from danvan.reception.models import Visit
from danvan.reception.rules import rule_or_none

FALLBACK_COLUMNS = (gettext_noop("STT"), gettext_noop("Ngày tiếp"), gettext_noop("Họ tên, địa chỉ"),
                    gettext_noop("Số CCCD/CMND"), gettext_noop("Nội dung vụ việc"), gettext_noop("Phân loại, số người"),
                    gettext_noop("Cơ quan đã giải quyết"),
                    gettext_noop("Hướng xử lý (thụ lý / hướng dẫn / chuyển đơn)"), gettext_noop("Theo dõi kết quả"),
                    gettext_noop("Ghi chú"))
FORM = gettext_noop("Mẫu số 03 — Thông tư 04/2021/TT-TTCP")
WIDTHS = (6, 11, 28, 15, 48, 22, 22, 24, 22, 18)


def book_columns(on: dt.date) -> tuple[str, ...]:
    """The book's column titles in force on `on`, in the active language (see the module's docstring)."""
    rule = rule_or_none("reception.book", on)
    items = FALLBACK_COLUMNS if rule is None or len(rule.items) != len(FALLBACK_COLUMNS) else rule.items
    return tuple(_(item) for item in items)


def book_row(visit: Visit, *, user: User) -> list[str]:
    """One line of the book as `user` may read it: a denouncer's name, address and ID number are withheld
    from those who must not know them (danvan.people.selectors.visitor_for)."""
    visitor = visitor_for(user=user, visit=visit)
    kind = dict(Kind.choices).get(visit.kind, visit.kind)
    people = _("đoàn %(n)s người") % {"n": visit.people_count} if visit.is_group else (
        _("%(n)s người") % {"n": visit.people_count})
    who = visitor.full_name + (f", {visitor.address}" if visitor.address else "")
    if visitor.representatives:
        who += "\n" + _("Đại diện: ") + "; ".join(name for name, _id in visitor.representatives)
    handling = visit.get_handling_display() + (f": {visit.handling_target}" if visit.handling_target else "")
    notes = visit.notes
    if visit.petition_id:
        notes = (_("Đơn %(code)s") % {"code": visit.petition.code}) + (f"; {notes}" if notes else "")  # type: ignore[union-attr]
    return [str(visit.number), f"{visit.visited_on:%d/%m/%Y}", who, visitor.id_number, visit.content,
            f"{kind}, {people}", visit.handled_before, handling, visit.follow_up, notes]


def book_rows(visits: Iterable[Visit], *, user: User) -> list[tuple[Visit, list[str]]]:
    """Each visit with its line of the book (book_row). Whether each linked petition protects its denouncer,
    and whom it names, is worked out for all of them at once, not one query per line."""
    visits = list(visits)
    denounced_prime([v.petition for v in visits if v.petition is not None])
    return [(v, book_row(v, user=user)) for v in visits]


def book_xlsx(visits: Iterable[Visit], *, user: User, title: str, start: dt.date, end: dt.date) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Sổ tiếp công dân")[:31]
    columns = book_columns(end)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    last = get_column_letter(len(columns))
    ws["A1"] = _(FORM)
    ws["A1"].font = Font(name="Times New Roman", italic=True, size=10)
    ws["A2"] = _("SỔ TIẾP CÔNG DÂN")
    ws["A2"].font = Font(name="Times New Roman", bold=True, size=14)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A2:{last}2")
    cell_put(ws["A3"], _("%(title)s — từ ngày %(start)s đến ngày %(end)s") % {
        "title": title, "start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"})
    ws["A3"].alignment = Alignment(horizontal="center")
    ws["A3"].font = Font(name="Times New Roman", size=11)
    ws.merge_cells(f"A3:{last}3")
    for i, label in enumerate(columns, start=1):
        cell = cell_put(ws.cell(row=5, column=i), label)
        cell.font = Font(name="Times New Roman", bold=True, size=10)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
        ws.cell(row=6, column=i, value=f"({i})").alignment = Alignment(horizontal="center")
        ws.cell(row=6, column=i).border = box
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS[i - 1] if i <= len(WIDTHS) else 14
    row = 6
    for _visit, values in book_rows(visits, user=user):
        row += 1
        lines = 1
        for i, value in enumerate(values, start=1):
            cell = cell_put(ws.cell(row=row, column=i), value)
            cell.font = Font(name="Times New Roman", size=10)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = box
            width = int(1.2 * (WIDTHS[i - 1] if i <= len(WIDTHS) else 14))
            lines = max(lines, sum(-(-len(part) // width) or 1 for part in str(value).split("\n")))
        # Spreadsheet programs do not grow a row for wrapped text on opening: size it from the text.
        ws.row_dimensions[row].height = 13 * min(lines, 30) + 2
    ws.row_dimensions[5].height = 45
    ws.freeze_panes = "A7"
    ws.print_title_rows = "5:6"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
