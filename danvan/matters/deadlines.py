"""The time limits stored on each matter, and their recompute after a calendar change.

Each TimeLimit row keeps what it was computed from (rule, start, case, extensions, suspended days), so a
calendar change recomputes it without reading the matter's history; Matter.next_due mirrors the nearest
running limit the agency must meet, so "overdue" and "due soon" are indexed queries on one table.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from danvan.matters.models import Matter, TimeLimit
from danvan.rules.services import deadline_compute

LIMIT_LABELS = {
    "complaint_window": _("Thời hiệu khiếu nại"),
    "acceptance": _("Hạn thụ lý"),
    "resolution": _("Hạn giải quyết"),
    "finality": _("Quyết định có hiệu lực pháp luật"),
    "second_window": _("Thời hạn khiếu nại lần hai"),
    "initial_processing": _("Hạn xử lý ban đầu thông tin tố cáo"),
    "forward": _("Hạn chuyển tố cáo không thuộc thẩm quyền"),
    "acceptance_notice": _("Hạn thông báo thụ lý tố cáo"),
}

_Key = tuple[str, dt.date, bool, bool, int, int]


def limit_set(
    matter: Matter, *, key: str, rule: str, start: dt.date, complex: bool = False, remote: bool = False,
    extensions: int = 0, suspended_days: int = 0, status: str = TimeLimit.Status.RUNNING, for_agency: bool = True,
) -> TimeLimit:
    """Compute the limit `key` of `matter` and store it (replacing an earlier one with the same key).

    Raises danvan.rules.errors.RuleError when the rule packs cannot give it (for instance more extensions
    than the law allows); nothing is stored then.
    """
    deadline = deadline_compute(rule=rule, start=start, complex=complex, remote=remote, extensions=extensions,
                                suspended_days=suspended_days)
    limit, _created = TimeLimit.objects.update_or_create(matter=matter, key=key, defaults={
        "label": str(LIMIT_LABELS.get(key, key)), "rule": rule, "start": start, "complex": complex,
        "remote": remote, "extensions": extensions, "suspended_days": suspended_days, "due": deadline.due,
        "explained": deadline.explain(), "status": status, "met_on": None, "for_agency": for_agency,
    })
    return limit


def limit_get(matter: Matter, key: str) -> TimeLimit | None:
    return TimeLimit.objects.filter(matter=matter, key=key).first()


def limit_meet(matter: Matter, keys: Iterable[str], on: dt.date) -> None:
    TimeLimit.objects.filter(matter=matter, key__in=list(keys)).exclude(status=TimeLimit.Status.MET).update(
        status=TimeLimit.Status.MET, met_on=on)


def limit_status(matter: Matter, key: str, status: str) -> None:
    TimeLimit.objects.filter(matter=matter, key=key).update(status=status)


def limits_close(matter: Matter, on: dt.date) -> None:
    """A closed matter owes nothing more: its running and paused limits end today."""
    TimeLimit.objects.filter(matter=matter, status__in=[TimeLimit.Status.RUNNING, TimeLimit.Status.PAUSED]).update(
        status=TimeLimit.Status.MET, met_on=on)


def next_due_refresh(matter: Matter) -> None:
    """Set matter.next_due/next_due_key from its running agency limits (the caller saves the matter)."""
    nearest = (TimeLimit.objects.filter(matter=matter, status=TimeLimit.Status.RUNNING, for_agency=True)
               .order_by("due", "id").values_list("due", "key").first())
    matter.next_due, matter.next_due_key = nearest if nearest else (None, "")


_LIVE = (TimeLimit.Status.RUNNING, TimeLimit.Status.PAUSED, TimeLimit.Status.INFO)
_COMBO_FIELDS = ("rule", "start", "complex", "remote", "extensions", "suspended_days")


def _nearest_by_matter(matter_ids: list[int]) -> dict[int, tuple[dt.date, str]]:
    found: dict[int, tuple[dt.date, str]] = {}
    rows = (TimeLimit.objects.filter(matter_id__in=matter_ids, status=TimeLimit.Status.RUNNING, for_agency=True)
            .order_by("due", "id").values_list("matter_id", "due", "key"))
    for matter_id, due, key in rows:
        found.setdefault(matter_id, (due, key))
    return found


def _computed(combos: Iterable[_Key]) -> dict[_Key, tuple[dt.date, dict[str, Any]]]:
    """Each distinct computation once: a million limits share a few thousand (rule, start, case) keys."""
    out: dict[_Key, tuple[dt.date, dict[str, Any]]] = {}
    for key in combos:
        rule, start, complex_, remote, extensions, suspended = key
        d = deadline_compute(rule=rule, start=start, complex=complex_, remote=remote, extensions=extensions,
                             suspended_days=suspended)
        out[key] = (d.due, d.explain())
    return out


def time_limits_recompute(*, chunk_size: int = 5000) -> int:
    """Recompute every time limit still in play (running, paused, info) after a calendar change.

    Returns how many limits changed their due date. Only those rows are written (with their new
    derivation), and only the matters among them whose nearest limit (next_due, next_due_key) changed.
    The work is set-based: the distinct (rule, start, case, extensions, suspended days) in play are read
    with one SELECT DISTINCT and computed once each in Python; on PostgreSQL they go into a temporary
    table by COPY and one UPDATE ... FROM joins them to the limits (1M open matters: see docs/workflows.md);
    elsewhere (SQLite) one UPDATE per distinct computation, in chunks of `chunk_size` limits.
    """
    combos = set(TimeLimit.objects.filter(status__in=_LIVE).values_list(*_COMBO_FIELDS).distinct())
    computed = _computed(sorted(combos))
    if not computed:
        return 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            return _apply_postgresql(computed)
        return _apply_portable(computed, chunk_size=chunk_size)


def _apply_postgresql(computed: dict[_Key, tuple[dt.date, dict[str, Any]]]) -> int:
    with connection.cursor() as cursor:
        # Inside a caller's transaction (a test, a command) ON COMMIT DROP waits for its commit.
        cursor.execute("DROP TABLE IF EXISTS matters_recompute_new, matters_recompute_moved")
        cursor.execute(
            "CREATE TEMP TABLE matters_recompute_new (rule varchar(64), start date, complex boolean, remote boolean,"
            " extensions smallint, suspended_days integer, due date, explained jsonb) ON COMMIT DROP")
        cursor.execute("CREATE TEMP TABLE matters_recompute_moved (matter_id bigint) ON COMMIT DROP")
        # psycopg 3's COPY FROM STDIN, on the same connection and in the same transaction.
        with cursor.cursor.copy(
                "COPY matters_recompute_new (rule, start, complex, remote, extensions, suspended_days, due,"
                " explained) FROM STDIN") as copy:
            for key, (due, explained) in computed.items():
                copy.write_row((*key, due, json.dumps(explained, cls=DjangoJSONEncoder, ensure_ascii=False)))
        cursor.execute("ANALYZE matters_recompute_new")
        # One statement rewrites every limit whose due date moved and keeps the matters it touched; the
        # data-modifying CTE's changes are invisible to the rest of its own statement, so next_due is
        # refreshed by the second statement below.
        cursor.execute(
            "WITH moved AS (UPDATE matters_timelimit t SET due = n.due, explained = n.explained"
            " FROM matters_recompute_new n"
            " WHERE t.rule = n.rule AND t.start = n.start AND t.complex = n.complex AND t.remote = n.remote"
            " AND t.extensions = n.extensions AND t.suspended_days = n.suspended_days"
            " AND t.status = ANY(%s) AND t.due <> n.due RETURNING t.matter_id)"
            " INSERT INTO matters_recompute_moved (matter_id) SELECT matter_id FROM moved", [list(_LIVE)])
        changed = cursor.rowcount
        if changed:
            cursor.execute(
                "UPDATE matters_matter m SET next_due = x.due, next_due_key = COALESCE(x.key, '')"
                " FROM (SELECT DISTINCT matter_id FROM matters_recompute_moved) d"
                " LEFT JOIN LATERAL (SELECT l.due, l.key FROM matters_timelimit l WHERE l.matter_id = d.matter_id"
                " AND l.status = %s AND l.for_agency ORDER BY l.due, l.id LIMIT 1) x"
                " ON true"
                " WHERE m.id = d.matter_id"
                " AND (m.next_due IS DISTINCT FROM x.due OR m.next_due_key <> COALESCE(x.key, ''))",
                [str(TimeLimit.Status.RUNNING)])
        cursor.execute("DROP TABLE matters_recompute_new, matters_recompute_moved")
    return changed


def _apply_portable(computed: dict[_Key, tuple[dt.date, dict[str, Any]]], *, chunk_size: int) -> int:
    """Walk the live limits by primary key (no OFFSET); one UPDATE per distinct computation and chunk."""
    changed = 0
    last_id = 0
    while True:
        rows = list(TimeLimit.objects.filter(id__gt=last_id, status__in=_LIVE).order_by("id")
                    .values_list("id", "matter_id", *_COMBO_FIELDS, "due")[:chunk_size])
        if not rows:
            return changed
        last_id = rows[-1][0]
        moved: dict[_Key, list[int]] = defaultdict(list)
        touched: set[int] = set()
        for pk, matter_id, *combo, due in rows:
            key: _Key = tuple(combo)
            # A limit written after the SELECT DISTINCT was computed on the new calendar already.
            if key in computed and computed[key][0] != due:
                moved[key].append(pk)
                touched.add(matter_id)
        for key, ids in moved.items():
            new_due, explained = computed[key]
            TimeLimit.objects.filter(id__in=ids).update(due=new_due, explained=explained)
            changed += len(ids)
        if touched:
            nearest = _nearest_by_matter(sorted(touched))
            by_value: dict[tuple[dt.date | None, str], list[int]] = defaultdict(list)
            for mid, next_due, next_key in Matter.objects.filter(id__in=touched).values_list(
                    "id", "next_due", "next_due_key"):
                want = nearest.get(mid, (None, ""))
                if (next_due, next_key) != want:
                    by_value[want].append(mid)
            for (next_due, next_key), ids in by_value.items():
                Matter.objects.filter(id__in=ids).update(next_due=next_due, next_due_key=next_key)
