"""Back up the database and the media folder into one archive (docs/backup.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from danvan.audit.services import audit_record
from danvan.privacy.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a backup archive: database (SQLite online backup or pg_dump -Fc) + media folder + manifest."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", type=Path, default=None,
                            help="the archive to write (default: var/backups/danvan-<time>.tar)")
        parser.add_argument("--no-audit", action="store_true",
                            help="do not append a backup.create event first (read-only replicas)")

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"] or (
            Path(settings.VAR_DIR) / "backups" / f"danvan-{timezone.localtime():%Y%m%d-%H%M%S}.tar")
        if output.exists():
            raise CommandError(f"{output} exists; choose another name")
        if not options["no_audit"]:
            # Recorded before the copy, so the archive's own audit chain says when and by whom it was made.
            with transaction.atomic():
                audit_record(action="backup.create", object_type="backup", object_id=output.name[:64],
                             actor_label="system", data={"output": output.name})
        try:
            manifest = backup_create(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(self.style.SUCCESS(
            f"backup {output}: {manifest['engine']}, {len(manifest['tables'])} tables, {rows} rows, "
            f"{manifest['audit']['events']} audit events, {manifest['media_files']} media files"))
