"""Vietnamese text normalisation for storage, matching and search. No Django here.

- `to_nfc` is what we store: Unicode NFC, whitespace tidied.
- `fold` is what we match on: lower case, no diacritics, đ/Đ as d, punctuation as spaces.
  Folding merges different words ("bỏ", "bộ", "bố" all become "bo"), so it serves matching only;
  anything that decides meaning reads the marked text.
"""

from __future__ import annotations

import re
import unicodedata

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
