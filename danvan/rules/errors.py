from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language


class RuleError(ValueError):
    """A time limit cannot be computed for the facts given. The message is Vietnamese, then English."""

    def __init__(self, vi: str, en: str) -> None:
        self.vi = vi
        self.en = en
        super().__init__(f"{vi} / {en}")

    @property
    def message(self) -> str:
        """The message for the reader: English when English is the active language, else Vietnamese."""
        return self.en if (get_language() or "").split("-")[0] == "en" else self.vi


class RulePackError(ImproperlyConfigured):
    """A rule pack file is broken; the message names the file and, when it can, the rule."""

    def __init__(self, path: str, message: str, rule: str | None = None) -> None:
        self.path = path
        self.rule = rule
        where = f"{path}, rule {rule!r}" if rule else path
        super().__init__(f"Gói quy tắc lỗi / broken rule pack: {where}: {message}")
