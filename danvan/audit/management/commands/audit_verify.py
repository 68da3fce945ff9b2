from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from danvan.audit.guard import guard_installed
from danvan.audit.services import audit_verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; name the first broken link (exit code 1 when broken)."

    def handle(self, *args: Any, **options: Any) -> None:
        check = audit_verify_chain()
        if not guard_installed(connection):
            self.stderr.write("WARNING: the append-only triggers on audit_event are missing.")
        if check.ok:
            self.stdout.write(f"OK: {check.checked} events, chain intact.")
            return
        where = f"event {check.first_broken_id}" if check.first_broken_id else "the chain's end"
        raise CommandError(f"BROKEN at {where}: {check.reason} ({check.checked} events verified before it).",
                           returncode=1)
