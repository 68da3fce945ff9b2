"""The identity vault: personal identity encrypted at rest, found again through blind indexes.

A denouncer's name, address and other personal data must be kept secret (Law on Denunciations Arts. 9,
47, 56). The database holds only Fernet tokens; the keys live outside it (DANVAN_VAULT_KEYS, newest
first, or a key file in var/ on the embedded setup), so a copied database or backup reveals nobody.
Exact lookups (the same ID number, the same folded name, the same phone) go through keyed HMACs of the
normalised value: equal inputs give equal digests, and without the index key a digest cannot be reversed
by hashing every 12-digit number.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models

from textmining.normalize import fold


class VaultError(Exception):
    """A stored token cannot be read with any configured key."""


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("DANVAN_VAULT_KEYS is empty: the identity vault needs at least one key.")
    return MultiFernet([Fernet(k.encode()) for k in keys])


def vault() -> MultiFernet:
    """The configured keys; the first encrypts, all of them decrypt (so rotation can run while serving)."""
    return _fernet(tuple(settings.DANVAN_VAULT_KEYS))


def vault_encrypt(plain: str) -> str:
    """A Fernet token for `plain`; an empty value stays empty (it says nothing about anyone)."""
    if not plain:
        return ""
    return vault().encrypt(plain.encode()).decode()


def vault_decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return vault().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise VaultError("an identity token does not open with any configured vault key") from error


def vault_rotate_token(token: str) -> str:
    """The same secret under the newest key (MultiFernet.rotate keeps the original timestamp)."""
    if not token:
        return ""
    return vault().rotate(token.encode()).decode()


def _normalise(kind: str, value: str) -> str:
    if kind in ("id_number", "phone"):
        return re.sub(r"\D", "", value)
    if kind == "email":
        return value.strip().lower()
    return " ".join(fold(value).split())


def blind_index(kind: str, value: str) -> str:
    """HMAC-SHA256 of the normalised value under the index key; "" for a value that normalises to nothing.

    `kind` ("id_number", "name", "phone", "email") is mixed into the digest so equal strings of different
    kinds never collide. Names are folded (case, diacritics, đ→d) as everywhere else in matching.
    """
    normal = _normalise(kind, value or "")
    if not normal:
        return ""
    key = settings.DANVAN_VAULT_INDEX_KEY.encode()
    return hmac.new(key, f"{kind}:{normal}".encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Text kept as a Fernet token in the database and as plain text on the model instance.

    Tokens are randomised, so the database cannot compare them: every lookup except `isnull` raises, so
    code that still filters on the plain value fails loudly instead of silently finding nobody. Use the
    blind index columns beside the field instead.
    """

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return None if value is None else vault_decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return None if value is None else vault_encrypt(str(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise FieldError(
                f"'{self.name}' is encrypted: look it up through its blind index, not with '{lookup_name}'."
            )
        return super().get_lookup(lookup_name)
