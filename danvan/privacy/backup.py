"""Backup and restore of the whole instance: the database and the media folder, in one tar archive.

    archive.tar
      manifest.json      format, engine, migrations, row count of every table, audit chain head, digests
      database.sqlite3   SQLite: a consistent copy made with SQLite's online backup API (readers and
                         writers keep working while it runs)
      database.pgdump    PostgreSQL: pg_dump's custom format (one snapshot; restored with pg_restore)
      media.tar.gz       the media folder (attachments, issued documents)

The database is copied first and the media folder second, so every file a copied row names was already
on disk when it was archived. The identity vault's keys (danvan.people.vault) are NOT in the archive: a
stolen backup must not reveal the people in it. The manifest carries a fingerprint of the keys so a restore
can tell whether it was given the right ones. See docs/backup.md.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
DB_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    pass


@dataclass
class RestoreReport:
    ok: bool
    problems: list[str] = field(default_factory=list)
    tables: int = 0
    rows: int = 0
    audit_events: int = 0
    media_files: int = 0


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def vault_fingerprint() -> str:
    """Which vault keys this instance uses, without revealing them (a digest of a digest of each)."""
    keys = getattr(settings, "DANVAN_VAULT_KEYS", []) or []
    index_key = getattr(settings, "DANVAN_VAULT_INDEX_KEY", "") or ""
    parts = [hashlib.sha256(f"danvan-vault:{k}".encode()).hexdigest() for k in [*keys, index_key]]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def table_counts(conn: BaseDatabaseWrapper) -> dict[str, int]:
    """The row count of every table the database has (models' tables and the search index tables too)."""
    counts: dict[str, int] = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")  # noqa: S608 - names from the catalogue
            counts[table] = int(cursor.fetchone()[0])
    return counts


def _audit_head(conn: BaseDatabaseWrapper) -> dict[str, Any]:
    with conn.cursor() as cursor:
        if "audit_event" not in conn.introspection.table_names(cursor):
            return {"events": 0, "last_hash": ""}
        cursor.execute("SELECT COUNT(*), MAX(id) FROM audit_event")
        count, last_id = cursor.fetchone()
        last_hash = ""
        if last_id is not None:
            cursor.execute("SELECT hash FROM audit_event WHERE id = %s", [last_id])
            last_hash = cursor.fetchone()[0]
    return {"events": int(count), "last_hash": last_hash}


def _migrations(conn: BaseDatabaseWrapper) -> list[list[str]]:
    with conn.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [[app, name] for app, name in cursor.fetchall()]


def _program(name: str) -> str:
    """The PostgreSQL client program's full path (installed with the server, or as postgresql-client)."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return path


def _pg_env(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings_dict.get("HOST"):
        args += ["-h", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _dump_database(conn: BaseDatabaseWrapper, target: Path) -> None:
    if conn.vendor == "sqlite":
        conn.ensure_connection()
        source = conn.connection
        copy = sqlite3.connect(target)
        try:
            # The online backup API copies a consistent snapshot page by page while others keep working.
            source.backup(copy)
        finally:
            copy.close()
    elif conn.vendor == "postgresql":
        args, env = _pg_env(conn.settings_dict)
        result = subprocess.run(  # noqa: S603 - fixed program on PATH, arguments from settings
            [_program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", *args, "-f", str(target),
             "-d", str(conn.settings_dict["NAME"])], env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    else:
        raise BackupError(f"no backup method for the {conn.vendor} database")


def _media_tar(media_root: Path, target: Path) -> int:
    count = 0
    with tarfile.open(target, "w:gz") as tar:
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
                    count += 1
    return count


def backup_create(*, output: Path, using: str = "default") -> dict[str, Any]:
    """Write one archive with the database and the media folder; returns its manifest.

    The caller records the audit event first (so the archive's own chain ends with it); see the command.
    """
    conn = connections[using]
    vendor = conn.vendor
    if vendor not in DB_FILES:
        raise BackupError(f"no backup method for the {vendor} database")
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="danvan-backup-") as tmp:
        work = Path(tmp)
        db_file = work / DB_FILES[vendor]
        counts = table_counts(conn)
        audit = _audit_head(conn)
        migrations = _migrations(conn)
        _dump_database(conn, db_file)
        media_files = _media_tar(Path(settings.MEDIA_ROOT), work / MEDIA)
        manifest = {
            "format": FORMAT, "created_at": timezone.now().isoformat(timespec="seconds"), "engine": vendor,
            "database_file": db_file.name, "migrations": migrations, "tables": counts, "audit": audit,
            "media_files": media_files, "vault_fingerprint": vault_fingerprint(),
            "sha256": {db_file.name: _sha256(db_file), MEDIA: _sha256(work / MEDIA)},
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            body = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(body))
            tar.add(db_file, arcname=db_file.name)
            tar.add(work / MEDIA, arcname=MEDIA)
        # A half-written archive never carries the final name.
        partial.replace(output)
    return manifest


def read_manifest(archive: Path) -> dict[str, Any]:
    with tarfile.open(archive, "r") as tar:
        member = tar.extractfile(MANIFEST)
        if member is None:
            raise BackupError("the archive has no manifest.json")
        manifest: dict[str, Any] = json.loads(member.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown archive format {manifest.get('format')!r}")
    return manifest


def _extract(archive: Path, work: Path, manifest: dict[str, Any]) -> None:
    wanted = {manifest["database_file"], MEDIA}
    with tarfile.open(archive, "r") as tar:
        for member in tar.getmembers():
            if member.name in wanted and member.isfile():
                tar.extract(member, work, filter="data")
    for name, digest in manifest["sha256"].items():
        path = work / name
        if not path.exists() or _sha256(path) != digest:
            raise BackupError(f"{name}: missing or damaged (digest does not match the manifest)")


def _target_is_empty(conn: BaseDatabaseWrapper) -> bool:
    with conn.cursor() as cursor:
        return not conn.introspection.table_names(cursor)


def _restore_database(conn: BaseDatabaseWrapper, db_file: Path, force: bool) -> None:
    if conn.vendor == "sqlite":
        name = str(conn.settings_dict["NAME"])
        conn.close()
        source = sqlite3.connect(db_file)
        target = sqlite3.connect(name)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        args, env = _pg_env(conn.settings_dict)
        name = str(conn.settings_dict["NAME"])
        conn.close()
        clean = ["--clean", "--if-exists"] if force else []
        result = subprocess.run(  # noqa: S603 - fixed program on PATH, arguments from settings
            [_program("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", *clean,
             *args, "-d", name, str(db_file)], env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def _restore_media(media_tar: Path, media_root: Path) -> int:
    media_root.mkdir(parents=True, exist_ok=True)
    count = 0
    with tarfile.open(media_tar, "r:gz") as tar:
        for member in tar.getmembers():
            if member.isfile():
                # The "data" filter refuses absolute paths, "..", links out of the folder and device files.
                tar.extract(member, media_root, filter="data")
                count += 1
    return count


def _vault_opens(conn: BaseDatabaseWrapper) -> bool:
    """Whether one stored identity decrypts with the configured keys (True when nobody is stored)."""
    from danvan.people.models import Person
    from danvan.people.vault import VaultError

    try:
        Person.objects.using(conn.alias).order_by("id").first()
    except VaultError:
        return False
    return True


def backup_restore(*, archive: Path, using: str = "default", force: bool = False) -> RestoreReport:
    """Restore an archive into the configured (empty) database and media folder, then check it: every
    table's row count against the manifest, the audit chain from its first event, and the vault keys.

    Refuses a non-empty database unless `force` (then the database's tables are replaced). The engine must
    match the archive's (SQLite to SQLite, PostgreSQL to PostgreSQL).
    """
    manifest = read_manifest(archive)
    conn = connections[using]
    if manifest["engine"] != conn.vendor:
        raise BackupError(f"the archive is a {manifest['engine']} backup; this database is {conn.vendor}")
    if not force and not _target_is_empty(conn):
        raise BackupError("the target database is not empty (use --force to replace it)")
    media_root = Path(settings.MEDIA_ROOT)
    if not force and media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"the media folder {media_root} is not empty (use --force to add to it)")
    with tempfile.TemporaryDirectory(prefix="danvan-restore-") as tmp:
        work = Path(tmp)
        _extract(archive, work, manifest)
        _restore_database(conn, work / manifest["database_file"], force)
        media_files = _restore_media(work / MEDIA, media_root)
    return backup_check(manifest=manifest, using=using, media_files=media_files)


def backup_check(*, manifest: dict[str, Any], using: str = "default", media_files: int | None = None) -> RestoreReport:
    """Compare a restored database with its manifest and verify the audit chain."""
    from danvan.audit.services import audit_verify_chain

    conn = connections[using]
    problems: list[str] = []
    counts = table_counts(conn)
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"{table}: {counts.get(table)} rows, the backup had {expected}")
    audit = _audit_head(conn)
    if audit != manifest["audit"]:
        problems.append(f"audit log: {audit} after restore, the backup had {manifest['audit']}")
    if using == "default" and connection.alias == using:
        chain = audit_verify_chain()
        if not chain.ok:
            problems.append(f"audit chain broken at event {chain.first_broken_id}: {chain.reason}")
    if media_files is not None and media_files != manifest["media_files"]:
        problems.append(f"media: {media_files} files restored, the backup had {manifest['media_files']}")
    if manifest.get("vault_fingerprint") != vault_fingerprint() or not _vault_opens(conn):
        problems.append("the identity vault keys differ from the backup's: set DANVAN_VAULT_KEYS and "
                        "DANVAN_VAULT_INDEX_KEY to the keys kept with the backup (docs/backup.md)")
    return RestoreReport(ok=not problems, problems=problems, tables=len(counts), rows=sum(counts.values()),
                         audit_events=audit["events"], media_files=media_files or 0)


def media_digests(root: Path) -> dict[str, str]:
    """Every file under `root` by its relative path, with its SHA-256 (to compare two media folders)."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): _sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


def pg_database_recreate(settings_dict: dict[str, Any], name: str) -> None:
    """Drop and create one PostgreSQL database (the restore target of a test or a drill)."""
    args, env = _pg_env(settings_dict)
    for program in ([_program("dropdb"), "--if-exists", "--force"], [_program("createdb")]):
        result = subprocess.run([*program, *args, name], env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"{program[0]} failed: {result.stderr.strip()}")
