from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from danvan.insights.rollup import rollup_refresh


class Command(BaseCommand):
    help = "Recount the dashboard's monthly rollup of petitions (run nightly; the current month is always live)."

    def handle(self, *args: Any, **options: Any) -> None:
        t0 = time.perf_counter()
        rows = rollup_refresh()
        self.stdout.write(f"{rows} rows in {time.perf_counter() - t0:.1f}s")
