"""Time the hot provisions of a draft with millions of comments (PostgreSQL).

    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE consult_hot"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/consult_hot \\
        .venv/bin/python -m bench.consultation_http.hot_articles --comments 2000000 --repeat 5

Loads (COPY) `--comments` accepted comments on the sample draft's provisions, spread over the 30 days since
it opened, one provision's comments crowding into the last week, then times
`danvan.consultation.selectors.hot_articles` and the page that serves it. Prints what it found. A benchmark:
it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from bench.consultation_http import setup_db
    from danvan.consultation import selectors, services
    from danvan.consultation.models import Comment, Draft

    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: DATABASE_URL must name the benchmark database")
    setup_db.main()
    draft = Draft.objects.get(slug="bench-luat-dat-dai")
    today = timezone.localdate()
    services.draft_set_period(draft=draft, opens_on=today - dt.timedelta(days=30),
                              closes_on=today + dt.timedelta(days=30), by=None)
    provisions = list(draft.versions.get().provisions.filter(kind="article").values_list("pk", "anchor"))
    surging = provisions[-1][1]
    have = Comment.objects.filter(draft=draft).count()
    if have < args.comments:
        rng = random.Random(2026)
        started = time.monotonic()
        with connection.cursor() as cursor, cursor.copy(
                "COPY consultation_comment (draft_id, provision_id, anchor, article_anchor, commenter_type, name, "
                "organization, contact, text, channel, status, flags, moderation_reason, receipt, source_ref, "
                "received_at) FROM STDIN") as copy:
            for i in range(args.comments - have):
                back = rng.random() * 30
                pk, anchor = provisions[rng.randrange(len(provisions))]
                if anchor == surging and back >= 7 and rng.random() < 2 / 3:
                    back = rng.random() * 7  # its last week gets what the weeks before would have
                at = timezone.now() - dt.timedelta(days=back)
                copy.write_row((draft.pk, pk, anchor, anchor, "person", "", "", "", f"Góp ý số {i}", "web",
                                "accepted", "[]", "", secrets.token_hex(8), "", at))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE consultation_comment")
        print(f"loaded {args.comments - have:,} comments in {time.monotonic() - started:.0f} s", flush=True)
    seconds = []
    found = None
    for _ in range(args.repeat):
        started = time.monotonic()
        found = selectors.hot_articles(draft)
        seconds.append(time.monotonic() - started)
    print(f"hot_articles over {Comment.objects.filter(draft=draft).count():,} comments: "
          f"median {statistics.median(seconds):.2f} s, min {min(seconds):.2f} s")
    for hot in found or []:
        print(f"  {hot.label}: {hot.count:,} this week against {hot.usual:,.0f} usually ({hot.ratio:.1f}x)")


if __name__ == "__main__":
    main()
