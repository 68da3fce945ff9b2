"""Hot issues (điểm nóng): a field, a province, or a field in a province where petitions and citizens at the
reception desk have been arriving much faster than usual.

What arrives is counted as one: a petition, or a reception visit that no petition records (a visit that
recorded one counts through its petition; a group of many people, received together on one content, is one
visit). Each cell's arrivals of the last `days` are set against its own usual rate over the `baseline_days`
before them. A cell is hot when it has at least `min_count` arrivals and so many would arrive by chance at its usual
rate with probability below `p_max` (the Poisson tail): a small cell needs a large jump, a busy one a smaller
one. A cell never seen before is given a floor rate, so a handful of arrivals from a quiet place stand out
without a single one doing so.

A petition's field is the handler's, or the one suggested at intake until a handler decides: the petitions that signal
a new issue are the ones nobody has classified yet. A petition that repeats one already counted (the same
person writing again, or the same letter arriving through another agency) counts once; the same text from
different people is a group campaign and counts for each. A province or field that is hot only because of a
hot field-in-province inside it is not listed again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone
from scipy.stats import poisson

from danvan.org import places
from danvan.petitions.models import Field
from danvan.reports.datasets import DATASETS, local_midnight

Cell = tuple[int | None, int | None]  # (field id, province code); ANY for all of them
ANY = None  # a cell's field or province when it spans all of them
# What the dashboard asks for: the last week against the eight before it, at least five arrivals, at least
# twice the usual rate, and a jump that chance would give less than once in a thousand times. The ratio
# matters where counts are large: there, a Poisson test alone would call a rise of a tenth unusual, and
# real arrivals vary more than Poisson's (weekdays, the news).
DAYS, BASELINE_DAYS, MIN_COUNT, MIN_RATIO, P_MAX = 7, 56, 5, 2.0, 0.001
FLOOR_PER_WEEK = 0.5  # the usual rate given to a cell with no arrival in the baseline


@dataclass(frozen=True)
class Hotspot:
    field_id: int | None
    field_name: str
    field_code: str
    province_code: int | None
    province_name: str
    start: dt.date  # the days counted, both included
    end: dt.date
    count: int  # arrivals: petitions and visits
    visits: int  # of which reception visits that no petition records
    usual: float  # arrivals expected in the same number of days at the cell's usual rate
    p_value: float

    @property
    def petitions(self) -> int:
        return self.count - self.visits

    @property
    def ratio(self) -> float:
        return self.count / self.usual if self.usual else float("inf")

    def records_filter(self) -> dict[str, str]:
        """The petitions dataset's dimensions that pick this cell's petitions (besides the days)."""
        return {"repeat": "False", **self._cell_filter()}

    def visits_filter(self) -> dict[str, str]:
        """The visits dataset's dimensions that pick this cell's visits (besides the days)."""
        return {"petition": "-", **self._cell_filter()}

    def _cell_filter(self) -> dict[str, str]:
        found = {}
        if self.field_id is not None:
            found["topic"] = str(self.field_id)
        if self.province_code is not None:
            found["province"] = str(self.province_code)
        return found


def usual_rate(before: int, *, days: int, baseline_days: int) -> float:
    """What `days` usually bring, from `before` in `baseline_days`; never below the floor."""
    return max(before * days / baseline_days, FLOOR_PER_WEEK * days / 7)


def jump(recent: int, before: int, *, days: int, baseline_days: int, min_count: int = MIN_COUNT,
         p_max: float = P_MAX) -> float | None:
    """The chance of `recent` or more in `days` at the rate of `before` in `baseline_days`, when the jump is
    unusual enough to report (see the thresholds above); else None."""
    usual = usual_rate(before, days=days, baseline_days=baseline_days)
    if recent < min_count or recent < MIN_RATIO * usual:
        return None
    p = float(poisson.sf(recent - 1, usual))
    return p if p < p_max else None


def hotspots(*, today: dt.date | None = None, days: int = DAYS, baseline_days: int = BASELINE_DAYS,
             min_count: int = MIN_COUNT, p_max: float = P_MAX, unit_ids: set[int] | None = None,
             limit: int = 10) -> list[Hotspot]:
    """The hot cells of the `days` up to and including `today`, the most surprising first."""
    today = today or timezone.localdate()
    recent_start = today - dt.timedelta(days=days - 1)
    baseline_start = recent_start - dt.timedelta(days=baseline_days)
    # The reports' datasets, so that each figure opens to its records (reports:records).
    petitions = DATASETS["petitions"].records(baseline_start, today).filter(repeat=False)
    visits = DATASETS["visits"].records(baseline_start, today).filter(petition__isnull=True)
    if unit_ids is not None:
        petitions = petitions.filter(unit_id__in=unit_ids)
        visits = visits.filter(unit_id__in=unit_ids)
    recent_of: dict[str, Counter[Cell]] = {"petitions": Counter(), "visits": Counter()}
    before: Counter[Cell] = Counter()
    by_cell = {
        "petitions": petitions.annotate(recent=_since(received_at__gte=local_midnight(recent_start)))
        .values_list("topic", "province_code", "recent"),
        "visits": visits.annotate(recent=_since(visited_on__gte=recent_start))
        .values_list("field_id", "province_code", "recent"),
    }
    for kind, records in by_cell.items():
        for topic, province, is_recent, n in records.annotate(n=Count("id")).order_by():
            if topic is None and province is None:
                continue  # says nothing about a topic or a place
            cells = [(topic, province)]
            if topic is not None and province is not None:
                cells += [(topic, ANY), (ANY, province)]
            for cell in cells:
                (recent_of[kind] if is_recent else before)[cell] += n
    recent = recent_of["petitions"] + recent_of["visits"]

    def usual(b: int) -> float:
        return usual_rate(b, days=days, baseline_days=baseline_days)

    def surprise(n: int, b: int) -> float | None:
        return jump(n, b, days=days, baseline_days=baseline_days, min_count=min_count, p_max=p_max)

    hot: dict[Cell, float] = {}
    both = [c for c in recent if c[0] is not None and c[1] is not None]
    for cell in both:
        if (p := surprise(recent[cell], before[cell])) is not None:
            hot[cell] = p
    for cell in recent:
        if cell in hot or (cell[0] is not None and cell[1] is not None):
            continue
        # Tested on what is left of a whole field or province once its hot field-in-province cells are taken
        # out; shown whole, as its records list it.
        inside = [c for c in hot if c[0] is not None and c[1] is not None
                  and (c[0] == cell[0] if cell[1] is ANY else c[1] == cell[1])]
        left = surprise(recent[cell] - sum(recent[c] for c in inside), before[cell] - sum(before[c] for c in inside))
        if left is not None:
            hot[cell] = left

    fields = {f.pk: f for f in Field.objects.all()}  # a short list, read whole: one query, hot or not
    found_spots = []
    for (field_id, province), p in hot.items():
        field = fields.get(field_id) if field_id is not None else None
        found_spots.append(Hotspot(
            field_id=field_id, field_name=field.name if field else "", field_code=field.code if field else "",
            province_code=province, province_name=places.province_name(province) if province else "",
            start=recent_start, end=today, count=recent[(field_id, province)],
            visits=recent_of["visits"][(field_id, province)], usual=round(usual(before[(field_id, province)]), 1), p_value=p))
    found_spots.sort(key=lambda h: (h.p_value, -h.count))
    return found_spots[:limit]


def _since(**after: object) -> Case:
    """1 for a record on or after the start of the recent days, else 0."""
    return Case(When(**after, then=Value(1)), default=Value(0), output_field=IntegerField())
