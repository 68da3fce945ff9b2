"""Generate a large agency for the reports benchmark (PostgreSQL only; COPY for the big tables).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_reports \
        .venv/bin/python bench/reports/generate.py --petitions 1000000

Creates units, officials and sessions with the ORM, then petitions, matters, visits and refusals with COPY,
dropping the petitions table's secondary indexes during the load and building them again afterwards
(the final schema is the migrated one). Deterministic: the same seed gives the same data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from danvan.org import places  # noqa: E402
from danvan.org.models import Role, Unit, User  # noqa: E402
from danvan.people.vault import blind_index  # noqa: E402
from danvan.petitions.models import Field  # noqa: E402
from danvan.reception.models import Session, Visit  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START = dt.date(2024, 1, 1)
END = dt.date(2026, 11, 25)
DEPARTMENTS = [
    ("ban-tcd", "Ban Tiếp công dân"), ("cuc-qldd", "Cục Quản lý đất đai"), ("cuc-mt", "Cục Môi trường"),
    ("cuc-qltnn", "Cục Quản lý tài nguyên nước"), ("cuc-ks", "Cục Địa chất và Khoáng sản"),
    ("cuc-tt", "Cục Trồng trọt và Bảo vệ thực vật"), ("cuc-cn", "Cục Chăn nuôi và Thú y"),
    ("cuc-ln", "Cục Lâm nghiệp và Kiểm lâm"), ("cuc-ts", "Cục Thủy sản và Kiểm ngư"),
    ("cuc-tl", "Cục Quản lý và Xây dựng công trình thủy lợi"), ("vu-tccb", "Vụ Tổ chức cán bộ"),
    ("thanh-tra", "Thanh tra Bộ"),
]
KINDS = [("recommendation", 60), ("complaint", 22), ("denunciation", 8), ("mixed", 4), ("unclassified", 6)]
CHANNELS = [("post", 40), ("desk", 15), ("portal", 20), ("email", 8), ("hotline", 5), ("forwarded", 11), ("api", 1)]
OUTCOMES = [("archived", 55), ("answered", 12), ("guided", 12), ("forwarded", 13), ("accepted", 8)]
SUBJECTS = ["Khiếu nại quyết định thu hồi đất", "Phản ánh ô nhiễm nước thải", "Tố cáo cán bộ địa chính",
            "Kiến nghị cấp giấy chứng nhận quyền sử dụng đất", "Phản ánh khai thác cát trái phép",
            "Khiếu nại giá bồi thường, hỗ trợ tái định cư", "Kiến nghị chính sách hỗ trợ thiệt hại do thiên tai"]


def weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def setup_agency() -> tuple[list[int], list[int | None], list[int], User]:
    ministry, _ = Unit.objects.get_or_create(code="bnnmt", defaults={
        "name": "Bộ Nông nghiệp và Môi trường", "kind": Unit.Kind.MINISTRY, "symbol": "BNNMT"})
    units = [ministry.pk]
    for code, name in DEPARTMENTS:
        unit, _ = Unit.objects.get_or_create(code=code, defaults={"name": name, "kind": Unit.Kind.DEPARTMENT,
                                                                 "parent": ministry})
        units.append(unit.pk)
    leader, created = User.objects.get_or_create(username="bench-leader", defaults={
        "full_name": "Hoàng Đức Thắng", "unit": ministry, "roles": [Role.LEADER.value]})
    if created:
        leader.set_password("bench-password-2026")
        leader.save()
    fields: list[int | None] = [*Field.objects.values_list("id", flat=True), None]
    provinces = [code for code, _name in places.provinces()]
    return units, fields, provinces, leader


def drop_secondary_indexes(table: str) -> list[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef NOT LIKE %s",
                    [table, "CREATE UNIQUE%"])
        found = cur.fetchall()
        for name, _def in found:
            cur.execute(f'DROP INDEX IF EXISTS "{name}"')
    return [d for _n, d in found]


def recreate(defs: list[str]) -> None:
    with connection.cursor() as cur:
        for d in defs:
            cur.execute(d)


def load_petitions(n: int, rng: random.Random, units: list[int], fields: list[int | None], provinces: list[int],
                   matter_ids: list[int]) -> None:
    span = (END - START).days
    now = dt.datetime.now(VN)
    columns = ("code", "secret_hash", "channel", "source_agency", "source_reference", "received_at", "subject",
               "content", "content_original", "decision_text", "request_text", "search_text", "kind", "suggested_kind",
               "province_code", "place_text", "signed", "anonymous", "status", "outcome_reason", "outcome_target",
               "decided_at", "answer_text", "processing_due", "processing_due_explained", "content_hash",
               "fingerprint", "created_at", "updated_at", "field_id", "unit_id", "matter_id")
    today = dt.date(2026, 11, 26)
    with connection.cursor() as cur, cur.copy(
            f"COPY petitions_petition ({', '.join(columns)}) FROM STDIN") as copy:
        for i in range(n):
            day = START + dt.timedelta(days=int(span * (rng.random() ** 0.8)))  # more recent petitions
            received = dt.datetime(day.year, day.month, day.day, rng.randint(7, 17), rng.randint(0, 59), tzinfo=VN)
            due = day + dt.timedelta(days=14)
            kind = weighted(rng, KINDS)
            subject = rng.choice(SUBJECTS)
            # Unclassified petitions are the newest ones; older ones were classified and decided.
            if kind == "unclassified" and (today - day).days > 30:
                kind = weighted(rng, KINDS[:4])
            status = "received" if kind == "unclassified" else weighted(rng, OUTCOMES)
            decided = None
            if (today - day).days < 20 and rng.random() < 0.6:
                status = rng.choice(["received", "classified"])
            if status not in ("received", "classified"):
                decided = received + dt.timedelta(days=rng.choice([3, 5, 8, 10, 12, 13, 14, 16, 20, 30]))
            elif rng.random() < 0.02:
                status = "classified"
            matter = matter_ids[i % len(matter_ids)] if status == "accepted" and matter_ids else None
            content = f"{subject}. Đơn số {i} tại tỉnh, đề nghị cơ quan có thẩm quyền xem xét giải quyết."
            digest = hashlib.sha256(content.encode()).hexdigest()
            copy.write_row((
                f"B{i:07d}", "x", weighted(rng, CHANNELS), "", "", received, subject, content, "", "", "",
                content.lower(), kind, "", rng.choice(provinces) if rng.random() < 0.93 else None, "", True, False,
                status, "", "", decided, "", due, "{}", digest, digest, now, now,
                rng.choice(fields) if kind != "unclassified" else None, rng.choice(units), matter,
            ))


def load_matters(n: int, rng: random.Random, units: list[int]) -> list[int]:
    span = (END - START).days
    now = dt.datetime.now(VN)
    states = [("accepted", 8), ("verifying", 10), ("verified", 4), ("decided", 12), ("notified", 6), ("final", 20),
              ("enforced", 10), ("concluded", 8), ("handled", 8), ("withdrawn", 5), ("suspended", 2), ("refused", 4),
              ("forwarded", 3)]
    columns = ("code", "kind", "state", "accepted_on", "received_on", "created_at", "updated_at", "unit_id",
               "complexity", "disciplinary", "dismissal", "extensions", "next_due", "next_due_key", "obstacle_days",
               "remote", "state_before_suspension", "subject", "suspended_days", "tier", "several_places", "finding",
               "decided_on", "closed_on", "suspended_on")
    decided_states = {"decided", "notified", "final", "enforced", "concluded", "handled"}
    findings = [("right", 3), ("partly", 4), ("wrong", 3)]
    with connection.cursor() as cur:
        with cur.copy(f"COPY matters_matter ({', '.join(columns)}) FROM STDIN") as copy:
            for i in range(n):
                day = START + dt.timedelta(days=int(span * rng.random()))
                kind = "complaint" if rng.random() < 0.75 else "denunciation"
                state = weighted(rng, states)
                later = min(day + dt.timedelta(days=rng.randint(20, 75)), END)
                copy.write_row((f"M{i:07d}", kind, state, day, day - dt.timedelta(days=8), now, now,
                                rng.choice(units), "normal", False, False, 0, day + dt.timedelta(days=30), "",
                                0, False, "", "Vụ việc", 0, 1 if rng.random() < 0.85 else 2, False,
                                weighted(rng, findings) if state in decided_states else "",
                                later if state in decided_states else None,
                                later if state == "withdrawn" else None,
                                later if state == "suspended" else None))
        cur.execute("SELECT id FROM matters_matter ORDER BY id")
        return [row[0] for row in cur.fetchall()]


def load_visits(n: int, rng: random.Random, units: list[int], fields: list[int | None], provinces: list[int]) -> None:
    span = (END - START).days
    now = dt.datetime.now(VN)
    columns = ("unit_id", "visited_on", "number", "full_name", "id_number", "address", "content", "kind", "field_id",
               "province_code", "people_count", "is_group", "handled_before", "handling", "handling_target",
               "follow_up", "notes", "created_at", "id_number_index")
    # Identities are stored encrypted, and found by a blind index (danvan.people.vault).
    encrypted = Visit._meta.get_field("full_name").get_prep_value
    name, address = encrypted("Công dân"), encrypted("")
    numbers: dict[tuple[int, int], int] = {}
    rows = []
    for _i in range(n):
        day = START + dt.timedelta(days=int(span * rng.random()))
        unit = rng.choice(units[:4])
        group = rng.random() < 0.02
        rows.append((unit, day, group))
    rows.sort(key=lambda r: (r[0], r[1]))
    with connection.cursor() as cur, cur.copy(
            f"COPY reception_visit ({', '.join(columns)}) FROM STDIN") as copy:
        for unit, day, group in rows:
            key = (unit, day.year)
            numbers[key] = numbers.get(key, 0) + 1
            handling = weighted(rng, [("accept", 50), ("guide", 35), ("forward", 15)])
            id_number = f"0010{rng.randint(10**7, 10**8 - 1)}"
            copy.write_row((unit, day, numbers[key], name, encrypted(id_number), address, "Nội dung",
                            weighted(rng, KINDS[:4]), rng.choice(fields), rng.choice(provinces),
                            rng.randint(5, 40) if group else 1, group, "",
                            handling, "" if handling == "accept" else "UBND tỉnh", "", "", now,
                            blind_index("id_number", id_number)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--matters", type=int, default=80_000)
    parser.add_argument("--visits", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: set DATABASE_URL to the benchmark database")
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    units, fields, provinces, leader = setup_agency()
    with connection.cursor() as cur:
        cur.execute("TRUNCATE petitions_petition, matters_matter, reception_visit, reception_refusal, "
                    "reception_session RESTART IDENTITY CASCADE")
    for month in range(1, 12):
        day = dt.date(2026, month, 15)
        Session.objects.create(unit_id=units[1], kind="periodic", status="held", on=day, host=leader)
    matter_ids = load_matters(args.matters, rng, units)
    print(f"matters: {args.matters} in {time.perf_counter() - t0:.1f}s", flush=True)
    defs = drop_secondary_indexes("petitions_petition")
    load_petitions(args.petitions, rng, units, fields, provinces, matter_ids)
    print(f"petitions copied: {args.petitions} at {time.perf_counter() - t0:.1f}s", flush=True)
    recreate(defs)
    print(f"petition indexes rebuilt at {time.perf_counter() - t0:.1f}s", flush=True)
    load_visits(args.visits, rng, units, fields, provinces)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    print(f"visits: {args.visits}; analyzed; total {time.perf_counter() - t0:.1f}s", flush=True)


if __name__ == "__main__":
    main()
