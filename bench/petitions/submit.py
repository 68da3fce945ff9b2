"""Citizen submissions per second under a production server, beside a trivial view on the same server.

    .venv/bin/python bench/petitions/submit.py          # needs wrk (Debian: apt-get install wrk)

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/danvan_bench_submit; the first run creates it,
migrates it and loads the demo agency. The script starts gunicorn on 127.0.0.1 only (gthread, --workers x
--threads) with bench/petitions/settings.py, which serves the product's URLs plus /bench/ping/ (a trivial
view through the same middleware), then drives it with wrk (closed loop: --connections keep-alive
connections, each sending its next request when the last is answered), one phase after another:

    ping    GET /bench/ping/                      the yardstick
    form    GET /gui-don/                         the portal's form, as a citizen opens it
    portal  POST /gui-don/                        the form as a citizen posts it: CSRF token and cookie
                                                  fetched once per client session, an idempotency key
    api     POST /api/v1/petitions                the JSON API (no CSRF), an Idempotency-Key header
    ping    again, to see how much the shared machine drifted

Every phase stops by itself after --duration seconds or --max-requests requests. Each submission is a
different realistic petition (danvan.demo.texts) with its own idempotency key. The server sends its
registration wake-ups to a Celery broker (--broker-url) where no worker runs during the phases; afterwards
--register-concurrency Celery workers register what was acknowledged, timed until nothing waits. Then it
checks that every acknowledged submission is stored and registered, and that none is stored twice.
Prints a Markdown table.
This is a benchmark, not a test: it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote_plus, urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/danvan_bench_submit")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.petitions.settings"

import redis  # noqa: E402
import requests  # noqa: E402

from bench.petitions.pgdb import ensure_database  # noqa: E402

HOST = "127.0.0.1"
LUA = Path(__file__).with_name("submit.lua")
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_data_file(path: Path, *, base: str, run: str, sessions: int, pool: int, seed: int) -> None:
    """The request bodies wrk sends, as a Lua file: `pool` realistic petitions, and one CSRF token and
    cookie per client session, each fetched from the form page like a browser does."""
    from danvan.demo.texts import demo_petition
    from danvan.org import places

    rng = random.Random(seed)
    provinces = places.provinces()
    portal, api = [], []
    for _ in range(pool):
        province_code, province_name = rng.choice(provinces)
        wards = places.wards(province_code)
        ward_code, ward_name = rng.choice(wards) if wards else (None, "")
        demo = demo_petition(rng, f"{ward_name}, {province_name}", strip_marks=rng.random() < 0.08)
        fields = {
            "full_name": demo.full_name, "person_kind": "person", "id_number": demo.id_number, "phone": demo.phone,
            "address": f"{ward_name}, {province_name}", "subject": demo.subject, "decision_text": demo.decision_text,
            "request_text": demo.request_text, "province_code": province_code, "ward_code": ward_code or "",
            "place_text": "",
        }
        # The content goes last so that wrk can append each request's own line to it.
        portal.append(urlencode({**fields, "consent": "on"}) + "&content=" + quote_plus(demo.content))
        api_fields = {**fields, "ward_code": ward_code, "consent": True}
        api.append(json.dumps(api_fields)[:-1] + ', "content": ' + json.dumps(demo.content)[:-1])
    tokens, cookies = [], []
    for _ in range(sessions):
        with requests.Session() as client:
            page = client.get(f"{base}/gui-don/", timeout=30)
            page.raise_for_status()
            match = _CSRF_INPUT.search(page.text)
            if match is None or "csrftoken" not in client.cookies:
                sys.exit("the form page has no CSRF token")
            tokens.append(match.group(1))
            cookies.append(client.cookies["csrftoken"])
    marker = "\nSố hồ sơ thử nghiệm: "
    lines = [
        f"RUN = {_lua_string(run)}",
        f"MARK_PORTAL = {_lua_string(quote_plus(marker) + '%28')}",
        f"MARK_API = {_lua_string(json.dumps(marker)[1:-1] + '(')}",
        "CSRF_TOKEN = {" + ", ".join(_lua_string(t) for t in tokens) + "}",
        "CSRF_COOKIE = {" + ", ".join(_lua_string(c) for c in cookies) + "}",
        "PORTAL = {" + ",\n".join(_lua_string(b) for b in portal) + "}",
        "API = {" + ",\n".join(_lua_string(b) for b in api) + "}",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _server_env(cache_url: str, broker_url: str) -> dict[str, str]:
    # Behind one proxy, as in production: the client's address comes from X-Forwarded-For, so each simulated
    # citizen has its own rate-limit counter, kept in the shared cache that several server processes need
    # (Redis in production; without --cache-url, the database's cache table). Registration tasks go to the
    # broker, as at scale, where the Celery workers take them.
    return {**os.environ, "DANVAN_LOG_LEVEL": "ERROR", "DANVAN_DEBUG": "0", "DANVAN_TRUSTED_PROXY_HOPS": "1",
            "DANVAN_CACHE_URL": cache_url, "CELERY_BROKER_URL": broker_url}


def start_server(app: str, port: int, workers: int, threads: int, connections: int,
                 env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [str(ROOT / ".venv/bin/gunicorn"), app, "--bind", f"{HOST}:{port}",
               "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
               "--log-level", "warning", "--keep-alive", "30", "--backlog", "256",
               # Keep-alive connections stay with the worker that took them: a cap spreads them over the workers.
               "--worker-connections", str(-(-connections // workers) + 2)]
    # A session of its own, so that stopping it stops its workers and nothing else.
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://{HOST}:{port}/bench/ping/", timeout=20).status_code == 200:
                    return server
            except requests.RequestException:
                pass
            if server.poll() is not None:
                sys.exit(f"gunicorn exited with {server.returncode}")
            time.sleep(0.3)
        sys.exit("gunicorn did not answer within 90 s")
    except BaseException:
        stop_server(server)
        raise


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def wrk(*, base: str, mode: str, out: Path, data: Path, duration: int, connections: int, threads: int,
        max_requests: int, phase: str) -> dict[str, float]:
    per_thread = -(-max_requests // threads) if max_requests else 0
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
               "-s", str(LUA), base, "--", mode, str(out), str(per_thread), str(data), phase]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True)
    found = re.search(r"^RESULT (\{.*\})$", done.stdout, re.MULTILINE)
    if found is None:
        sys.exit(f"wrk gave no result:\n{done.stdout}\n{done.stderr}")
    result: dict[str, float] = json.loads(found.group(1))
    result["rate"] = result["requests"] / (result["duration_us"] / 1e6)
    result["failed"] = sum(line.startswith("fail") for f in out.glob(f"{mode}-*.txt") for line in f.open())
    return result


def acknowledged(out: Path, mode: str) -> list[str]:
    return [line.split()[1] for f in sorted(out.glob(f"{mode}-*.txt")) for line in f.open()
            if line.startswith("ok ")]


def waiting() -> int:
    from django.db import connection

    from danvan.petitions.models import Submission

    count = Submission.objects.filter(petition__isnull=True).count()
    connection.close()
    return count


def register(env: dict[str, str], concurrency: int, timeout: float) -> dict[str, float]:
    """Start Celery workers on the tasks the run left in the broker and time them until nothing waits."""
    queued = waiting()
    command = [str(ROOT / ".venv/bin/celery"), "-A", "danvan", "worker", "--loglevel", "WARNING",
               "--concurrency", str(concurrency), "--without-heartbeat", "--without-mingle", "--without-gossip"]
    started = time.monotonic()
    worker = subprocess.Popen(command, cwd=ROOT, env={**env, "DANVAN_LOG_LEVEL": "WARNING"}, start_new_session=True)
    try:
        left = queued
        while left and time.monotonic() - started < timeout and worker.poll() is None:
            time.sleep(0.5)
            left = waiting()
        elapsed = time.monotonic() - started
    finally:
        worker.terminate()  # the main process only: a warm shutdown, its pool finishes what it holds
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            stop_server(worker)
    return {"registered": queued - left, "left": left, "seconds": elapsed}


def verify(before_id: int, acked: dict[str, list[str]]) -> dict[str, int]:
    from django.db.models import Count

    from danvan.petitions.models import Petition, Submission

    every = [code for codes in acked.values() for code in codes]
    new = Petition.objects.filter(pk__gt=before_id)
    submitted = Submission.objects.filter(code__in=every)
    return {
        "acknowledged": len(every),
        "acknowledged_codes_distinct": len(set(every)),
        "acknowledged_missing": len(set(every) - set(submitted.values_list("code", flat=True))),
        "acknowledged_not_registered": submitted.filter(petition__isnull=True).count(),
        "stored": new.count(),
        # Each request's content carries its own line, so a content stored twice is a submission stored twice.
        "stored_twice": new.values("content").annotate(n=Count("id")).filter(n__gt=1).count(),
        "stored_not_acknowledged": new.exclude(pk__in=submitted.values("petition_id")).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument("--connections", type=int, default=16, help="concurrent keep-alive connections")
    parser.add_argument("--client-threads", type=int, default=2, help="wrk threads (one client session each)")
    parser.add_argument("--duration", type=int, default=20, help="seconds per phase")
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="requests per phase at most")
    parser.add_argument("--phases", default="ping,form,portal,api,ping")
    parser.add_argument("--app", default="bench.petitions.wsgi:application",
                        help="the WSGI application gunicorn serves (bench.petitions.lean:application: an upper bound)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/7",
                        help='the shared cache (rate limits); "" for the database cache table')
    parser.add_argument("--broker-url", default="redis://127.0.0.1:6379/8",
                        help="the Celery broker the server sends registrations to (emptied first)")
    parser.add_argument("--register-concurrency", type=int, default=2,
                        help="Celery worker processes that register the submissions after the run")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    url = os.environ["DATABASE_URL"]
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("PostgreSQL only: DATABASE_URL must name the benchmark database")
    ensure_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.petitions.models import Petition

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("demo_load", petitions=0, if_empty=True, verbosity=0)
    call_command("submissions_register", verbosity=0)  # whatever an interrupted run left
    from danvan.celery import app as celery_app

    celery_app.conf.broker_url = args.broker_url
    with celery_app.connection_for_write() as broker:
        broker.default_channel.client.flushdb()  # tasks of an earlier run name submissions registered above
    if args.cache_url.startswith("redis://"):
        # The simulated citizens' addresses repeat from run to run: earlier runs' counts must not refuse them.
        redis.Redis.from_url(args.cache_url).flushdb()
    before_id = Petition.objects.order_by("-id").values_list("id", flat=True).first() or 0
    before_count = Petition.objects.count()
    connection.close()

    port = _free_port()
    base = f"http://{HOST}:{port}"
    run = f"{time.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(3)}"
    # A timeout's SIGTERM should still stop the server (the `finally` below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped by SIGTERM"))
    results: list[tuple[str, dict[str, float]]] = []
    acked: dict[str, list[str]] = {}
    env = _server_env(args.cache_url, args.broker_url)
    server = start_server(args.app, port, args.workers, args.threads, args.connections, env)
    try:
        print(f"gunicorn up on {base}", flush=True)
        with tempfile.TemporaryDirectory(prefix="benchdesk-") as tmp:
            folder = Path(tmp)
            data = folder / "data.lua"
            write_data_file(data, base=base, run=run, sessions=args.client_threads, pool=400, seed=args.seed)
            print("request bodies written; warming up", flush=True)
            # Warm every worker (imports, templates, connections) before anything is timed.
            warm = folder / "warm"
            warm.mkdir()
            for mode in ("ping", "form", "portal", "api"):
                wrk(base=base, mode=mode, out=warm, data=data, duration=2, connections=args.connections,
                    threads=args.client_threads, max_requests=200, phase=f"w{mode}")
                acked[f"warm-{mode}"] = acknowledged(warm, mode) if mode in ("portal", "api") else []
            for i, mode in enumerate(args.phases.split(",")):
                out = folder / f"phase{i}"
                out.mkdir()
                result = wrk(base=base, mode=mode, out=out, data=data, duration=args.duration,
                             connections=args.connections, threads=args.client_threads, max_requests=args.max_requests,
                             phase=str(i))
                results.append((mode, result))
                if mode in ("portal", "api"):
                    acked[f"{i}-{mode}"] = acknowledged(out, mode)
                print(f"  {mode}: {result['rate']:.0f}/s, p50 {result['p50_us'] / 1000:.1f} ms, "
                      f"p99 {result['p99_us'] / 1000:.1f} ms, {result['requests']} requests", flush=True)
    finally:
        stop_server(server)

    # Nothing registered the submissions during the phases (no worker ran): now Celery workers do.
    registration = register(env, args.register_concurrency, timeout=1800)
    print(f"  registered {registration['registered']:.0f} submissions in {registration['seconds']:.1f} s "
          f"({registration['registered'] / registration['seconds']:.0f}/s, {args.register_concurrency} Celery "
          f"worker processes)", flush=True)
    checks = verify(before_id, acked)
    pings = [r["rate"] for mode, r in results if mode == "ping"]
    yardstick = sum(pings) / len(pings) if pings else 0.0
    print(f"\n{args.app} on gunicorn gthread {args.workers} workers x {args.threads} threads on {HOST}; wrk {args.client_threads} "
          f"threads, {args.connections} connections, {args.duration} s per phase; PostgreSQL; "
          f"{before_count:,} petitions before the run; {os.cpu_count()} CPUs (shared), "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    print("| phase | requests | per second | p50 ms | p90 ms | p99 ms | failed | x ping |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for mode, r in results:
        errors = r["failed"] + r["connect"] + r["read"] + r["write"] + r["timeout"]
        ratio = r["rate"] / yardstick if yardstick else 0.0
        print(f"| {mode} | {r['requests']:.0f} | {r['rate']:.0f} | {r['p50_us'] / 1000:.1f} | {r['p90_us'] / 1000:.1f} "
              f"| {r['p99_us'] / 1000:.1f} | {errors:.0f} | {ratio:.2f} |")
    print(f"\nintegrity: {json.dumps(checks)}")
    problems = checks["acknowledged_missing"] or checks["acknowledged_not_registered"] or checks["stored_twice"] or (
        checks["acknowledged_codes_distinct"] != checks["acknowledged"])
    print("integrity: every acknowledged submission is stored once" if not problems else "integrity: FAILED")
    if args.json:
        args.json.write_text(json.dumps({"phases": results, "registration": registration, "integrity": checks,
                                         "ping_mean": yardstick}, indent=2))
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
