"""The petition desk's search at one million petitions (PostgreSQL): latency of the list page's queries.

    .venv/bin/python bench/petitions/search.py            # creates, migrates and fills the database once
    .venv/bin/python bench/petitions/search.py --explain  # also prints EXPLAIN ANALYZE of each query

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/danvan_bench_search. The first run creates that
database, migrates it, loads the demo agency (units, officials) and generates `--petitions` realistic
petitions from danvan.demo.texts with COPY (two worker processes, secondary indexes dropped during the load
and rebuilt after), then ANALYZE. Later runs reuse the data unless --regenerate. Deterministic per --seed.

Then it runs diacritic-insensitive queries through the real selector, as an official who sees every unit,
the way the list page does: the first page (PAGE_SIZE + 1 rows, newest first) and capped_count. Each query
runs once to warm up, then --rounds times in shuffled order; it prints p50/p95/p99 per class and overall.
This is a benchmark, not a test: it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/danvan_bench_search")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import psycopg

from bench.petitions.pgdb import ensure_database

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START = dt.date(2019, 1, 1)
END = dt.date(2026, 11, 25)

# (class, query as an official types it). Common: words in most land or environment petitions; mid: one
# template's words; rare: a name, a decision number, a ward, and a query nothing matches; phrases: several
# comma-separated phrases that must all match.
QUERIES: list[tuple[str, str]] = [
    ("common", "đất đai"),
    ("common", "dat dai"),
    ("common", "ô nhiễm"),
    ("common", "thu hồi đất"),
    ("common", "bồi thường"),
    ("common", "Đề nghị"),
    ("mid", "khai thác cát"),
    ("mid", "phá rừng"),
    ("mid", "pha rung"),
    ("mid", "phân bón"),
    ("mid", "nước ngầm"),
    ("mid", "chất thải nguy hại"),
    ("rare", "Đỗ Kim Loan"),
    ("rare", "Quyết định số 4321/QĐ-UBND"),
    ("rare", "4321/QĐ-UBND"),
    ("rare", "Hải Châu"),
    ("rare", "cao tốc Bắc Nam"),
    ("rare", "Huỳnh Quốc Khang"),
    ("phrases", "đất đai, Đà Nẵng"),
    ("phrases", "khai thác cát, sông Hồng"),
    ("phrases", "ô nhiễm, Hà Nội"),
    ("phrases", "giấy chứng nhận quyền sử dụng đất"),
    ("phrases", "thu hoi dat, tai dinh cu, Ha Tinh"),
    ("phrases", "cán bộ địa chính, nhũng nhiễu"),
]

KINDS_BY_AGE = ["complaint", "denunciation", "recommendation", "mixed"]
CHANNELS = [("post", 40), ("desk", 15), ("portal", 20), ("email", 8), ("hotline", 5), ("forwarded", 11), ("api", 1)]
OUTCOMES = [("archived", 55), ("answered", 12), ("guided", 12), ("forwarded", 13), ("accepted", 8)]
FIELD_UNIT = {"dat-dai": "cuc-qldd", "moi-truong": "cuc-mt", "tai-nguyen-nuoc": "cuc-qltnn",
              "khoang-san": "cuc-dcks", "lam-nghiep": "cuc-lnkl", "thuy-san": "cuc-tskn"}
COLUMNS = ("id", "code", "secret_hash", "channel", "source_agency", "source_reference", "unit_id", "received_at",
           "letter_date", "subject", "content", "content_original", "decision_text", "request_text", "search_text",
           "kind", "field_id", "suggested_kind", "province_code", "ward_code", "place_text", "signed", "anonymous",
           "status", "outcome_reason", "outcome_target", "decided_at", "answer_text", "processing_due",
           "processing_due_explained", "content_hash", "fingerprint", "created_at", "updated_at")


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _received_times(n: int, seed: int) -> list[dt.datetime]:
    """n arrival times, oldest first, denser in recent years (the desk takes in more each year)."""
    rng = random.Random(seed)
    span = (END - START).days
    days = sorted(int(span * (rng.random() ** 0.7)) for _ in range(n))
    return [dt.datetime.combine(START + dt.timedelta(days=d), dt.time(7 + i % 10, (i * 7) % 60), tzinfo=VN)
            for i, d in enumerate(days)]


# Set before the worker processes fork, so the million arrival times are not pickled for every slice.
_TIMES: list[dt.datetime] = []


def _load_slice(args: tuple[str, int, int, int, dict[str, int], dict[str, int]]) -> int:
    """Generate petitions [first, last) and COPY them; runs in a worker process, without Django."""
    url, first, last, seed, units, fields = args
    times = _TIMES
    from danvan.demo.texts import demo_petition
    from danvan.org import places
    from textmining.normalize import fold

    rng = random.Random(seed * 1000 + first)
    provinces = places.provinces()
    wards = {code: places.wards(code) for code, _name in provinces}
    today = END
    now = dt.datetime.now(VN)
    intake = units["ban-tcd"]
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        with cur.copy(f"COPY petitions_petition ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for i in range(first, last):
                province_code, province_name = rng.choice(provinces)
                ward_code, ward_name = rng.choice(wards[province_code]) if wards[province_code] else (None, "")
                unmarked = rng.random() < 0.08
                # Land-heavy like reality (58% of eligible complaints in 2024): keep every land petition and
                # half of the others.
                while True:
                    demo = demo_petition(rng, f"{ward_name}, {province_name}", strip_marks=unmarked)
                    if demo.field == "dat-dai" or rng.random() < 0.5:
                        break
                subject = fold(demo.subject) if unmarked else demo.subject
                search_text = fold(f"{subject}\n{demo.content}")
                received = times[i]
                age = (today - received.date()).days
                kind, status, decided = demo.kind, _weighted(rng, OUTCOMES), None
                if age < 20 and rng.random() < 0.7:
                    kind, status = ("unclassified", "received") if rng.random() < 0.5 else (kind, "classified")
                if status not in ("received", "classified"):
                    decided = received + dt.timedelta(days=rng.choice([3, 5, 8, 10, 12, 13, 14, 16, 20, 30]))
                if status == "accepted" and kind not in ("complaint", "denunciation"):
                    status = "answered"
                channel = _weighted(rng, CHANNELS)
                content_hash = hashlib.sha256(fold(demo.content).encode()).hexdigest()
                copy.write_row((
                    i + 1, f"S{i:09d}", "x", channel,
                    "Văn phòng Chính phủ" if channel == "forwarded" else "",
                    f"{rng.randint(100, 9999)}/VPCP-V.I" if channel == "forwarded" else "",
                    units.get(FIELD_UNIT.get(demo.field, ""), intake) if status != "received" else intake,
                    received, received.date() - dt.timedelta(days=rng.randint(1, 10)), demo.subject if not unmarked
                    else subject, demo.content, "", demo.decision_text, demo.request_text, search_text,
                    kind, fields.get(demo.field) if kind != "unclassified" else None, demo.kind, province_code,
                    ward_code, "", True, rng.random() < 0.03, status, "", "", decided, "",
                    received.date() + dt.timedelta(days=14), "{}", content_hash,
                    hashlib.sha256(f"{demo.id_number}\n{content_hash}".encode()).hexdigest(), now, now,
                ))
        conn.commit()
    return last - first


def generate(url: str, n: int, seed: int, workers: int) -> None:
    from django.db import connection

    from danvan.org.models import Unit
    from danvan.petitions.models import Field

    t0 = time.perf_counter()
    units = dict(Unit.objects.values_list("code", "id"))
    fields = dict(Field.objects.values_list("code", "id"))
    with connection.cursor() as cur:
        cur.execute("TRUNCATE petitions_petition RESTART IDENTITY CASCADE")
        cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'petitions_petition' "
                    "AND indexname <> 'petitions_petition_pkey' AND indexdef NOT LIKE 'CREATE UNIQUE%%'")
        index_defs = cur.fetchall()
        for name, _def in index_defs:
            cur.execute(f'DROP INDEX "{name}"')
    connection.close()
    _TIMES[:] = _received_times(n, seed)
    step = -(-n // (workers * 8))
    slices = [(url, a, min(a + step, n), seed, units, fields) for a in range(0, n, step)]
    done = 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for count in pool.imap_unordered(_load_slice, slices):
            done += count
            print(f"  copied {done:,} petitions at {time.perf_counter() - t0:.0f}s", flush=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '1GB'")
        for name, definition in index_defs:
            t1 = time.perf_counter()
            conn.execute(definition)
            print(f"  index {name} in {time.perf_counter() - t1:.0f}s", flush=True)
        conn.execute("SELECT setval(pg_get_serial_sequence('petitions_petition', 'id'), %s)", [n])
        conn.execute("VACUUM ANALYZE petitions_petition")
    print(f"generated {n:,} petitions in {time.perf_counter() - t0:.0f}s", flush=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


# The newest petitions the "windowed" plan reads by the received_at index before it falls back to GIN.
WINDOW = 20_000


def windowed(qs: Any, query: str, page_size: int, cap: int) -> tuple[list[Any], int, float]:
    """A per-query plan, prototyped here for danvan.petitions.selectors (see bench/README.md).

    PostgreSQL estimates a phrase of common words ("giấy chứng nhận quyền sử dụng đất": seven lexemes each
    in a third of the texts) as the product of their frequencies, 0.1% instead of 25%, and picks the GIN
    bitmap, which then rechecks a quarter of the table. So: first match the phrase among the newest WINDOW
    petitions, read in received_at order (a LIMIT in a subquery keeps the planner from doing otherwise),
    stopping at cap + 1 matches. The newest rows of the whole table are in that window, so if it holds a
    full page of rows that pass every filter, that page is exact; if it holds more than `cap`, so does the
    table. Otherwise the query goes the usual way, where the GIN index serves the rarer matches.
    Returns (first page rows, capped count, seconds spent on the page).
    """
    from django.db import connection

    from danvan.petitions.selectors import capped_count, search_phrases

    t0 = time.perf_counter()
    phrases = search_phrases(query)
    where = " && ".join(["phraseto_tsquery('simple', %s)"] * len(phrases))
    with connection.cursor() as cur:
        cur.execute(
            "SELECT id FROM (SELECT id, received_at, search_vector FROM petitions_petition "
            "ORDER BY received_at DESC, id DESC LIMIT %s) recent "
            f"WHERE search_vector @@ ({where}) LIMIT %s",
            [WINDOW, *phrases, cap + 1],
        )
        ids = [row[0] for row in cur.fetchall()]
    in_window = qs.filter(pk__in=ids)
    rows = list(in_window[: page_size + 1]) if len(ids) > page_size else []
    if len(rows) <= page_size:
        rows = list(qs[: page_size + 1])
    page_s = time.perf_counter() - t0
    if len(rows) <= page_size:
        return rows, len(rows), page_s
    if len(ids) > cap and in_window.count() > cap:
        return rows, cap + 1, page_s
    count, _exact = capped_count(qs)
    return rows, count, page_s


def run(rounds: int, seed: int, explain: bool, plan_name: str) -> dict[str, object]:
    from django.db import connection

    from danvan.org.models import User
    from danvan.petitions.selectors import COUNT_CAP, PetitionFilters, petitions_list, petitions_page
    from danvan.petitions.views import PAGE_SIZE

    official = User.objects.get(username="thutruong")  # a leader: sees every unit

    def once(query: str) -> tuple[float, float, int, int]:
        t0 = time.perf_counter()
        qs = petitions_list(user=official, filters=PetitionFilters(q=query))
        if plan_name == "windowed":
            rows, count, page_s = windowed(qs, query, PAGE_SIZE, COUNT_CAP)
            return page_s, time.perf_counter() - t0 - page_s, len(rows), count
        # The page and its capped count are read together, with the plan the page function chooses.
        page = petitions_page(qs, query=query, offset=0, limit=PAGE_SIZE)
        return time.perf_counter() - t0, 0.0, len(page.rows), page.count

    if explain:
        for cls, query in QUERIES:
            qs = petitions_list(user=official, filters=PetitionFilters(q=query))
            print(f"\n=== {cls}: {query!r} — page\n{qs[: PAGE_SIZE + 1].explain(analyze=True, buffers=True)}")
            print(f"--- count\n{qs.order_by()[:1001].explain(analyze=True)}")
    warm = {query: once(query) for _cls, query in QUERIES}
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {}
    page_only: dict[str, list[float]] = {}
    count_only: dict[str, list[float]] = {}
    per_query: dict[str, list[float]] = {}
    plan = [q for q in QUERIES for _ in range(rounds)]
    rng.shuffle(plan)
    t0 = time.perf_counter()
    for cls, query in plan:
        page_s, count_s, _n, _c = once(query)
        for key in (cls, "all"):
            samples.setdefault(key, []).append(page_s + count_s)
            page_only.setdefault(key, []).append(page_s)
            count_only.setdefault(key, []).append(count_s)
        per_query.setdefault(query, []).append(page_s + count_s)
    wall = time.perf_counter() - t0

    def ms(x: float) -> str:
        return f"{x * 1000:.1f}"

    print(f"\nplan: {plan_name}; {len(plan)} searches in {wall:.1f}s on {connection.vendor}, load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs; times in ms (first page + capped count)")
    print("| query | class | rows on page | count (cap 1000) | p50 | max |")
    print("| --- | --- | --- | --- | --- | --- |")
    for cls, query in QUERIES:
        times = per_query[query]
        _page_s, _count_s, n, c = warm[query]
        print(f"| {query} | {cls} | {n} | {c if c < 1000 else '1000+'} | {ms(statistics.median(times))} "
              f"| {ms(max(times))} |")
    print("\n| class | n | p50 | p95 | p99 | page p95 | count p95 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    summary: dict[str, object] = {}
    for key in ["common", "mid", "rare", "phrases", "all"]:
        v = samples[key]
        row = {"n": len(v), "p50": percentile(v, 50), "p95": percentile(v, 95), "p99": percentile(v, 99),
               "page_p95": percentile(page_only[key], 95), "count_p95": percentile(count_only[key], 95)}
        summary[key] = row
        print(f"| {key} | {row['n']} | {ms(row['p50'])} | {ms(row['p95'])} | {ms(row['p99'])} "
              f"| {ms(row['page_p95'])} | {ms(row['count_p95'])} |")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rounds", type=int, default=20, help="timed runs of each query")
    parser.add_argument("--workers", type=int, default=2, help="generator processes")
    parser.add_argument("--regenerate", action="store_true", help="generate even if the data is there")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of each query first")
    parser.add_argument("--plan", choices=["selector", "windowed", "both"], default="both",
                        help="selector: the list page as it is; windowed: the prototype per-query plan")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("PostgreSQL only: DATABASE_URL must name the benchmark database")
    ensure_database(url)

    import django

    django.setup()
    from django.core.management import call_command

    from danvan.petitions.models import Petition

    call_command("migrate", verbosity=0)
    call_command("demo_load", petitions=0, if_empty=True, verbosity=0)
    have = Petition.objects.count()
    if args.regenerate or have != args.petitions:
        print(f"generating {args.petitions:,} petitions (found {have:,})", flush=True)
        generate(url, args.petitions, args.seed, args.workers)
    print(f"petitions: {Petition.objects.count():,}", flush=True)
    plans = ["selector", "windowed"] if args.plan == "both" else [args.plan]
    summary = {name: run(args.rounds, args.seed, args.explain and i == 0, name) for i, name in enumerate(plans)}
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
