from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured


class RuleError(ValueError):
    """A time limit cannot be computed for the facts given. The message is Vietnamese, then English."""

    def __init__(self, vi: str, en: str) -> None:
        self.vi = vi
        self.en = en
        super().__init__(f"{vi} / {en}")


class RulePackError(ImproperlyConfigured):
    """A rule pack file is broken; the message names the file and, when it can, the rule."""

    def __init__(self, path: str, message: str, rule: str | None = None) -> None:
        self.path = path
        self.rule = rule
        where = f"{path}, rule {rule!r}" if rule else path
        super().__init__(f"Gói quy tắc lỗi / broken rule pack: {where}: {message}")
