"""Consultation settings: a Django setting of the same name wins, else the environment, else the default.

(They live here rather than in danvan/settings.py so this app's tuning stays in one file; the project
settings may set any of them.)
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def _get(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is not None:
        return str(value)
    return os.environ.get(name, default)


def max_chars() -> int:
    """The longest comment accepted, in characters (a long submission belongs in an attached letter)."""
    return int(_get("DANVAN_CONSULTATION_MAX_CHARS", "10000"))


def rate() -> tuple[int, int]:
    """(comments, seconds) allowed per network address; "0/60" turns the limit off."""
    count, _, seconds = _get("DANVAN_CONSULTATION_RATE", "20/600").partition("/")
    return int(count), max(1, int(seconds or "60"))


def min_seconds_on_page() -> float:
    """A form sent sooner than this after the page was served is held for moderation."""
    return float(_get("DANVAN_CONSULTATION_MIN_SECONDS_ON_PAGE", "3"))


def workers() -> int:
    """Processes the synthesis engine may use (0: one for small drafts, two from 200,000 comments)."""
    return int(_get("DANVAN_CONSULTATION_WORKERS", "0"))


def workdir_root() -> Path:
    return Path(_get("DANVAN_CONSULTATION_WORKDIR", str(Path(settings.VAR_DIR) / "consultation")))
