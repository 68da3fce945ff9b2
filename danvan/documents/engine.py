"""Document templates: a restricted Django template engine and the small paragraph markup of a body.

Templates are administrator-edited text. They run on an engine whose only tags and filters are those of
`danvan.documents.template_library` (no {% load %}, {% include %}, {% extends %}, {% debug %}), with
autoescape off because the output is plain text that python-docx writes as text, never as markup.

Context values are plain data (str, numbers, dates, lists and dicts of them): a model instance would let a
template walk relations (`petition.petitioners...`) and print what the document should not. Text from the
context cannot change the layout: the markup characters in it are kept as text.

Body markup, one paragraph per block of lines separated by a blank line:
    "# text"  centred, bold (the authority line, "QUYẾT ĐỊNH:")
    "> text"  italic (the legal bases, "Căn cứ ...;")
    "^ text"  centred ("Kính gửi: ...")
    "= text"  no first-line indent
    **bold** and *italic* inside a paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.template import Context, Engine, Template, TemplateSyntaxError

_MISSING_OPEN, _MISSING_CLOSE = "\ue010", "\ue011"
# Markup characters in context values are swapped for private-use stand-ins while the markup is read.
_ESCAPES = {"*": "\ue001", "#": "\ue002", ">": "\ue003", "^": "\ue004", "=": "\ue005"}
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
_PRIVATE = re.compile("[\ue000-\ue0ff]")


class TemplateRejected(ValueError):
    """The template text does not compile on the restricted engine."""


class MissingValues(ValueError):
    """The template names values the context does not give; a document is never issued with blanks."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        super().__init__("thiếu giá trị: " + ", ".join(names))


class _RestrictedEngine(Engine):
    default_builtins: ClassVar[list[str]] = []


_engine = _RestrictedEngine(
    builtins=["danvan.documents.template_library"],
    libraries={},
    loaders=[],
    autoescape=False,
    string_if_invalid=f"{_MISSING_OPEN}%s{_MISSING_CLOSE}",
)


def compile_text(source: str) -> Template:
    """Compile template text on the restricted engine; raise TemplateRejected with the engine's message."""
    try:
        return Template(source, engine=_engine)
    except TemplateSyntaxError as exc:
        raise TemplateRejected(str(exc)) from exc


_PLAIN = (str, int, float, bool, Decimal, dt.date, dt.datetime, type(None))


def _plain(value: Any, path: str) -> Any:
    if isinstance(value, str):
        text = _PRIVATE.sub("", value)
        return "".join(_ESCAPES.get(ch, ch) for ch in text)
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, f"{path}[{i}]") for i, v in enumerate(value)]
    raise TypeError(f"context value {path} is a {type(value).__name__}; give plain data (str, number, date, list, dict)")


_MISSING = re.compile(f"{_MISSING_OPEN}(.*?){_MISSING_CLOSE}")


def render_text(source: str, context: dict[str, Any], *, preview: bool = False) -> str:
    """Render template text with plain-data context; markup characters from the context come back escaped.

    Raises TemplateRejected (bad template), MissingValues (a {{ name }} the context lacks) or TypeError
    (a context value that is not plain data). With `preview`, a missing value prints as "[name]" instead,
    so an administrator sees which values a template needs.
    """
    template = compile_text(source)
    clean = {str(k): _plain(v, str(k)) for k, v in context.items()}
    out = template.render(Context(clean, autoescape=False))
    if preview:
        return _MISSING.sub(lambda m: f"[{m.group(1)}]", out)
    missing = _MISSING.findall(out)
    if missing:
        raise MissingValues(sorted(set(missing)))
    return out


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """One paragraph of the body."""

    runs: list[Run] = field(default_factory=list)
    align: str = "justify"  # justify | center
    bold: bool = False
    italic: bool = False
    indent: bool = True

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def _unescape(text: str) -> str:
    return "".join(_UNESCAPES.get(ch, ch) for ch in text)


_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


def _runs(text: str) -> list[Run]:
    runs: list[Run] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            runs.append(Run(_unescape(text[pos:m.start()])))
        if m.group(1) is not None:
            runs.append(Run(_unescape(m.group(1)), bold=True))
        else:
            runs.append(Run(_unescape(m.group(2)), italic=True))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(_unescape(text[pos:])))
    return runs


def parse_blocks(rendered: str) -> list[Block]:
    """Split rendered body text into paragraphs (blank-line separated) and read their markup."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", rendered.replace("\r\n", "\n")):
        text = " ".join(line.strip() for line in chunk.split("\n") if line.strip())
        if not text:
            continue
        marker, rest = text[:2], text[2:].strip()
        if marker == "# ":
            blocks.append(Block(_runs(rest), align="center", bold=True, indent=False))
        elif marker == "> ":
            blocks.append(Block(_runs(rest), italic=True))
        elif marker == "^ ":
            blocks.append(Block(_runs(rest), align="center", indent=False))
        elif marker == "= ":
            blocks.append(Block(_runs(rest), indent=False))
        else:
            blocks.append(Block(_runs(text)))
    return blocks


def plain_lines(rendered: str) -> list[str]:
    """Non-empty lines of a rendered one-line-per-item text (the summary, the recipients), unescaped."""
    return [_unescape(line.strip()) for line in rendered.replace("\r\n", "\n").split("\n") if line.strip()]
