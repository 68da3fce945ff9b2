"""Load one million open matters with their time limits for the matters benchmark (PostgreSQL, COPY).

    createdb -h 127.0.0.1 -U postgres danvan_bench_matters
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_matters .venv/bin/python manage.py migrate -v0
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_matters \
        .venv/bin/python bench/matters/generate.py --open 1000000 --closed 200000

Units and officials through the ORM; matters and time limits with COPY, the secondary indexes dropped during
the load and built again afterwards. Each limit is computed by the real rules (danvan.rules.deadline_compute)
on the agency's calendar, once per distinct (rule, start, case, extensions, suspended days), and stored with
its derivation, as the services store it. Receipt days spread over the 540 days before today, so a realistic
share of the matters is overdue. Deterministic: the same seed gives the same data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django

django.setup()

from django.core.serializers.json import DjangoJSONEncoder  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from danvan.matters.deadlines import LIMIT_LABELS  # noqa: E402
from danvan.org.models import Role, Unit, User  # noqa: E402
from danvan.rules.services import deadline_compute  # noqa: E402

DEPARTMENTS = [
    ("ban-tcd", "Ban Tiếp công dân"), ("cuc-qldd", "Cục Quản lý đất đai"), ("cuc-mt", "Cục Môi trường"),
    ("cuc-qltnn", "Cục Quản lý tài nguyên nước"), ("cuc-ks", "Cục Địa chất và Khoáng sản"),
    ("cuc-tt", "Cục Trồng trọt và Bảo vệ thực vật"), ("cuc-cn", "Cục Chăn nuôi và Thú y"),
    ("cuc-ln", "Cục Lâm nghiệp và Kiểm lâm"), ("cuc-ts", "Cục Thủy sản và Kiểm ngư"),
    ("cuc-tl", "Cục Quản lý và Xây dựng công trình thủy lợi"), ("vu-tccb", "Vụ Tổ chức cán bộ"),
    ("thanh-tra", "Thanh tra Bộ"),
]
SUBJECTS = ["Khiếu nại quyết định thu hồi đất", "Khiếu nại giá bồi thường, hỗ trợ tái định cư",
            "Tố cáo cán bộ địa chính nhận tiền", "Tố cáo vi phạm trong cấp phép khai thác cát",
            "Khiếu nại quyết định xử phạt vi phạm hành chính về môi trường", "Tố cáo sai phạm trong giao rừng"]
# Open states and their shares; a complaint may also be decided or notified (waiting for finality).
COMPLAINT_STATES = [("received", 10), ("accepted", 25), ("verifying", 30), ("verified", 12), ("suspended", 3),
                    ("decided", 10), ("notified", 10)]
DENUNCIATION_STATES = [("received", 12), ("accepted", 25), ("verifying", 40), ("verified", 18), ("suspended", 5)]
CLOSED_STATES = [("refused", 20), ("enforced", 40), ("handled", 25), ("withdrawn", 15)]

MATTER_COLUMNS = ["code", "kind", "unit_id", "state", "subject", "received_on", "accepted_on", "assignee_id",
                  "verifier_id", "tier", "complexity", "remote", "disciplinary", "dismissal", "obstacle_days",
                  "extensions", "suspended_days", "suspended_on", "state_before_suspension", "decided_on",
                  "closed_on", "next_due", "next_due_key", "created_at", "updated_at"]
LIMIT_COLUMNS = ["matter_id", "key", "label", "rule", "start", "complex", "remote", "extensions", "suspended_days",
                 "due", "explained", "status", "met_on", "for_agency", "public"]


def weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def working_days_after(day: dt.date, n: int) -> dt.date:
    """A rough step forward for the day a step was taken (the stored limits use the real calendar)."""
    return day + dt.timedelta(days=n + 2 * (n // 5))


class Limits:
    """deadline_compute once per distinct input, with the derivation JSON ready for COPY."""

    def __init__(self) -> None:
        self.memo: dict[tuple[Any, ...], tuple[dt.date, str]] = {}

    def get(self, rule: str, start: dt.date, complex_: bool = False, remote: bool = False, extensions: int = 0,
            suspended: int = 0) -> tuple[dt.date, str]:
        key = (rule, start, complex_, remote, extensions, suspended)
        if key not in self.memo:
            d = deadline_compute(rule=rule, start=start, complex=complex_, remote=remote, extensions=extensions,
                                 suspended_days=suspended)
            self.memo[key] = (d.due, json.dumps(d.explain(), cls=DjangoJSONEncoder, ensure_ascii=False))
        return self.memo[key]


def setup_agency() -> tuple[list[int], dict[int, list[int]]]:
    ministry, _ = Unit.objects.get_or_create(code="bnnmt", defaults={
        "name": "Bộ Nông nghiệp và Môi trường", "kind": Unit.Kind.MINISTRY, "symbol": "BNNMT", "province_code": 1})
    units = [ministry.pk]
    staff: dict[int, list[int]] = {}
    for code, name in DEPARTMENTS:
        unit, _ = Unit.objects.get_or_create(code=code, defaults={
            "name": name, "kind": Unit.Kind.DEPARTMENT, "parent": ministry, "province_code": 1, "symbol": code.upper()})
        units.append(unit.pk)
    for unit_id in units:
        people = []
        for i in range(12):
            role = Role.UNIT_HEAD if i == 0 else Role.VERIFIER if i < 4 else Role.HANDLER
            user, created = User.objects.get_or_create(username=f"bench-{unit_id}-{i}", defaults={
                "full_name": f"Cán bộ {unit_id}.{i}", "unit_id": unit_id, "roles": [role.value]})
            if created:
                user.set_unusable_password()
                user.save()
            people.append(user.pk)
        staff[unit_id] = people
    leader, created = User.objects.get_or_create(username="bench-leader", defaults={
        "full_name": "Hoàng Đức Thắng", "unit": ministry, "roles": [Role.LEADER.value]})
    if created:
        leader.set_unusable_password()
        leader.save()
    return units, staff


def drop_secondary_indexes(table: str) -> list[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef NOT LIKE %s",
                    [table, "%(id)"])
        found = cur.fetchall()
        for name, _def in found:
            cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT IF EXISTS "{name}"')
            cur.execute(f'DROP INDEX IF EXISTS "{name}"')
    return [d for _n, d in found]


def recreate(defs: list[str]) -> None:
    with connection.cursor() as cur:
        for d in defs:
            cur.execute(d)


def plan(rng: random.Random, i: int, today: dt.date, units: list[int], staff: dict[int, list[int]],
         limits: Limits, closed: bool) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """One matter's row and its limits' rows (without matter_id), as the workflow would have left them."""
    kind = "complaint" if rng.random() < 0.7 else "denunciation"
    state = weighted(rng, CLOSED_STATES if closed else COMPLAINT_STATES if kind == "complaint" else DENUNCIATION_STATES)
    if kind == "denunciation" and state == "enforced":
        state = "handled"
    if kind == "complaint" and state == "handled":
        state = "enforced"
    received = today - dt.timedelta(days=rng.randint(0, 540))
    unit = rng.choice(units)
    people = staff[unit]
    complexity = "complex" if rng.random() < 0.2 else "normal"
    if kind == "denunciation" and complexity == "complex" and rng.random() < 0.3:
        complexity = "especially_complex"
    is_complex = complexity != "normal"
    remote = rng.random() < 0.05
    tier = 2 if kind == "complaint" and rng.random() < 0.1 else 1
    extensions = 0
    if kind == "denunciation" and is_complex and state != "received":
        extensions = rng.randint(0, 2 if complexity == "especially_complex" else 1)
    suspended_days = rng.choice([0] * 20 + [7, 14, 30]) if state not in ("received", "refused") else 0
    accepted = None if state in ("received", "refused") else working_days_after(received, rng.randint(2, 9))
    decided = accepted + dt.timedelta(days=rng.randint(20, 60)) if accepted and state in (
        "decided", "notified", "enforced", "handled") else None
    suspended_on = (accepted + dt.timedelta(days=rng.randint(5, 20))) if state == "suspended" and accepted else None
    closed_on = (decided or accepted or received) + dt.timedelta(days=rng.randint(1, 30)) if closed else None
    rows: list[tuple[Any, ...]] = []

    def add(key: str, rule: str, start: dt.date, status: str, met_on: dt.date | None = None, complex_: bool = False,
            remote_: bool = False, ext: int = 0, susp: int = 0, for_agency: bool = True) -> None:
        due, explained = limits.get(rule, start, complex_, remote_, ext, susp)
        rows.append((key, str(LIMIT_LABELS.get(key, key)), rule, start, complex_, remote_, ext, susp, due, explained,
                     status, met_on, for_agency, True))

    done = "met"
    if kind == "complaint":
        add("acceptance", "complaint.acceptance", received, done if accepted or closed else "running",
            accepted or closed_on)
        if rng.random() < 0.5 and tier == 1:
            add("complaint_window", "complaint.time_limit_to_complain", received - dt.timedelta(days=rng.randint(5, 80)),
                "info", for_agency=False)
        if accepted:
            rule = "complaint.second_resolution" if tier == 2 else "complaint.first_resolution"
            status = done if decided or closed else "paused" if state == "suspended" else "running"
            add("resolution", rule, accepted, status, decided or closed_on, is_complex, remote, 0, suspended_days)
        if decided:
            add("finality", "complaint.finality", decided, done if closed else "running", closed_on, remote_=remote)
        if state in ("notified", "enforced") and decided and tier == 1:
            add("second_window", "complaint.second_complaint_window", decided + dt.timedelta(days=3),
                done if closed else "info", closed_on, remote_=remote, for_agency=False)
    else:
        add("initial_processing", "denunciation.initial_processing", received, done if accepted or closed else "running",
            accepted or closed_on, is_complex)
        if accepted:
            add("acceptance_notice", "denunciation.acceptance_notice", accepted,
                done if closed or rng.random() < 0.8 else "running", closed_on or accepted + dt.timedelta(days=3))
            status = done if closed else "paused" if state == "suspended" else "running"
            add("resolution", "denunciation.resolution", accepted, status, closed_on, is_complex, False, extensions,
                suspended_days)
    running = [(r[8], r[0]) for r in rows if r[10] == "running" and r[12]]
    next_due, next_key = min(running) if running else (None, "")
    now = timezone.now()
    prefix = "KN" if kind == "complaint" else "TC"
    matter = (f"{prefix}-B{i:08d}", kind, unit, state, rng.choice(SUBJECTS), received, accepted,
              rng.choice(people[4:]), rng.choice(people[1:4]) if state not in ("received", "accepted") else None,
              tier, complexity, remote, False, False, 0, extensions, suspended_days, suspended_on,
              "verifying" if state == "suspended" else "", decided, closed_on, next_due, next_key, now, now)
    return matter, rows


def load(n_open: int, n_closed: int, seed: int) -> None:
    rng = random.Random(seed)
    today = timezone.localdate()
    units, staff = setup_agency()
    limits = Limits()
    matter_idx = drop_secondary_indexes("matters_matter")
    limit_idx = drop_secondary_indexes("matters_timelimit")
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM matters_matter")
        next_id = int(cur.fetchone()[0]) + 1
    total = n_open + n_closed
    n_limits = 0
    batch = 100_000
    for base in range(0, total, batch):
        size = min(batch, total - base)
        planned = [plan(rng, base + i, today, units, staff, limits, closed=base + i >= n_open) for i in range(size)]
        with connection.cursor() as cur:
            with cur.copy(f"COPY matters_matter ({', '.join(MATTER_COLUMNS)}) FROM STDIN") as copy:
                for matter, _rows in planned:
                    copy.write_row(matter)
            with cur.copy(f"COPY matters_timelimit ({', '.join(LIMIT_COLUMNS)}) FROM STDIN") as copy:
                for offset, (_matter, rows) in enumerate(planned):
                    for row in rows:
                        copy.write_row((next_id + offset, *row))
                        n_limits += 1
        next_id += size
        print(f"  {base + size:>9,} matters, {n_limits:>9,} limits, {len(limits.memo):,} distinct computations, "
              f"{time.perf_counter() - t0:.0f}s", flush=True)
    t1 = time.perf_counter()
    recreate(matter_idx + limit_idx)
    with connection.cursor() as cur:
        cur.execute("SELECT setval(pg_get_serial_sequence('matters_matter', 'id'), (SELECT MAX(id) FROM matters_matter))")
        cur.execute("SELECT setval(pg_get_serial_sequence('matters_timelimit', 'id'), "
                    "(SELECT MAX(id) FROM matters_timelimit))")
        cur.execute("VACUUM (ANALYZE) matters_matter")
        cur.execute("VACUUM (ANALYZE) matters_timelimit")
    print(f"loaded {total:,} matters ({n_open:,} open) and {n_limits:,} limits in {t1 - t0:.0f}s; "
          f"indexes and analyze {time.perf_counter() - t1:.0f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--open", type=int, default=1_000_000)
    parser.add_argument("--closed", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("the matters benchmark runs on PostgreSQL (set DATABASE_URL)")
    from danvan.matters.models import Matter

    if Matter.objects.exists():
        sys.exit("the database already has matters: drop and create it again (dropdb, createdb, migrate)")
    connection.set_autocommit(True)
    load(args.open, args.closed, args.seed)


if __name__ == "__main__":
    main()
