"""Vietnamese text normalisation for storage, matching and search. No Django here.

- `to_nfc` is what we store: Unicode NFC, whitespace tidied.
- `fold` is what we match on: lower case, no diacritics, đ/Đ as d, punctuation as spaces.
  Folding merges different words ("bỏ", "bộ", "bố" all become "bo"), so it serves matching only;
  anything that decides meaning reads the marked text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from textmining.vietnamese import mirror

# đ/Đ carry a stroke, not a combining mark, so NFD leaves them whole; U+00D0 (Icelandic Eth) is a
# common look-alike typed in place of Đ.
_STROKED = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")


def to_nfc(text: str) -> str:
    """Return `text` in NFC with runs of spaces collapsed and line ends kept."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def fold(text: str) -> str:
    """Fold for matching: 'ĐẤT ĐAI', 'đất đai' and 'dat dai' all give 'dat dai'.

    Every run of characters that is not a letter or digit becomes one space; the result has no
    leading or trailing space. Underscores count as separators.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKED))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.lower().replace("_", " ")).strip()


# --- Boilerplate -------------------------------------------------------------------------------------
# Letters open and close with the same formulas whatever they are about: the national motto, "Kính gửi"
# and its addressees, thanks, the signer's block, the place and date. Two copies of one petition often
# differ only there, so matching reads the letter without them. The patterns run on an unmarked, lower-
# case mirror of the text (one character per character), so they also catch letters typed without marks
# and text that was already folded.

_W = r"[^\W_]+"  # one syllable
_SEP = r"[\s,.:;\-–—]*"
# One syllable and what ends it. A separator of at least one character (or the end) keeps the regex
# from splitting a syllable into pieces, which backtracks exponentially on long one-line texts.
_WORD = r"[^\W_]+(?:[\s,.:;\-–—]+|$)"
_HEADER_LINE = re.compile(
    r"(?:cong hoa xa hoi chu nghia viet nam|doc lap\W+tu do\W+hanh phuc|[-_=*~.o0 ]{3,}"
    r"|cong hoa xa hoi chu nghia viet nam\W+doc lap\W+tu do\W+hanh phuc)\W*"
)
_RECIPIENT_LINE = re.compile(r"(?:[-+•*]|dong kinh gui\b)")
_SIGNATURE_LINE = re.compile(
    r"\W*(?:(?:nguoi|dai dien) (?:lam|viet|gui|dung) don|nguoi (?:khieu nai|to cao|kien nghi|phan anh|de nghi)"
    r"|dai dien (?:cac|nhung) ho dan|ky ten|da ky|ky,? (?:va )?ghi ro ho (?:va )?ten|ky va ghi ro ho ten"
    r"|xac nhan cua [\w ]{0,40})\W*"
)
_DATE = r"ngay\W{0,3}[\d.…_ ]{1,12}\W{0,3}thang\W{0,3}[\d.…_ ]{1,12}\W{0,3}nam\W{0,3}[\d.…_ ]{2,12}"
_DATE_LINE = re.compile(rf"[^\d\n]{{0,40}}?{_DATE}\W*")
_CLOSING = re.compile(
    r"(?:(?:xin|toi xin|chung toi xin|kinh)\s+)?(?:chan thanh|tran trong|tran thanh)?\s*cam on\b[^.!\n]*[.!]*"
    r"|\b(?:toi|chung toi) xin cam doan\b[^.!\n]*[.!]*"
    r"|\btran trong(?:\s+kinh chao)?\s*[.!]*\s*$"
    r"|\((?:[^()\n]{0,20}\b(?:ky|ghi ro ho ten|diem chi)\b[^()\n]{0,20})\)",
    re.MULTILINE,
)
_HEADER_PHRASE = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\W+tu do\W+hanh phuc")
# In one-line (folded) text "Kính gửi" has no line end: the addressee runs to the first words that
# start a petition's body.
_GREETING_PHRASE = re.compile(
    rf"\bkinh (?:gui|thua)\b{_SEP}(?:(?:{_WORD}){{0,25}}?(?=(?:toi|chung toi|ten toi|ho va ten|ho ten|gia dinh toi)\b)|(?:{_WORD}){{0,1}})"
)
_SIGNATURE_TAIL = re.compile(
    rf"\b(?:nguoi (?:lam|viet|gui) don|nguoi (?:khieu nai|to cao|kien nghi|phan anh)|ky ten|da ky)\b{_SEP}(?:{_WORD}){{0,8}}$"
)
_DATE_PHRASE = re.compile(rf"(?:\b{_W}(?: {_W}){{0,2}},? )?{_DATE}")


# Lower case and unmarked, one character for one character, so spans map back onto the text.
_mirror = mirror


def strip_boilerplate(text: str) -> str:
    """Return `text` without the letter's formulas, for matching only (never store the result).

    Removes the national motto and decorations, "Kính gửi" / "Đồng kính gửi" with their addressees,
    "Kính thưa ...,", thanks ("Xin chân thành cảm ơn"), "Tôi xin cam đoan ..." sentences, the signer's
    block ("Người làm đơn", "Ký tên", "(đã ký)", "(Ký, ghi rõ họ tên)" and the short lines below them),
    and the place-and-date line ("Hà Nội, ngày 5 tháng 3 năm 2026"). Works on marked, unmarked and
    folded text; the result is NFC with tidy spaces and no empty lines.
    """
    text = to_nfc(text)
    body = "\n".join(_strip_lines(text.split("\n")))
    body = _cut(body, lambda mirror: [
        *(m.span() for pattern in (_CLOSING, _HEADER_PHRASE, _DECORATION, _SIGNATURE_TAIL) for m in pattern.finditer(mirror)),
        *(m.span() for m in [_GREETING_PHRASE.search(mirror)] if m and m.start() < 300),
    ])
    if "\n" not in body:
        # One line (folded text): a date among the first or last words is the letter's dateline; one
        # in the body is content. Multi-line letters lost their dateline line above.
        body = _cut(body, _dateline_spans)
    return "\n".join(line for line in body.split("\n") if line.strip(" ,.;:-"))


_DECORATION = re.compile(r"(?<!\w)[-_=*~. ]*\bo[0o]o\b[-_=*~. ]*(?!\w)")


def _dateline_spans(mirror: str) -> list[tuple[int, int]]:
    words = [m.start() for m in re.finditer(r"\S+", mirror)]
    if not words:
        return []
    head_end, tail_start = words[min(8, len(words) - 1)], words[max(0, len(words) - 12)]
    return [m.span() for m in _DATE_PHRASE.finditer(mirror) if m.start() <= head_end or m.start() >= tail_start]


def _cut(body: str, find: Callable[[str], list[tuple[int, int]]]) -> str:
    kept, last = [], 0
    for start, end in sorted(find(_mirror(body))):
        if start > last:
            kept.append(body[last:start])
        last = max(last, end)
    kept.append(body[last:])
    return to_nfc(" ".join(part.strip(" ") for part in kept))


def _strip_lines(lines: list[str]) -> list[str]:
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        key = _mirror(line).strip()
        i += 1
        if not key:
            continue
        if _HEADER_LINE.fullmatch(key) or _DATE_LINE.fullmatch(key):
            continue
        # An addressee line is short; a long line that opens with "Kính gửi" is a one-line letter whose
        # greeting the phrase patterns cut out below.
        if re.match(r"(?:dong )?kinh gui\b", key) and len(key.split()) <= 20:
            while i < len(lines) and _RECIPIENT_LINE.match(_mirror(lines[i]).strip()):
                i += 1
            continue
        if key.startswith("kinh thua"):
            cut = re.search(r"[,:]", key[:80])
            if cut:
                line = line[cut.end() :]
            elif len(key.split()) <= 12:
                continue
        if _SIGNATURE_LINE.fullmatch(key):
            # The signer's name and title follow on short lines.
            while i < len(lines) and len(lines[i].split()) <= 6 and not re.search(r"[.!?;]\s*\S", lines[i]):
                i += 1
            continue
        kept.append(line)
    return kept
