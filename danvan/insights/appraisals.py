"""Civil servants' yearly ratings on the 100-point scale of Decree 335/2025/ND-CP.

A unit's head, or a leader, gives each official of the unit points for the general criteria and for the results
of their tasks, and names a ground of "not completed" where one applies (disciplined in the year, ...). The
rating follows from the rule pack in force at the year's end (`evaluation.points`, `evaluation.criteria`,
`evaluation.not_completed`): excellent, good, completed or not completed by the points, not completed whatever
the points when a ground applies.

The share of excellent ratings is capped within a unit: at most p (20%) of the number rated good. Those over
the cap are rated good and so count among the good: with E officials at the excellent threshold or above and
G at the good one, k = min(E, floor(p·(G + E) / (1 + p))) keep their excellent rating, the highest points first
(then the higher task points). The Decree also caps within each group of officials with similar tasks; the
unit's head applies that refinement when the unit holds several such groups.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from danvan.audit.services import audit_record
from danvan.documents.spreadsheet import row_cells
from danvan.insights.models import Appraisal, Rating
from danvan.org.models import Role, Unit, User
from danvan.rules.errors import RuleError
from danvan.rules.services import rule_in_force
from textmining.normalize import fold


@dataclass(frozen=True)
class Scale:
    """The year's scale, as the rule packs in force at its end give it."""

    excellent_min: Decimal
    good_min: Decimal
    completed_min: Decimal
    cap_percent: Decimal
    general_max: Decimal
    task_max: Decimal
    grounds: list[str]
    citation: str

    def rating(self, points: Decimal, ground: int | None) -> Rating:
        if ground is not None or points < self.completed_min:
            return Rating.NOT_COMPLETED
        if points >= self.excellent_min:
            return Rating.EXCELLENT
        return Rating.GOOD if points >= self.good_min else Rating.COMPLETED

    def excellent_allowed(self, excellent: int, good: int) -> int:
        """How many of `excellent` officials at the threshold keep the rating beside `good` ones."""
        p = self.cap_percent / 100
        return min(excellent, math.floor(p * (good + excellent) / (1 + p)))


def scale_for(year: int) -> Scale:
    """The scale of `year`; ValidationError when no rule pack covers the year's end."""
    on = dt.date(year, 12, 31)
    try:
        points, criteria = rule_in_force("evaluation.points", on), rule_in_force("evaluation.criteria", on)
        grounds = rule_in_force("evaluation.not_completed", on)
    except RuleError:
        raise ValidationError(_("Chưa có quy định đánh giá, xếp loại theo thang điểm cho năm %(y)s.") % {"y": year}) \
            from None
    values = {k: Decimal(str(v)) for k, v in {**points.values, **criteria.values}.items()}
    return Scale(excellent_min=values["excellent_min"], good_min=values["good_min"],
                 completed_min=values["completed_min"], cap_percent=values["excellent_cap_percent_of_good"],
                 general_max=values["general_max"], task_max=values["task_max"], grounds=list(grounds.items),
                 citation=points.citation)


@dataclass(frozen=True)
class Row:
    official: User
    appraisal: Appraisal | None
    by_points: Rating | None  # what the points and the ground alone give
    rating: Rating | None  # after the cap
    over_cap: bool


@dataclass(frozen=True)
class UnitRatings:
    unit: Unit
    year: int
    scale: Scale
    rows: list[Row]
    excellent_allowed: int
    counts: dict[Rating, int]


def agency_staff(user: User) -> bool:
    """Whether the agency rates `user`: a member of a supervising body signs in here but is not its civil servant."""
    return any(role != Role.SUPERVISOR for role in user.roles)


