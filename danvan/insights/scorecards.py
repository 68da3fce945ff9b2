"""Scorecards: how each unit and each official kept the time limits in a period.

Petitions are counted by the period they were received in (the cohort the reports' petitions dataset holds),
each where it stands today: decided on time or late, still open within its limit or overdue. So a card's
figures open to their records (reports:records with the `own_unit` or `official` dimension and `timeliness`).
An official's petitions are the ones assigned to them, or, where nobody was assigned, the ones they decided.

Matters are counted by the period their decision or conclusion was issued in, each on time when it was
issued by its resolution time limit's due day (extensions and suspensions included, as the limit stores
them). Visits are the reception book's lines of the period, by the unit and by the official who received.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from io import BytesIO

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font

from danvan.documents.spreadsheet import row_cells
from danvan.insights.selectors import percent
from danvan.matters.models import Matter, TimeLimit
from danvan.org.models import Role, Unit, User
from danvan.reception.models import Visit
from danvan.reports.datasets import DATASETS
from textmining.normalize import fold

# The roles whose work a card counts: those who receive, process, verify and decide.
WORKING_ROLES = (Role.RECEPTION_OFFICER, Role.HANDLER, Role.VERIFIER, Role.UNIT_HEAD)


@dataclass
class Card:
    on_time: int = 0  # petitions decided by their processing limit
    late: int = 0  # decided after it
    open: int = 0  # still open, within it
    overdue: int = 0  # still open, past it
    matters_on_time: int = 0
    matters_late: int = 0
    visits: int = 0

    @property
    def petitions(self) -> int:
        return self.on_time + self.late + self.open + self.overdue

    @property
    def on_time_rate(self) -> float | None:
        """On time among the petitions whose limit has come: decided, or open past it."""
        return percent(self.on_time, self.on_time + self.late + self.overdue)

    @property
    def matters_on_time_rate(self) -> float | None:
        return percent(self.matters_on_time, self.matters_on_time + self.matters_late)


@dataclass
class Scorecards:
    start: dt.date
    end: dt.date
    units: list[tuple[Unit, Card]] = field(default_factory=list)
    officials: list[tuple[User, Card]] = field(default_factory=list)


def scorecards_build(*, start: dt.date, end: dt.date, unit_ids: set[int] | None = None,
                     with_officials: bool = True) -> Scorecards:
    """The cards of the period [start, end] for the units in `unit_ids` (None: every unit) and, with
    `with_officials`, for their officials."""
    by_unit: dict[int, Card] = defaultdict(Card)
    by_official: dict[int, Card] = defaultdict(Card)

    petitions = DATASETS["petitions"].records(start, end).order_by()
    matters = (Matter.objects.filter(decided_on__gte=start, decided_on__lte=end).order_by()
               .annotate(resolution_due=Subquery(TimeLimit.objects.filter(matter=OuterRef("pk"), key="resolution")
                                                 .values("due")[:1])))
    visits = Visit.objects.filter(visited_on__gte=start, visited_on__lte=end).order_by()
    if unit_ids is not None:
        petitions = petitions.filter(unit_id__in=unit_ids)
        matters = matters.filter(unit_id__in=unit_ids)
        visits = visits.filter(unit_id__in=unit_ids)
    # A matter with no resolution limit on file (imported, say) is neither: its timeliness is not known.
    on_time_matter, late_matter = Q(decided_on__lte=F("resolution_due")), Q(decided_on__gt=F("resolution_due"))

    groups = [("unit_id", by_unit)] + ([("official", by_official)] if with_officials else [])
    for column, cards in groups:
        for key, timeliness, n in petitions.values_list(column, "timeliness").annotate(n=Count("id")):
            if key is not None:
                setattr(cards[key], timeliness, getattr(cards[key], timeliness) + n)
    matter_column = {"unit_id": "unit_id", "official": "assignee_id"}
    visit_column = {"unit_id": "unit_id", "official": "received_by_id"}
    for column, cards in groups:
        for key, on_time, late in (matters.values_list(matter_column[column])
                                   .annotate(on_time=Count("id", filter=on_time_matter),
                                             late=Count("id", filter=late_matter))):
            if key is not None:
                cards[key].matters_on_time += on_time
                cards[key].matters_late += late
        for key, n in visits.values_list(visit_column[column]).annotate(n=Count("id")):
            if key is not None:
                cards[key].visits += n

    result = Scorecards(start=start, end=end)
    # Every unit that handles petitions, with a card of zeros if need be, and any other with figures.
    units = Unit.objects.filter(Q(handles_petitions=True) | Q(pk__in=set(by_unit)))
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    result.units = sorted(((u, by_unit.get(u.pk, Card())) for u in units), key=lambda pair: fold(pair[0].name))
    if with_officials:
        people = User.objects.filter(Q(pk__in=set(by_official)) | Q(is_active=True)).select_related("unit")
        if unit_ids is not None:
            people = people.filter(unit_id__in=unit_ids)
        result.officials = sorted(
            ((u, by_official.get(u.pk, Card())) for u in people
             if u.pk in by_official or any(r in u.roles for r in WORKING_ROLES)),
            key=lambda pair: (fold(pair[0].unit.name if pair[0].unit else ""), fold(pair[0].full_name)))
    return result



def scorecards_xlsx(cards: Scorecards) -> bytes:
    """The cards as a workbook: a sheet of units and, when shown, a sheet of officials, with the page's columns."""
    wb = Workbook()
    bold = Font(bold=True)
    headings = [gettext("Tổng"), gettext("Đúng hạn"), gettext("Trễ hạn"), gettext("Trong hạn"), gettext("Quá hạn"),
                gettext("Tỷ lệ đúng hạn (%)"), gettext("Vụ việc đúng hạn"), gettext("Vụ việc trễ hạn"),
                gettext("Lượt tiếp")]
    period = gettext("Từ ngày %(start)s đến ngày %(end)s") % {"start": f"{cards.start:%d/%m/%Y}",
                                                              "end": f"{cards.end:%d/%m/%Y}"}
    sheets: list[tuple[str, list[str], list[tuple[list[str], Card]]]] = [
        (gettext("Theo đơn vị"), [gettext("Đơn vị")], [([u.name], c) for u, c in cards.units])]
    if cards.officials:
        sheets.append((gettext("Theo cán bộ"), [gettext("Cán bộ"), gettext("Đơn vị")],
                       [([o.full_name, o.unit.name if o.unit else ""], c) for o, c in cards.officials]))
    for index, (title, who, rows) in enumerate(sheets):
        ws = wb.active if index == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = title[:31]
        ws.append(row_cells(ws, [title, period]))
        ws.append(row_cells(ws, [*who, *headings]))
        for cell in ws[2]:
            cell.font = bold
        for names, card in rows:
            ws.append(row_cells(ws, [*names, card.petitions, card.on_time, card.late, card.open, card.overdue,
                                     card.on_time_rate, card.matters_on_time, card.matters_late, card.visits]))
        ws.column_dimensions["A"].width = 36
        if len(who) > 1:
            ws.column_dimensions["B"].width = 30
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
