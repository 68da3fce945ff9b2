"""Restore a backup archive into the configured database and media folder, then check it (docs/backup.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.privacy.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Restore a backup archive into the database DATABASE_URL names (empty unless --force) and the media "
            "folder; then compare row counts with the manifest and verify the audit chain.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true", help="replace a database that is not empty")

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"{archive}: no such archive")
        try:
            report = backup_restore(archive=archive, force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        for problem in report.problems:
            self.stderr.write(problem)
        if not report.ok:
            raise CommandError(f"restored, but {len(report.problems)} check(s) failed")
        self.stdout.write(self.style.SUCCESS(
            f"restored {report.tables} tables, {report.rows} rows, {report.media_files} media files; "
            f"audit chain of {report.audit_events} events verified"))
