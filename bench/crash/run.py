"""Load and crash: submissions at a high rate while the web server is SIGKILLed and restarted and the
database connections are cut; then every acknowledged submission must be in the database, none twice.

    .venv/bin/python -m bench.crash.run --seconds 120 --clients 24 --kill-every 15 --cut-every 6

What it does (loopback only, PostgreSQL, bounded in time):
  1. creates a fresh database (default bench_crash), migrates it and loads the demo agency's units;
  2. serves danvan under gunicorn on 127.0.0.1 (persistent database connections, so cuts hit live ones);
  3. N client threads submit petitions to POST /api/v1/petitions, each with its own Idempotency-Key and a
     unique marker in its content; an unacknowledged attempt (refused connection, reset, timeout, 5xx) is
     retried with the same key until it is acknowledged (2xx with a code) or the run's grace period ends;
  4. meanwhile a chaos thread SIGKILLs the whole gunicorn process group every --kill-every seconds
     (restarting it after --down seconds) and pg_terminate_backend()s the app's connections every
     --cut-every seconds;
  5. afterwards it reads the database: every acknowledged key must map to exactly the code it was given,
     no submission may be stored twice (by key or by marker), and it reports the rate held.

The result is printed and written to bench/out/crash/<time>.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    acked: dict[str, str] = field(default_factory=dict)  # idempotency key -> code
    first_ack_at: dict[str, float] = field(default_factory=dict)
    created: int = 0  # 201 answers
    replayed: int = 0  # 200 answers (a retry found the first)
    unacked: set[str] = field(default_factory=set)
    errors: Counter[str] = field(default_factory=Counter)
    attempts: int = 0
    code_mismatch: list[str] = field(default_factory=list)


def _pg(url: str, dbname: str | None = None) -> psycopg.Connection:
    conninfo = url.replace("postgres://", "postgresql://")
    if dbname:
        conninfo = conninfo.rsplit("/", 1)[0] + "/" + dbname
    return psycopg.connect(conninfo, autocommit=True)


def _env(db_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": db_url, "DANVAN_RATE_SUBMIT": "100000000/60",
            "DANVAN_RATE_TRACK": "100000000/60", "DANVAN_DB_CONN_MAX_AGE": "600", "DANVAN_LOG_LEVEL": "ERROR",
            "DANVAN_ALLOWED_HOSTS": "127.0.0.1,localhost"}


def prepare(server_url: str, dbname: str) -> str:
    with _pg(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}"')
    db_url = server_url.rsplit("/", 1)[0] + "/" + dbname
    env = _env(db_url)
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "demo_load", "--petitions", "0"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return db_url


class Server:
    def __init__(self, db_url: str, port: int, workers: int) -> None:
        self.db_url, self.port, self.workers = db_url, port, workers
        self.proc: subprocess.Popen[bytes] | None = None
        self.kills = 0

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [GUNICORN, "danvan.wsgi:application", "--bind", f"127.0.0.1:{self.port}", "--workers",
             str(self.workers), "--threads", "4", "--timeout", "30", "--graceful-timeout", "1",
             "--log-level", "error"],
            cwd=ROOT, env=_env(self.db_url), start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            # The whole group: the master and every worker die at once, mid-request, as in a power cut.
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            self.kills += 1

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/api/v1/openapi.json", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")


def submit_loop(base: str, tally: Tally, stop_new: threading.Event, give_up: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    session = requests.Session()
    while not stop_new.is_set():
        key = str(uuid.uuid4())
        marker = f"BENCH-{key}"
        payload = {"full_name": f"Người thử {key[:8]}", "address": "Thôn 3, xã Hòa Vang, TP Đà Nẵng",
                   "content": f"Phản ánh ô nhiễm nguồn nước do xả thải, mã kiểm tra {marker}.", "consent": True}
        with tally.lock:
            tally.unacked.add(key)
        delay = 0.05
        while not give_up.is_set():
            with tally.lock:
                tally.attempts += 1
            try:
                response = session.post(f"{base}/api/v1/petitions", json=payload,
                                        headers={"Idempotency-Key": key}, timeout=10)
            except requests.RequestException as error:
                with tally.lock:
                    tally.errors[type(error).__name__] += 1
                session = requests.Session()
            else:
                if response.status_code in (200, 201) and response.json().get("code"):
                    code = response.json()["code"]
                    with tally.lock:
                        if key in tally.acked and tally.acked[key] != code:
                            tally.code_mismatch.append(key)
                        tally.acked.setdefault(key, code)
                        tally.first_ack_at.setdefault(key, time.monotonic())
                        tally.unacked.discard(key)
                        if response.status_code == 201:
                            tally.created += 1
                        else:
                            tally.replayed += 1
                    break
                with tally.lock:
                    tally.errors[f"http_{response.status_code}"] += 1
            time.sleep(delay * (1 + rng.random()))
            delay = min(delay * 2, 1.0)


def chaos(server: Server, db_server_url: str, dbname: str, stop: threading.Event, kill_every: float,
          cut_every: float, down: float, counts: Counter[str]) -> None:
    next_kill = time.monotonic() + kill_every
    next_cut = time.monotonic() + cut_every
    while not stop.is_set():
        now = time.monotonic()
        if now >= next_kill:
            server.kill()
            counts["kills"] += 1
            time.sleep(down)
            server.start()
            next_kill = time.monotonic() + kill_every
        if now >= next_cut:
            with _pg(db_server_url) as conn:
                cut = conn.execute(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()", [dbname]).fetchone()
            counts["connections_cut"] += int(cut[0] if cut else 0)
            counts["cuts"] += 1
            next_cut = time.monotonic() + cut_every
        time.sleep(0.1)


def verify(db_server_url: str, dbname: str, tally: Tally) -> dict[str, int]:
    stored_key = {k: "api:" + hashlib.sha256(k.encode()).hexdigest()[:60] for k in tally.acked}
    with _pg(db_server_url, dbname) as conn:
        rows = conn.execute("SELECT idempotency_key, code FROM petitions_petition WHERE idempotency_key LIKE 'api:%%'"
                            ).fetchall()
        markers = conn.execute(
            "SELECT substring(content from 'BENCH-[0-9a-f-]{36}') AS m, count(*) FROM petitions_petition "
            "WHERE content LIKE '%%BENCH-%%' GROUP BY m HAVING count(*) > 1").fetchall()
        total = conn.execute("SELECT count(*) FROM petitions_petition WHERE content LIKE '%%BENCH-%%'").fetchone()
        chain = subprocess.run([PY, "manage.py", "audit_verify"], cwd=ROOT,
                               env=_env(db_server_url.rsplit("/", 1)[0] + "/" + dbname),
                               capture_output=True, text=True, check=False)
    by_key = dict(rows)
    lost = [k for k, sk in stored_key.items() if by_key.get(sk) != tally.acked[k]]
    return {
        "acknowledged": len(tally.acked),
        "stored": int(total[0]) if total else 0,
        "acknowledged_and_stored": len(tally.acked) - len(lost),
        "lost": len(lost),
        "stored_twice": len(markers),
        "stored_not_acknowledged": (int(total[0]) if total else 0) - (len(tally.acked) - len(lost)),
        "never_acknowledged": len(tally.unacked),
        "code_changed_on_retry": len(tally.code_mismatch),
        "audit_chain_ok": int(chain.returncode == 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("DANVAN_BENCH_POSTGRES_URL",
                                                             "postgres://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--db", default="bench_crash")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=24)
    parser.add_argument("--seconds", type=float, default=120, help="how long new submissions start")
    parser.add_argument("--grace", type=float, default=60, help="how long retries may go on afterwards")
    parser.add_argument("--kill-every", type=float, default=15)
    parser.add_argument("--cut-every", type=float, default=6)
    parser.add_argument("--down", type=float, default=1.0, help="seconds the server stays dead after a kill")
    args = parser.parse_args()
    if not args.postgres.split("@")[-1].startswith(("127.0.0.1", "localhost", "[::1]")):
        sys.exit("loopback only: the PostgreSQL URL must point at 127.0.0.1 or localhost")

    db_url = prepare(args.postgres, args.db)
    server = Server(db_url, args.port, args.workers)
    server.start()
    server.wait_ready()
    tally, counts = Tally(), Counter[str]()
    stop_new, give_up, stop_chaos = threading.Event(), threading.Event(), threading.Event()
    base = f"http://127.0.0.1:{args.port}"
    clients = [threading.Thread(target=submit_loop, args=(base, tally, stop_new, give_up, i), daemon=True)
               for i in range(args.clients)]
    chaos_thread = threading.Thread(target=chaos, args=(server, args.postgres, args.db, stop_chaos,
                                                        args.kill_every, args.cut_every, args.down, counts),
                                    daemon=True)
    started = time.monotonic()
    for thread in clients:
        thread.start()
    chaos_thread.start()
    time.sleep(args.seconds)
    stop_new.set()
    load_seconds = time.monotonic() - started
    stop_chaos.set()
    chaos_thread.join()
    if server.proc is None or server.proc.poll() is not None:
        server.start()
    server.wait_ready()
    deadline = time.monotonic() + args.grace
    for thread in clients:
        thread.join(timeout=max(0.1, deadline - time.monotonic()))
    give_up.set()
    for thread in clients:
        thread.join(timeout=15)
    server.kill()

    acked_in_load = sum(1 for t in tally.first_ack_at.values() if t - started <= load_seconds)
    result = {
        "command": " ".join(sys.argv), "load_seconds": round(load_seconds, 1), "clients": args.clients,
        "gunicorn_workers": args.workers, "server_kills": counts["kills"], "connection_cuts": counts["cuts"],
        "connections_terminated": counts["connections_cut"], "attempts": tally.attempts,
        "answers_201": tally.created, "answers_200_replayed": tally.replayed,
        "client_errors": dict(tally.errors),
        "rate_acknowledged_per_second": round(acked_in_load / load_seconds, 1),
        **verify(args.postgres, args.db, tally),
    }
    out = ROOT / "bench" / "out" / "crash"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    if result["lost"] or result["stored_twice"] or result["code_changed_on_retry"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
