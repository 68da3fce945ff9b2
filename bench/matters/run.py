"""Time the matters desk at scale (not a test): the overdue list and the recompute after a calendar change.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_matters \
        .venv/bin/python bench/matters/run.py --repeat 40

Load the data first with bench/matters/generate.py. Measures, each after one warm-up run:
- the overdue list as the desk runs it: danvan.matters.selectors.matters_list(due="overdue"), most overdue
  first, one page of 25 (the page query), an exact count (what Django's Paginator did) against the view's
  count capped at 1,000, and the whole page
  (GET /desk/matters/?due=overdue through Django's test client: session, permissions, query, template),
  for a leader (every unit) and for a unit head (their unit, their assignments);
- the recompute of every stored time limit after a calendar change (danvan.matters.deadlines
  .time_limits_recompute): a day off added in the middle of the limits, the same pass again (nothing moves),
  and the day given back (everything moves back).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django

django.setup()

from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from danvan.matters.deadlines import time_limits_recompute  # noqa: E402
from danvan.matters.models import Matter, TimeLimit  # noqa: E402
from danvan.matters.selectors import MatterFilters, matters_list  # noqa: E402
from danvan.matters.views import COUNT_CAP, PAGE_SIZE, CappedPaginator  # noqa: E402
from danvan.org.models import Role, User  # noqa: E402
from danvan.workcal.models import CalendarDay, Source  # noqa: E402
from danvan.workcal.selectors import calendar_cache_clear  # noqa: E402


def timed(label: str, func: Callable[[], Any], repeat: int) -> None:
    func()
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        runs.append((time.perf_counter() - t0) * 1000)
    runs.sort()
    p95 = runs[max(0, round(0.95 * len(runs)) - 1)]
    print(f"  {label:<58} p50 {statistics.median(runs):7.1f} ms   p95 {p95:7.1f} ms   max {runs[-1]:7.1f} ms")


def explain(qs: Any) -> None:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        for (line,) in cur.fetchall():
            print("     ", line)


def list_timings(repeat: int, show_plan: bool) -> None:
    leader = User.objects.get(username="bench-leader")
    head = next(u for u in User.objects.filter(username__startswith="bench-").order_by("id")
                if u.has_role(Role.UNIT_HEAD) and u.unit_id != leader.unit_id)
    overdue = MatterFilters(due="overdue")
    for who, user in (("leader", leader), ("unit head", head)):
        qs = matters_list(user=user, filters=overdue)
        print(f"overdue list, {who}: {qs.count():,} overdue open matters")
        timed("page query (25 rows, most overdue first)", lambda qs=qs: list(qs[:PAGE_SIZE]), repeat)
        timed("exact count (Django's Paginator, before)",
              lambda user=user: Paginator(matters_list(user=user, filters=overdue), PAGE_SIZE).count, repeat)
        timed(f"page 1 as the view pages it (count capped at {COUNT_CAP:,} + rows)",
              lambda user=user: list(CappedPaginator(matters_list(user=user, filters=overdue), PAGE_SIZE).get_page(1)),
              repeat)
        client = Client()
        client.force_login(user)

        def page(client: Client = client) -> None:
            response = client.get("/desk/matters/", {"due": "overdue"})
            assert response.status_code == 200, response.status_code

        timed("whole page GET /desk/matters/?due=overdue", page, repeat)
        if show_plan:
            explain(qs[:PAGE_SIZE])


def recompute_timings(days_off: int, back: int) -> None:
    live = TimeLimit.objects.filter(status__in=["running", "paused", "info"])
    day = timezone.localdate() - dt.timedelta(days=back)
    days: list[dt.date] = []
    while len(days) < days_off:
        if day.weekday() < 5 and not CalendarDay.objects.filter(date=day).exists():
            days.append(day)
        day += dt.timedelta(days=1)
    print(f"recompute: {live.count():,} live limits of {Matter.objects.count():,} matters; "
          f"{days_off} working day(s) off from {days[0]}")
    for d in days:
        CalendarDay.objects.create(date=d, is_working=False, reason="bench: nghỉ đột xuất", source=Source.ADMIN)
    try:
        for label in ("days off added", "the same pass again"):
            calendar_cache_clear()
            t0 = time.perf_counter()
            changed = time_limits_recompute()
            print(f"  {label:<30} {changed:>9,} limits changed in {time.perf_counter() - t0:6.1f} s")
    finally:
        CalendarDay.objects.filter(date__in=days, reason="bench: nghỉ đột xuất").delete()
        calendar_cache_clear()
        t0 = time.perf_counter()
        changed = time_limits_recompute()
        print(f"  {'the days given back':<30} {changed:>9,} limits changed in {time.perf_counter() - t0:6.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--plan", action="store_true", help="print the page query's EXPLAIN ANALYZE")
    parser.add_argument("--skip-recompute", action="store_true")
    parser.add_argument("--skip-list", action="store_true")
    parser.add_argument("--days-off", type=int, default=1, help="consecutive working days made days off")
    parser.add_argument("--back", type=int, default=270, help="the first day off is this many days before today")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("the matters benchmark runs on PostgreSQL (set DATABASE_URL)")
    print(f"today {timezone.localdate()}; {Matter.objects.open().count():,} open matters")
    if not args.skip_list:
        list_timings(args.repeat, args.plan)
    if not args.skip_recompute:
        recompute_timings(args.days_off, args.back)


if __name__ == "__main__":
    main()
