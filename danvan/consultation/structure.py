"""Reading the structure of a Vietnamese draft legal text, and matching it across versions. No Django here.

    nodes, warnings = parse_structure(text)

A warning is a dict of facts, {"code": ..., and the code's values}, stored with the version as it is, and
worded in the reader's language where it is shown (consultation.selectors.warning_text):
    section_outside_chapter  line              a "Mục" line before any chapter
    article_gap              number, after     an article numbered out of sequence
    clause_gap               number, article   a clause numbered out of sequence
    point_order              letter, clause, expected   a point lettered out of order
    point_letter             letter, clause    f, j, w or z used as a point's letter

A legal text is "Chương I" (chapter, Roman numerals, title on the same line or the next), "Mục 1"
(section), "Điều 5. Title" (article, numbered through the whole text), clauses "1.", "2." inside an
article, and points "a)" "b)" ... inside a clause, lettered in the Vietnamese alphabet: a b c d đ e g h i
k l m n o p q r s t u v x y — no f, j, w or z, and đ after d. A line that starts none of these continues
the text of the node above it.

`match_versions(old, new)` pairs the provisions of two versions by what they say, not by their number,
so an article renumbered by an inserted article keeps its comments.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from textmining.normalize import to_nfc
from textmining.similarity import prepare, prepared_similarity

POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
KINDS = ("chapter", "section", "article", "clause", "point")
_LEVEL = {"chapter": 0, "section": 1, "article": 2, "clause": 3, "point": 4}

_CHAPTER = re.compile(r"^Chương\s+([IVXLCDM]+)\b\s*[.:\-–]?\s*(.*)$")
_SECTION = re.compile(r"^Mục\s+(\d+)\b\s*[.:\-–]?\s*(.*)$")
_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*[.:]\s*(.*)$")
_CLAUSE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_POINT = re.compile(r"^([a-zđ])\)\s*(\S.*)$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(numeral: str) -> int:
    """"XIV" -> 14; 0 for an empty string."""
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(numeral) and _ROMAN[numeral[i + 1]] > value else value
    return total


@dataclass
class Node:
    """One provision: its kind, number as printed ("IV", "5", "1", "đ"), title (chapters, sections,
    articles), text, and its children in order."""

    kind: str
    number: str
    title: str = ""
    text: str = ""
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        """How a citation names it: "Chương IV", "Mục 2", "Điều 5", "khoản 1 Điều 5", "điểm đ khoản 1 Điều 5"."""
        if self.kind == "chapter":
            return f"Chương {self.number}"
        if self.kind == "section":
            return f"Mục {self.number}"
        if self.kind == "article":
            return f"Điều {self.number}"
        parent = self.parent.label if self.parent is not None else ""
        word = "khoản" if self.kind == "clause" else "điểm"
        return f"{word} {self.number} {parent}".strip()

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def article(self) -> Node | None:
        node: Node | None = self
        while node is not None and node.kind != "article":
            node = node.parent
        return node

    def full_text(self) -> str:
        """Its own text and its descendants', as the reader sees them (used to match versions)."""
        head = f"{self.title}\n{self.text}".strip()
        return "\n".join([head, *(c.full_text() for c in self.children)]).strip()


def _clean_lines(text: str) -> list[str]:
    text = to_nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]


