from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from danvan.consultation.services import synthesis_resume
from danvan.tasks import uses_broker, wait_for_in_process_tasks


class Command(BaseCommand):
    help = "Queue again the synthesis runs left unfinished (run it when the service starts)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--wait", action="store_true", help="with in-process tasks, wait until they finish")

    def handle(self, *args: Any, **options: Any) -> None:
        ids = synthesis_resume()
        self.stdout.write(f"resumed {len(ids)} run(s): {', '.join(map(str, ids)) or '-'}")
        if options["wait"] and not uses_broker():
            wait_for_in_process_tasks(timeout=24 * 3600)
