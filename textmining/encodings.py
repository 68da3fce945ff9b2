"""Detect and repair Vietnamese text that arrived in a legacy encoding. No Django here.

Petitions still come in as old Word files and e-mails typed with the TCVN3 (ABC) or VNI fonts, as VIQR
(the ASCII convention of RFC 1456: "Vie^.t Nam"), and as decomposed Unicode from some editors. Read as
Latin-1/cp1252 they look like "ViÖt Nam" (TCVN3) or "Vieät Nam" (VNI).

`repair` converts only when it is confident: the text must be full of "words" that are not Vietnamese
syllables, and the conversion must turn them into real syllables. Correct Unicode never changes: any
letter that only Unicode has (ạ, ơ, đ, ...) proves the text is Unicode already.

The tables map all 134 Vietnamese letters that are not plain ASCII. TCVN3 (ABC) carries upper case only
for Ă Â Ê Ô Ơ Ư Đ; its capitals with tones came from a second font (.VnTimeH) that reuses the lower-case
codes, so `repair` restores capitals from the surrounding upper-case letters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from textmining.vietnamese import (
    LOWER_MARKED,
    UNICODE_ONLY_LETTERS,
    VIETNAMESE_LETTERS,
    has_marks,
    is_valid_syllable,
    split_tone,
)

DETECTED = ("unicode", "nfd", "tcvn3", "vni", "viqr")


@dataclass(frozen=True, slots=True)
class Repaired:
    """The repaired text (NFC) and what it was found to be.

    `detected` is one of "unicode", "nfd", "tcvn3", "vni", "viqr"; `repair_bytes` may also say
    "cp1258" (Windows Vietnamese, tones as combining marks).
    """

    text: str
    detected: str


# LOWER_MARKED's order: for each of a ă â e ê i o ô ơ u ư y the plain letter (where it is not ASCII) then
# huyền, sắc, hỏi, ngã, nặng; then đ.
_TCVN3_LOWER = (
    "µ¸¶·¹"  # à á ả ã ạ
    "¨»¾¼½Æ"  # ă ằ ắ ẳ ẵ ặ
    "©ÇÊÈÉË"  # â ầ ấ ẩ ẫ ậ
    "ÌÐÎÏÑ"  # è é ẻ ẽ ẹ
    "ªÒÕÓÔÖ"  # ê ề ế ể ễ ệ
    "×ÝØÜÞ"  # ì í ỉ ĩ ị
    "ßãáâä"  # ò ó ỏ õ ọ
    "«åèæçé"  # ô ồ ố ổ ỗ ộ
    "¬êíëìî"  # ơ ờ ớ ở ỡ ợ
    "ïóñòô"  # ù ú ủ ũ ụ
    "\xadõøö÷ù"  # ư ừ ứ ử ữ ự  (ư is the soft hyphen's code point)
    "úýûüþ"  # ỳ ý ỷ ỹ ỵ
    "®"  # đ
)
_TCVN3_UPPER_BASES = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}

_VNI_ROWS = (
    "aø aù aû aõ aï "
    "aê aè aé aú aü aë "
    "aâ aà aá aå aã aä "
    "eø eù eû eõ eï "
    "eâ eà eá eå eã eä "
    "ì í æ ó ò "
    "oø où oû oõ oï "
    "oâ oà oá oå oã oä "
    "ô ôø ôù ôû ôõ ôï "
    "uø uù uû uõ uï "
    "ö öø öù öû öõ öï "
    "yø yù yû yõ î "
    "ñ"
)
_VNI_LOWER = [code for code in _VNI_ROWS.split(" ") if code]

assert len(_TCVN3_LOWER) == len(LOWER_MARKED) == len(_VNI_LOWER) == 67

# Unicode letter -> legacy form.
TCVN3_ENCODE: dict[str, str] = dict(zip(LOWER_MARKED, _TCVN3_LOWER, strict=True))
VNI_ENCODE: dict[str, str] = dict(zip(LOWER_MARKED, _VNI_LOWER, strict=True))
for _lower, _vni in zip(LOWER_MARKED, _VNI_LOWER, strict=True):
    VNI_ENCODE[_lower.upper()] = _vni.upper()

_TCVN3_DECODE: dict[str, str] = {code: letter for letter, code in TCVN3_ENCODE.items()}
_TCVN3_DECODE.update({code: letter for letter, code in _TCVN3_UPPER_BASES.items()})
_TCVN3_TRANS = str.maketrans(_TCVN3_DECODE)

# VNI writes most letters as a base letter plus a modifier byte. Typists mixed the modifier's case
# (caps lock), so both cases decode, the base letter deciding the result's case.
_VNI_DECODE: dict[str, str] = {}
for _letter, _code in VNI_ENCODE.items():
    if len(_code) == 2:
        base, mod = _code[0], _code[1]
        for variant in {mod.lower(), mod.upper()}:
            _VNI_DECODE.setdefault(base + variant, _letter)
    elif _code != _letter:
        _VNI_DECODE[_code] = _letter
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True)))


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 (ABC) as Latin-1 text. Capitals with tones take the lower-case code, as the
    .VnTimeH capitals font did."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in TCVN3_ENCODE:
            out.append(TCVN3_ENCODE[ch])
        elif ch in _TCVN3_UPPER_BASES:
            out.append(_TCVN3_UPPER_BASES[ch])
        elif ch.lower() in TCVN3_ENCODE:
            out.append(TCVN3_ENCODE[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def encode_vni(text: str) -> str:
    """Unicode -> VNI Windows as cp1252 text."""
    return "".join(VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def decode_tcvn3(text: str) -> str:
    """TCVN3 text read as Latin-1 -> Unicode, capitals restored in upper-case words and lines."""
    decoded = text.translate(_TCVN3_TRANS)
    return "\n".join(_restore_capitals(line) for line in decoded.split("\n"))


def _restore_capitals(line: str) -> str:
    ascii_letters = [ch for ch in line if ch.isascii() and ch.isalpha()]
    upper_line = len(ascii_letters) >= 3 and sum(ch.isupper() for ch in ascii_letters) >= 0.9 * len(ascii_letters)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        letters = [ch for ch in word if ch.isascii() and ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters) and (upper_line or len(letters) >= 2):
            return word.upper()
        if word[0] in _TCVN3_LOST_CASE and _SENTENCE_START.search(line, 0, match.start()) is not None:
            return word[0].upper() + word[1:]
        return word

    return _WORD.sub(fix, line)


# Letters whose capital TCVN3 cannot write in one font: at a sentence's start they were capitals.
_TCVN3_LOST_CASE = frozenset(LOWER_MARKED) - {"ă", "â", "ê", "ô", "ơ", "ư", "đ"}
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)\W*$")


def decode_vni(text: str) -> str:
    """VNI text read as cp1252 -> Unicode."""
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group(0)], text)


# VIQR (RFC 1456): vowel, then ( ^ + for the vowel's quality (* also seen for the horn), then the tone
# ' ` ? ~ . ; dd for đ; a backslash makes the next character literal.
_VIQR_QUALITY = {
    ("a", "("): "ă", ("a", "^"): "â", ("e", "^"): "ê", ("o", "^"): "ô",
    ("o", "+"): "ơ", ("u", "+"): "ư", ("o", "*"): "ơ", ("u", "*"): "ư",
}
_VIQR_TONE = {"`": "\u0300", "'": "\u0301", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_VIQR_TONE_OUT = {v: k for k, v in _VIQR_TONE.items()}
_VIQR_QUALITY_OUT = {"ă": "a(", "â": "a^", "ê": "e^", "ô": "o^", "ơ": "o+", "ư": "u+"}
_VIQR_MARKS = frozenset("(^+*`'?~.")


def encode_viqr(text: str) -> str:
    """Unicode -> VIQR, escaping with a backslash any literal mark that could be misread."""
    out: list[str] = []
    prev_vowelish = False
    text = unicodedata.normalize("NFC", text)
    for i, ch in enumerate(text):
        lower = ch.lower()
        if lower == "đ":
            out.append("DD" if ch.isupper() else "dd")
            prev_vowelish = False
            continue
        if ch in "dD" and i + 1 < len(text) and text[i + 1] in "dD" and _viqr_d_stroke(out, ch + text[i + 1]):
            out.append(ch + "\\")  # "dd" typed literally
            prev_vowelish = False
            continue
        base, tone = split_tone(lower)
        if base in _VIQR_QUALITY_OUT or (base in "aeiouy" and len(base) == 1):
            spelled = _VIQR_QUALITY_OUT.get(base, base) + (_VIQR_TONE_OUT[tone] if tone else "")
            out.append(spelled[0].upper() + spelled[1:] if ch.isupper() else spelled)
            prev_vowelish = True
            continue
        if ch in _VIQR_MARKS and prev_vowelish:
            out.append("\\" + ch)
            continue
        out.append(ch)
        prev_vowelish = False
    return "".join(out)


def decode_viqr(text: str) -> str:
    """VIQR -> Unicode. A '.' or '?' that ends a sentence (before a line end, the end of the text, or a
    capital) is read as punctuation, since writers seldom escaped it."""
    out: list[str] = []
    i = 0
    n = len(text)
    toned = False  # the current word already carries a tone
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and (text[i + 1] in _VIQR_MARKS or text[i + 1] in "dD\\"):
            out.append(text[i + 1])
            i += 2
            continue
        if ch in "dD" and i + 1 < n and text[i + 1] in "dD" and _viqr_d_stroke(out, text[i : i + 2]):
            out.append("Đ" if ch == "D" else "đ")
            i += 2
            continue
        if ch.lower() in "aeiouy":
            letter = ch.lower()
            i += 1
            if i < n and (letter, text[i]) in _VIQR_QUALITY:
                letter = _VIQR_QUALITY[(letter, text[i])]
                i += 1
            if i < n and text[i] in _VIQR_TONE and not toned and not _viqr_punctuation(text, i, _word_start(out, ch)):
                letter = unicodedata.normalize("NFC", letter + _VIQR_TONE[text[i]])
                toned = True
                i += 1
            out.append(letter.upper() if ch.isupper() else letter)
            continue
        if not ch.isalpha():
            toned = False
        out.append(ch)
        i += 1
    return "".join(out)


def _viqr_d_stroke(out: list[str], pair: str) -> bool:
    # Vietnamese đ only starts a syllable; inside a word only capitals count ("QDD-UBND" is QĐ-UBND),
    # so English "address" keeps its letters.
    if not out or not out[-1].isalpha():
        return True
    return pair == "DD" and out[-1].isupper()


def _word_start(out: list[str], current: str) -> str:
    start = current
    for ch in reversed(out):
        if not ch.isalpha():
            break
        start = ch
    return start


def _viqr_punctuation(text: str, i: int, word_start: str) -> bool:
    mark = text[i]
    rest = text[i + 1 :]
    if rest[:1].isalpha():
        return False
    if mark in "'`":
        return False
    if mark == "~":
        return False
    # '.' or '?' ending a word: a tone unless it ends a sentence. A '?' is the common hỏi tone, so only
    # a line end makes it a question mark ("vu.," is vụ followed by a comma); a '.' before a capital
    # ends a sentence,
    # except inside a name, where capitalised words follow each other ("Thi. Lan" is Thị Lan).
    stripped = rest.lstrip(" \t")
    if not stripped or stripped[0] in "\r\n":
        return True
    return mark == "." and rest[:1] in " \t" and stripped[0].isupper() and not word_start.isupper()


# Word-like runs for judging a text: broken at white space and ASCII punctuation only, because the
# legacy codes for Vietnamese letters are Latin-1 symbols (·, µ, ¸, ¨, ®, ...) that must stay inside
# the word they spoil.
_WORD = re.compile(r"[^\s!-/:-@\[-`{-~0-9“”‘’…–—•]+")


@dataclass(frozen=True, slots=True)
class _Stats:
    valid: int  # words with diacritics that are Vietnamese syllables
    bad: int  # words with non-ASCII characters that are not

    @property
    def score(self) -> int:
        return self.valid - 3 * self.bad


def _stats(text: str) -> _Stats:
    valid = bad = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if has_marks(word) and is_valid_syllable(word):
            valid += 1
        elif not all(ch in VIETNAMESE_LETTERS for ch in word) or not is_valid_syllable(word):
            bad += 1
    return _Stats(valid, bad)


def _confident(original: _Stats, candidate: _Stats) -> bool:
    return (
        original.bad >= 2
        and candidate.valid >= original.valid + 2
        and candidate.bad * 5 <= original.bad
        and candidate.bad * 5 <= candidate.valid
    )


_DECODERS: dict[str, Callable[[str], str]] = {"tcvn3": decode_tcvn3, "vni": decode_vni}
# The Latin-1 letters each encoding writes with. A letter outside this set ("à" is no TCVN3 code, "ß"
# no VNI code) shows the text was not written in that encoding.
_ALPHABETS: dict[str, frozenset[str]] = {
    "tcvn3": frozenset("".join(TCVN3_ENCODE.values()) + "".join(_TCVN3_UPPER_BASES.values())),
    "vni": frozenset("".join(VNI_ENCODE.values())),
}


def _foreign_letters(text: str, alphabet: frozenset[str]) -> bool:
    return any(0x7F < ord(ch) <= 0xFF and ch not in alphabet and ch.isalpha() for ch in text)


def _best_legacy(text: str) -> tuple[str, str] | None:
    original = _stats(text)
    best: tuple[int, str, str] | None = None
    for name, decoder in _DECODERS.items():
        if _foreign_letters(text, _ALPHABETS[name]):
            continue
        candidate_text = decoder(text)
        if candidate_text == text:
            continue
        candidate = _stats(candidate_text)
        if _confident(original, candidate) and (best is None or candidate.score > best[0]):
            best = (candidate.score, name, candidate_text)
    return (best[1], best[2]) if best else None


def _viqr_confident(text: str, decoded: str) -> bool:
    if decoded == text:
        return False
    stats = _stats(decoded)
    words = sum(1 for w in _WORD.findall(decoded) if any(ch.isalpha() for ch in w))
    return stats.valid >= 2 and stats.bad * 10 <= stats.valid and stats.valid * 4 >= words


def repair(text: str) -> Repaired:
    """Return `text` as NFC Unicode and the encoding it was found in.

    - "unicode": already correct (returned unchanged, not even NFC-normalised or trimmed);
    - "nfd": decomposed Unicode, returned in NFC;
    - "tcvn3", "vni": Latin-1/cp1252 mojibake of those fonts, converted;
    - "viqr": ASCII with VIQR marks, converted.
    Anything unsure is left as it is and reported as "unicode".
    """
    if not text:
        return Repaired(text, "unicode")
    if not unicodedata.is_normalized("NFC", text) and any(unicodedata.combining(ch) for ch in text):
        return Repaired(unicodedata.normalize("NFC", text), "nfd")
    if any(ch in UNICODE_ONLY_LETTERS for ch in text):
        return Repaired(text, "unicode")
    if text.isascii():
        decoded = decode_viqr(text)
        if _viqr_confident(text, decoded):
            return Repaired(decoded, "viqr")
        return Repaired(text, "unicode")
    legacy = _best_legacy(text)
    if legacy is not None:
        return Repaired(unicodedata.normalize("NFC", legacy[1]), legacy[0])
    return Repaired(text, "unicode")


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def repair_bytes(data: bytes) -> Repaired:
    """Decode an uploaded file and repair its text.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32). Otherwise valid UTF-8 is taken as UTF-8 (and its
    text then goes through `repair`); anything else is a single-byte file, read as TCVN3, VNI or
    Windows-1258 (detected "cp1258"), whichever yields the most Vietnamese syllables.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return repair(data.decode(codec, errors="replace"))
    try:
        return repair(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    latin = data.decode("latin-1")
    cp1258 = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    candidates = [("cp1258", cp1258)]
    candidates += [(name, unicodedata.normalize("NFC", decoder(latin))) for name, decoder in _DECODERS.items()]
    scored = [(_stats(text).score, -order, name, text) for order, (name, text) in enumerate(candidates)]
    _score, _order, name, text = max(scored)
    return Repaired(text, name)