def parse_structure(text: str) -> tuple[list[Node], list[dict[str, str]]]:
    """The tree of `text` (top-level nodes: chapters, or articles when the text has no chapters) and
    the warnings a drafter should see (numbering gaps, letters that Vietnamese points do not use).

    Text before the first chapter or article (the preamble: "Căn cứ ...") is not a provision and is
    left out. Never raises: an unexpected line joins the text of the node above it.
    """
    roots: list[Node] = []
    warnings: list[dict[str, str]] = []
    stack: list[Node] = []  # the open nodes, outermost first
    last_article = 0
    last_clause: dict[int, int] = {}
    pending_title: Node | None = None  # a chapter or section whose title is on the next line

    def attach(node: Node) -> None:
        while stack and _LEVEL[stack[-1].kind] >= _LEVEL[node.kind]:
            stack.pop()
        if stack:
            node.parent = stack[-1]
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)

    for line in _clean_lines(text):
        if not line:
            continue
        if pending_title is not None and not (_ARTICLE.match(line) or _CHAPTER.match(line) or _SECTION.match(line)):
            pending_title.title, pending_title = line, None
            continue
        pending_title = None
        if m := _CHAPTER.match(line):
            node = Node("chapter", m.group(1), m.group(2))
            stack.clear()
            attach(node)
            pending_title = None if node.title else node
            continue
        if m := _SECTION.match(line):
            if not any(n.kind == "chapter" for n in stack):
                warnings.append({"code": "section_outside_chapter", "line": line[:40]})
            node = Node("section", m.group(1), m.group(2))
            while stack and stack[-1].kind != "chapter":
                stack.pop()
            attach(node)
            pending_title = None if node.title else node
            continue
        if m := _ARTICLE.match(line):
            number = int(m.group(1))
            if number != last_article + 1:
                warnings.append({"code": "article_gap", "number": str(number), "after": str(last_article)})
            last_article = number
            while stack and stack[-1].kind not in ("chapter", "section"):
                stack.pop()
            attach(Node("article", str(number), m.group(2)))
            continue
        current_article = next((n for n in reversed(stack) if n.kind == "article"), None)
        if current_article is not None and (m := _CLAUSE.match(line)):
            number = int(m.group(1))
            key = id(current_article)
            if number != last_clause.get(key, 0) + 1:
                warnings.append({"code": "clause_gap", "number": str(number), "article": current_article.label})
            last_clause[key] = number
            while stack[-1] is not current_article:
                stack.pop()
            attach(Node("clause", str(number), text=m.group(2)))
            continue
        current_clause = next((n for n in reversed(stack) if n.kind == "clause"), None)
        if current_clause is not None and (m := _POINT.match(line)):
            letter = m.group(1)
            if letter in POINT_LETTERS:
                expected = POINT_LETTERS[len(current_clause.children)] if len(current_clause.children) < len(
                    POINT_LETTERS) else ""
                if letter != expected:
                    warnings.append({"code": "point_order", "letter": letter, "clause": current_clause.label,
                                     "expected": expected})
                while stack[-1] is not current_clause:
                    stack.pop()
                attach(Node("point", letter, text=m.group(2)))
                continue
            # f, j, w, z never letter a point: keep the line as text, and tell the drafter.
            warnings.append({"code": "point_letter", "letter": letter, "clause": current_clause.label})
        if stack:
            target = stack[-1]
            target.text = f"{target.text}\n{line}" if target.text else line
    return roots, warnings


def flatten(roots: Sequence[Node]) -> list[Node]:
    out: list[Node] = []
    for root in roots:
        out.extend(root.walk())
    return out


@dataclass(frozen=True)
class Candidate:
    """A provision of a version as `match_versions` sees it: a key, its kind, its parent's key and text."""

    key: int
    kind: str
    parent: int | None
    text: str


def _pairs(old: Sequence[Candidate], new: Sequence[Candidate], threshold: float) -> dict[int, int]:
    """Greedy one-to-one pairing by similarity, best pairs first."""
    prepared_old = [(c, prepare(c.text)) for c in old]
    scored: list[tuple[float, int, int]] = []
    for n in new:
        pn = prepare(n.text)
        for o, po in prepared_old:
            score = prepared_similarity(pn, po, score_cutoff=threshold)
            if score >= threshold and score > 0:
                scored.append((score, n.key, o.key))
    scored.sort(key=lambda s: -s[0])
    used_new: set[int] = set()
    used_old: set[int] = set()
    out: dict[int, int] = {}
    for _score, nk, ok in scored:
        if nk in used_new or ok in used_old:
            continue
        out[nk] = ok
        used_new.add(nk)
        used_old.add(ok)
    return out


def match_versions(old: Sequence[Candidate], new: Sequence[Candidate], *, threshold: float = 0.6) -> dict[int, int]:
    """new key -> old key for the provisions of `new` that say what a provision of `old` said.

    Articles are paired across the whole text by similarity of their title and text (so renumbering
    does not matter); chapters and sections by their titles; clauses and points only inside a paired
    parent, by similarity (a clause whose text changed beyond the threshold becomes a new clause; its
    comments stay with its article). Unpaired provisions are new (or removed).
    """
    out: dict[int, int] = {}
    for kind in ("chapter", "section", "article"):
        out.update(_pairs([c for c in old if c.kind == kind], [c for c in new if c.kind == kind], threshold))
    for kind in ("clause", "point"):
        by_parent_old: dict[int | None, list[Candidate]] = {}
        for c in old:
            if c.kind == kind:
                by_parent_old.setdefault(c.parent, []).append(c)
        by_parent_new: dict[int | None, list[Candidate]] = {}
        for c in new:
            if c.kind == kind:
                by_parent_new.setdefault(c.parent, []).append(c)
        for parent, children in by_parent_new.items():
            old_parent = out.get(parent) if parent is not None else None
            if old_parent is None:
                continue
            out.update(_pairs(by_parent_old.get(old_parent, []), children, threshold))
    return out
