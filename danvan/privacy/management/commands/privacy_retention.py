"""Apply the retention policy (danvan/privacy/data/retention.yaml): pseudonymize or erase what is past it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.privacy.policy import retention_policy
from danvan.privacy.services import retention_apply


class Command(BaseCommand):
    help = "Apply the retention policy; --dry-run lists what it would do and changes nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list the actions, write nothing")
        parser.add_argument("--today", type=date.fromisoformat, default=None,
                            help="YYYY-MM-DD: judge retention as of this day (default: today in Vietnam)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            policy = retention_policy()
        except (ValueError, KeyError) as error:
            raise CommandError(f"retention policy: {error}") from error
        plan = retention_apply(today=options["today"], dry_run=options["dry_run"])
        verb = "would" if options["dry_run"] else "did"
        for item in plan:
            rule = policy.get(item.rule)
            citation = f" [{rule.citation}; {rule.confidence}]" if rule else ""
            self.stdout.write(f"{verb} {item.action} {item.object_type}:{item.object_id} {item.label} "
                              f"(past {item.rule} since {item.expired_on:%Y-%m-%d}){citation}")
        counts = Counter((item.action, item.object_type) for item in plan)
        summary = ", ".join(f"{n} {action} {kind}" for (action, kind), n in sorted(counts.items())) or "nothing"
        self.stdout.write(self.style.SUCCESS(f"retention: {verb} {summary}"))
