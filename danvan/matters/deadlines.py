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
from django.utils import translation

from danvan.matters.models import LIMIT_LABELS, Matter, TimeLimit
from danvan.rules.services import deadline_compute

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
    with translation.override("vi"):  # the record's language; pages show TimeLimit.display_label
        label = str(LIMIT_LABELS.get(key, key))
    limit, _created = TimeLimit.objects.update_or_create(matter=matter, key=key, defaults={
        "label": label, "rule": rule, "start": start, "complex": complex,
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


def _moved(stored: Iterable[tuple[Any, ...]]) -> dict[_Key, tuple[dt.date, dict[str, Any]]]:
    """The computations whose due date the calendar moved, with their new due date and derivation.

    `stored` holds the distinct (rule, start, case, extensions, suspended days, due) in play: each
    computation is run once (a million limits share a few tens of thousands), and kept if any of its
    stored due dates differs from the new one.
    """
    seen: dict[_Key, set[dt.date]] = defaultdict(set)
    for *combo, due in stored:
        seen[tuple(combo)].add(due)
    out: dict[_Key, tuple[dt.date, dict[str, Any]]] = {}
    for key, dues in seen.items():
        rule, start, complex_, remote, extensions, suspended = key
        d = deadline_compute(rule=rule, start=start, complex=complex_, remote=remote, extensions=extensions,
                             suspended_days=suspended)
        if dues != {d.due}:
            out[key] = (d.due, d.explain())
    return out


def time_limits_recompute(*, chunk_size: int = 5000) -> int:
    """Recompute every time limit still in play (running, paused, info) after a calendar change.

    Returns how many limits changed their due date. Only those rows are written (with their new
    derivation), and only the matters among them whose nearest limit (next_due, next_due_key) changed.
    The work is set-based: one SELECT DISTINCT reads the computations in play with their stored due dates
    from the partial index time_limit_computation; each is run once in Python and only those that moved are
    written back. On PostgreSQL they go into a temporary table by COPY and one UPDATE ... FROM joins them to
    the limits through that index; elsewhere (SQLite) one UPDATE per moved computation, `chunk_size` rows at
    a time. Figures at one million open matters: docs/workflows.md.
    """
    with transaction.atomic():
        # order_by(): the model orders by id, which would make every row distinct.
        stored = TimeLimit.objects.filter(status__in=_LIVE).order_by().values_list(*_COMBO_FIELDS, "due").distinct()
        moved = _moved(stored.iterator(chunk_size=10_000))
        if not moved:
            return 0
        if connection.vendor == "postgresql":
            return _apply_postgresql(moved)
        return _apply_portable(moved, chunk_size=chunk_size)
def _apply_postgresql(moved: dict[_Key, tuple[dt.date, dict[str, Any]]]) -> int:
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
            for key, (due, explained) in moved.items():
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
            # Spelled out, so the planner matches the partial index's own condition.
            " AND t.status IN ('running', 'paused', 'info') AND t.due <> n.due RETURNING t.matter_id)"
            " INSERT INTO matters_recompute_moved (matter_id) SELECT matter_id FROM moved")
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


def _apply_portable(moved: dict[_Key, tuple[dt.date, dict[str, Any]]], *, chunk_size: int) -> int:
    """One UPDATE per moved computation (found through the partial index), `chunk_size` rows at a time."""
    changed = 0
    touched: set[int] = set()
    for key, (due, explained) in moved.items():
        same = dict(zip(_COMBO_FIELDS, key, strict=True))
        rows = list(TimeLimit.objects.filter(status__in=_LIVE, **same).exclude(due=due).values_list("id", "matter_id"))
        for base in range(0, len(rows), chunk_size):
            ids = [pk for pk, _m in rows[base:base + chunk_size]]
            TimeLimit.objects.filter(id__in=ids).update(due=due, explained=explained)
        touched.update(m for _pk, m in rows)
        changed += len(rows)
    ordered = sorted(touched)
    for base in range(0, len(ordered), chunk_size):
        matter_ids = ordered[base:base + chunk_size]
        nearest = _nearest_by_matter(matter_ids)
        by_value: dict[tuple[dt.date | None, str], list[int]] = defaultdict(list)
        for mid, next_due, next_key in Matter.objects.filter(id__in=matter_ids).values_list(
                "id", "next_due", "next_due_key"):
            want = nearest.get(mid, (None, ""))
            if (next_due, next_key) != want:
                by_value[want].append(mid)
        for (next_due, next_key), same_ids in by_value.items():
            Matter.objects.filter(id__in=same_ids).update(next_due=next_due, next_due_key=next_key)
    return changed
