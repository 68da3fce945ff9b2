"""Measure the recompute of stored time limits after a calendar change (not a test: run by hand).

    createdb -h 127.0.0.1 -U postgres matters_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/matters_bench .venv/bin/python manage.py migrate -v0
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/matters_bench .venv/bin/python \
        danvan/matters/tests/bench_recompute.py 200000
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
django.setup()

from danvan.matters.deadlines import time_limits_recompute  # noqa: E402
from danvan.matters.models import Matter, TimeLimit  # noqa: E402
from danvan.org.models import Unit  # noqa: E402
from danvan.rules.services import deadline_compute  # noqa: E402
from danvan.workcal.models import CalendarDay, Source  # noqa: E402
from danvan.workcal.selectors import calendar_cache_clear  # noqa: E402


def load(unit: Unit, n: int) -> None:
    starts = [dt.date(2026, 7, 1) + dt.timedelta(days=i) for i in range(120)]
    memo = {s: deadline_compute(rule="complaint.acceptance", start=s) for s in starts}
    t0 = time.perf_counter()
    for base in range(0, n, 10000):
        size = min(10000, n - base)
        matters = Matter.objects.bulk_create([
            Matter(code=f"B-{base + i}", kind="complaint", unit=unit, state="received",
                   received_on=starts[(base + i) % len(starts)]) for i in range(size)])
        limits = []
        for i, m in enumerate(matters):
            start = starts[(base + i) % len(starts)]
            limits.append(TimeLimit(matter=m, key="acceptance", label="Hạn thụ lý", rule="complaint.acceptance",
                                    start=start, due=memo[start].due, explained=memo[start].explain()))
        TimeLimit.objects.bulk_create(limits)
    print(f"loaded {n} matters in {time.perf_counter() - t0:.1f}s")


def main(n: int) -> None:
    unit, _ = Unit.objects.get_or_create(code="bench", defaults={"name": "Bench", "kind": Unit.Kind.DEPARTMENT})
    day_off = dt.date(2026, 9, 15)
    if Matter.objects.filter(unit=unit).count() != n:
        TimeLimit.objects.all().delete()
        Matter.objects.filter(unit=unit).delete()
        CalendarDay.objects.filter(date=day_off).delete()
        calendar_cache_clear()
        load(unit, n)
    # Toggle one day off in the middle of the limits: a real change that moves a share of them.
    if CalendarDay.objects.filter(date=day_off).delete()[0] == 0:
        CalendarDay.objects.create(date=day_off, is_working=False, reason="bench", source=Source.ADMIN)
    calendar_cache_clear()
    t0 = time.perf_counter()
    changed = time_limits_recompute()
    print(f"recomputed: {changed} of {n} limits changed in {time.perf_counter() - t0:.1f}s")
    t0 = time.perf_counter()
    changed = time_limits_recompute()
    print(f"second pass (nothing moves): {changed} changed in {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100000)
