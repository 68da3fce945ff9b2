"""Time the periodic reports and the dashboard on the benchmark database (see generate.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_reports .venv/bin/python bench/reports/run.py

Each figure is the median of `--repeat` cold-ish runs (the database's own cache is warm after the first;
no application cache is used). Prints a Markdown table for docs/reception-and-reports.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from danvan.insights.hotspots import hotspots  # noqa: E402
from danvan.org.models import Unit, User  # noqa: E402
from danvan.petitions.models import Petition  # noqa: E402
from danvan.reports.layouts import layouts  # noqa: E402
from danvan.reports.periods import period_parse  # noqa: E402
from danvan.reports.selectors import ReportTable, cell_records, report_build  # noqa: E402
from danvan.reports.xlsx import report_xlsx  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--periods", default="2026-Q1,2026-Q2,2026-Q3,2026-Q4,2025-Y")
    args = parser.parse_args()
    print(f"database: {connection.vendor}; petitions: {Petition.objects.count():,}")
    print("| what | period | scope | seconds | figure |")
    print("| --- | --- | --- | --- | --- |")
    unit = Unit.objects.get(code="cuc-qldd")
    for period_id in args.periods.split(","):
        period = period_parse(period_id)
        for layout in layouts().values():
            for scope in (None, unit):
                seconds, table = timed(partial(report_build, layout=layout, period=period, scope=scope), args.repeat)
                first = layout.leaves[0]
                assert isinstance(table, ReportTable)
                value = table.total.values.get(first.key, 0)
                print(f"| {layout.code} | {period_id} | {scope.code if scope else 'toàn Bộ'} | {seconds:.2f} | "
                      f"({first.number}) {value:,} |", flush=True)
        layout = layouts()["02-xld"]
        seconds, _ = timed(partial(lambda lo, pe: report_xlsx(report_build(layout=lo, period=pe)), layout, period),
                           args.repeat)
        print(f"| {layout.code} XLSX (build + write) | {period_id} | toàn Bộ | {seconds:.2f} | |", flush=True)
        leaf = layout.leaves[0]
        seconds, _ = timed(partial(lambda lo, le, pe: list(cell_records(layout=lo, leaf=le, period=pe)[:500]),
                                   layout, leaf, period), args.repeat)
        print(f"| drill-down, first 500 records of ({leaf.number}) | {period_id} | toàn Bộ | {seconds:.2f} | |")

    client = Client()
    client.force_login(User.objects.get(username="bench-leader"))
    for path in ("/desk/dashboard/", "/desk/dashboard/scorecards/", "/thong-ke/"):
        def get(path: str = path) -> int:
            cache.clear()
            response = client.get(path)
            assert response.status_code == 200, response.status_code
            return len(response.content)
        seconds, size = timed(get, args.repeat)
        window = "the current quarter" if "scorecards" in path else "last 12 months"
        print(f"| page {path} (server time, no cache) | {window} | toàn Bộ | {seconds:.2f} | {size:,} bytes |")
    seconds, found = timed(hotspots, args.repeat)
    print(f"| hot issues (part of the dashboard) | last 7 days against 8 weeks | toàn Bộ | {seconds:.2f} | "
          f"{len(found)} found |")


if __name__ == "__main__":
    main()
