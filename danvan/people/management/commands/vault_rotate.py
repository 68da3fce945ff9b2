from __future__ import annotations

import base64
import os
import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.people.services import vault_rotate
from danvan.people.vault import vault


class Command(BaseCommand):
    help = ("Re-encrypt every stored identity with the newest vault key (the first of DANVAN_VAULT_KEYS). "
            "With --new-key on the embedded setup, first put a fresh key in front of var/vault_keys.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--new-key", action="store_true",
                            help="embedded setup: generate a key and prepend it to the key file in var/")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            if os.environ.get("DANVAN_VAULT_KEYS"):
                raise CommandError("DANVAN_VAULT_KEYS is set: put the new key first there, then run without --new-key.")
            path = settings.VAR_DIR / "vault_keys"
            key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
            keys = [key, *settings.DANVAN_VAULT_KEYS]
            tmp = path.with_suffix(".new")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(",".join(keys) + "\n")
            os.replace(tmp, path)
            settings.DANVAN_VAULT_KEYS = keys
            self.stdout.write(f"New key added in front of {path} ({len(keys)} keys).")
        vault()  # fail here, before touching rows, if the keys are unusable
        result = vault_rotate()
        rows = ", ".join(f"{label} {n}" for label, n in result.rows.items())
        self.stdout.write(f"Re-encrypted with the newest key: {rows}. Older keys can be removed once every "
                          "process has restarted with the new list.")
