"""Error bodies the JSON API sends: one message per field, in the request's language (Vietnamese first).

Pydantic speaks English and names its errors by type; citizens and the desk's integrators read
Vietnamese, so every type a client can trigger gets a message here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _

# Where a value came from is not part of its field's name.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "payload", "filters"}


def _message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("Trường này là bắt buộc.")
    if kind == "extra_forbidden":
        return _("Trường này không được hỗ trợ.")
    if kind in ("string_type", "string_sub_type"):
        return _("Phải là một chuỗi ký tự.")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _("Phải là một số nguyên.")
    if kind in ("bool_type", "bool_parsing"):
        return _("Phải là true hoặc false.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Ngày không hợp lệ; dùng định dạng YYYY-MM-DD và một ngày có thật.")
    if kind == "string_too_long":
        return _("Dài quá %(n)s ký tự.") % {"n": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("Cần ít nhất %(n)s ký tự.") % {"n": ctx.get("min_length")}
    if kind in ("greater_than_equal", "greater_than"):
        return _("Giá trị phải từ %(n)s trở lên.") % {"n": ctx.get("ge", ctx.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Giá trị không được vượt quá %(n)s.") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind in ("enum", "literal_error"):
        return _("Giá trị không hợp lệ; chọn một trong: %(values)s.") % {"values": ctx.get("expected", "")}
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("Nội dung gửi lên phải là một đối tượng JSON.")
    if kind == "value_error":
        return str(ctx.get("error", _("Giá trị không hợp lệ.")))
    return _("Giá trị không hợp lệ.")


def _field(loc: Any) -> str:
    parts = [str(p) for p in loc if not (isinstance(p, str) and p in _SOURCES)]
    return ".".join(parts) or "__all__"


def from_pydantic(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """{field: [messages]} from pydantic (or ninja) error dicts."""
    out: dict[str, list[str]] = {}
    for error in errors:
        out.setdefault(_field(error.get("loc", ())), []).append(_message(error))
    return out


def from_django(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {"__all__": list(error.messages)}


def body(errors: dict[str, list[str]], detail: str | None = None) -> dict[str, Any]:
    return {"detail": detail or _("Dữ liệu gửi lên chưa hợp lệ."), "errors": errors}