def unit_ratings(unit: Unit, year: int) -> UnitRatings:
    """The ratings of `unit`'s officials for `year`: those rated there, and its active officials not rated yet."""
    scale = scale_for(year)
    rated = {a.official_id: a for a in Appraisal.objects.filter(unit=unit, year=year).select_related("official")}
    officials = {a.official_id: a.official for a in rated.values()}
    for official in User.objects.filter(unit=unit, is_active=True).exclude(pk__in=officials):
        if agency_staff(official):
            officials[official.pk] = official
    by_points = {pk: scale.rating(a.points, a.not_completed_ground) for pk, a in rated.items()}
    tally = Counter(by_points.values())
    allowed = scale.excellent_allowed(tally[Rating.EXCELLENT], tally[Rating.GOOD])
    ranked = sorted((a for pk, a in rated.items() if by_points[pk] == Rating.EXCELLENT),
                    key=lambda a: (-a.points, -a.task_points, a.official_id))
    kept = {a.official_id for a in ranked[:allowed]}
    rows = []
    for pk, official in sorted(officials.items(), key=lambda item: fold(str(item[1]))):
        first = by_points.get(pk)
        over = first == Rating.EXCELLENT and pk not in kept
        rows.append(Row(official, rated.get(pk), first, Rating.GOOD if over else first, over))
    return UnitRatings(unit, year, scale, rows, allowed, Counter(r.rating for r in rows if r.rating is not None))


@transaction.atomic
def appraisal_record(*, official: User, year: int, general_points: Decimal, task_points: Decimal,
                     not_completed_ground: int | None, note: str, by: User) -> Appraisal:
    """Give (or correct) an official's points for a year. Bad input raises ValidationError and changes nothing."""
    if not by.has_perm("insights.rate_official", official):
        raise PermissionDenied
    if not agency_staff(official):
        raise ValidationError(_("Người này là thành viên cơ quan giám sát, không phải công chức của cơ quan."))
    if official.unit_id is None:
        raise ValidationError(_("Công chức chưa thuộc đơn vị nào."))
    if year > timezone.localdate().year:
        raise ValidationError(_("Chưa thể xếp loại năm %(y)s.") % {"y": year})
    scale = scale_for(year)
    problems = []
    for points, most, what in ((general_points, scale.general_max, _("Điểm tiêu chí chung")),
                               (task_points, scale.task_max, _("Điểm kết quả thực hiện nhiệm vụ"))):
        if not 0 <= points <= most:
            problems.append(_("%(what)s phải từ 0 đến %(most)s.") % {"what": what, "most": most})
    if not_completed_ground is not None and not 1 <= not_completed_ground <= len(scale.grounds):
        problems.append(_("Trường hợp không hoàn thành nhiệm vụ không hợp lệ."))
    if problems:
        raise ValidationError(problems)
    appraisal, created = Appraisal.objects.update_or_create(official=official, year=year, defaults={
        "unit_id": official.unit_id, "general_points": general_points, "task_points": task_points,
        "not_completed_ground": not_completed_ground, "note": note.strip(), "rated_by": by})
    audit_record(action="insights.appraisal", obj=appraisal, by=by, data={
        "official": official.pk, "year": year, "general": str(general_points), "task": str(task_points),
        "ground": not_completed_ground, "rating": scale.rating(appraisal.points, not_completed_ground).value,
        "created": created})
    return appraisal


def appraisals_xlsx(board: UnitRatings) -> bytes:
    """The unit's ratings of the year as a workbook, with the page's columns."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = str(board.year)
    ws.append(row_cells(ws, [_("Đánh giá, xếp loại công chức năm %(y)s") % {"y": board.year}, board.unit.name]))
    ws.append(row_cells(ws, [_("Công chức"), _("Chức danh"), _("Điểm tiêu chí chung"),
                             _("Điểm kết quả thực hiện nhiệm vụ"), _("Tổng điểm"),
                             _("Trường hợp không hoàn thành nhiệm vụ"), _("Xếp loại"), _("Vượt tỷ lệ xuất sắc"),
                             _("Nhận xét")]))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in board.rows:
        given = row.appraisal
        ws.append(row_cells(ws, [
            row.official.full_name or row.official.username, row.official.title,
            *((float(given.general_points), float(given.task_points), float(given.points),
               given.not_completed_ground or "") if given else ("", "", "", "")),
            str(row.rating.label) if row.rating else _("Chưa chấm điểm"), _("có") if row.over_cap else "",
            given.note if given else ""]))
    ws.append(row_cells(ws, [board.scale.citation]))
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["G"].width = 32
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
