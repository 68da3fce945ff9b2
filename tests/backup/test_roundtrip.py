"""Back up a populated instance, restore it into a fresh database and media folder, and compare everything:
every row of every model (apps.get_models), every row of every table (search indexes included), every media
file, and the audit chain verified on the restored database."""

from __future__ import annotations

import copy
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections
from django.db.utils import load_backend

from danvan.org.models import Unit
from danvan.petitions.models import Attachment
from danvan.petitions.services import PersonData, petition_receive
from danvan.privacy.backup import media_digests, pg_database_recreate, read_manifest

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RESTORE_PG_NAME = os.environ.get("DANVAN_TEST_DB_NAME", "test_danvan") + "_restore"


def _target_url(tmp_path: Path) -> tuple[str, str]:
    """The restore target: a new SQLite file, or a new PostgreSQL database beside the test database."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        return f"sqlite:///{path}", str(path)
    pg_database_recreate(connection.settings_dict, RESTORE_PG_NAME)
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{RESTORE_PG_NAME}", RESTORE_PG_NAME


@pytest.fixture
def restored_alias() -> Iterator[Callable[[str], str]]:
    """Open the restored database as the ORM alias "restored" (a connection made here, not a configured
    alias, so the test runner neither creates nor flushes it)."""
    added: list[str] = []

    def add(name: str) -> str:
        settings_dict = copy.deepcopy(connections.databases["default"])
        settings_dict["NAME"] = name
        wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "restored")
        connections["restored"] = wrapper
        added.append("restored")
        return "restored"

    yield add
    for alias in added:
        connections[alias].close()
        del connections[alias]
    if connection.vendor == "postgresql":
        pg_database_recreate(connection.settings_dict, RESTORE_PG_NAME)


def _model_rows(alias: str, model) -> list[tuple]:
    fields = [f.attname for f in model._meta.concrete_fields]
    return list(model._base_manager.using(alias).order_by("pk").values_list(*fields))


def _table_rows(alias: str, table: str) -> list[str]:
    conn = connections[alias]
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)}")  # noqa: S608
        return sorted(repr(row) for row in cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_row_every_file_and_a_verifiable_audit_chain(
        tmp_path, settings, restored_alias, officials):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo_load", petitions=60, seed=7, stdout=open(os.devnull, "w"))  # noqa: SIM115
    unit = Unit.objects.get(code="ban-tcd")
    for i in range(3):
        petition_receive(
            channel="portal", unit=unit, subject=f"Phản ánh ô nhiễm {i}", content="Khói bụi từ nhà máy gạch " * 5,
            petitioners=[PersonData(full_name="Nguyễn Thị Hạnh", id_number=f"00119000000{i}")],
            files=[SimpleUploadedFile(f"anh-{i}.pdf", PDF + bytes([i]), content_type="application/pdf")])
    assert Attachment.objects.count() == 3

    archive = tmp_path / "backup.tar"
    call_command("backup_create", output=archive, stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = read_manifest(archive)
    assert manifest["tables"]["petitions_petition"] >= 60

    url, name = _target_url(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "DANVAN_MEDIA_ROOT": str(tmp_path / "restored-media")}
    env.pop("DANVAN_TEST_DB_NAME", None)
    result = subprocess.run([sys.executable, "manage.py", "backup_restore", str(archive)], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "audit chain of" in result.stdout
    # The chain verified by the restore is verified again, independently, by the audit app's own command.
    verify = subprocess.run([sys.executable, "manage.py", "audit_verify"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False, timeout=300)
    assert verify.returncode == 0, verify.stdout + verify.stderr

    alias = restored_alias(name)
    compared = 0
    for model in apps.get_models(include_auto_created=True):
        assert _model_rows(alias, model) == _model_rows("default", model), model._meta.label
        compared += 1
    assert compared > 30
    source_tables = set(connection.introspection.table_names())
    assert set(connections[alias].introspection.table_names()) == source_tables
    for table in sorted(source_tables):
        assert _table_rows(alias, table) == _table_rows("default", table), table

    assert media_digests(tmp_path / "restored-media") == media_digests(tmp_path / "media")
    assert len(media_digests(tmp_path / "media")) >= 3


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty_and_a_damaged_archive(tmp_path, settings, intake_unit):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "backup.tar"
    call_command("backup_create", output=archive, stdout=open(os.devnull, "w"))  # noqa: SIM115
    env = {**os.environ, "DANVAN_MEDIA_ROOT": str(tmp_path / "restored-media")}
    env.pop("DANVAN_TEST_DB_NAME", None)
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        full = tmp_path / "full.sqlite3"
        with sqlite3.connect(full) as db:
            db.execute("CREATE TABLE kept (a)")
            db.execute("INSERT INTO kept VALUES (1)")
        env["DATABASE_URL"] = f"sqlite:///{full}"
    else:
        env["DATABASE_URL"] = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    result = subprocess.run([sys.executable, "manage.py", "backup_restore", str(archive)], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode != 0 and "not empty" in result.stderr
    if connection.vendor == "sqlite":
        with sqlite3.connect(full) as db:
            assert db.execute("SELECT a FROM kept").fetchall() == [(1,)]
    assert Unit.objects.filter(pk=intake_unit.pk).exists()

    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "media.tar.gz":
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    result = subprocess.run([sys.executable, "manage.py", "backup_restore", str(damaged), "--force"], cwd=ROOT,  # noqa: S603
                            env=env, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode != 0 and "damaged" in result.stderr
    assert Unit.objects.filter(pk=intake_unit.pk).exists()
