"""The Vietnamese alphabet and syllable structure, for telling real Vietnamese from mojibake. No Django.

A Vietnamese syllable is written as: initial consonant (optional) + rhyme, with at most one tone mark
on a vowel. Text that went through a legacy encoding and was decoded with the wrong table is full of
"words" that break this shape ("ViÖt", "ngöôøi", "x·"), which is what the encoding detector counts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone marks as combining characters (NFD): huyền, sắc, ngã, hỏi, nặng.
TONE_MARKS = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}
# Vowel-quality marks: breve (ă), circumflex (â ê ô), horn (ơ ư).
QUALITY_MARKS = frozenset("\u0306\u0302\u031b")

BASE_VOWELS = "aăâeêioôơuưy"
_TONE_ORDER = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _compose(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", base) + tone)


# The 67 lower-case letters that are not plain ASCII (12 vowels × 5 tones, ă â ê ô ơ ư, đ), and their
# upper-case forms: the 134 letters that legacy encodings have to carry.
LOWER_MARKED: tuple[str, ...] = (
    *(letter for base in BASE_VOWELS for tone in _TONE_ORDER if (letter := _compose(base, tone)) not in "aeiouy"),
    "đ",
)
UPPER_MARKED: tuple[str, ...] = tuple(ch.upper() for ch in LOWER_MARKED)
MARKED_LETTERS = frozenset(LOWER_MARKED + UPPER_MARKED)
VIETNAMESE_LETTERS = MARKED_LETTERS | frozenset("abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY")
# Letters that only Unicode has (no Latin-1 code point): their presence proves the text is Unicode.
UNICODE_ONLY_LETTERS = frozenset(ch for ch in MARKED_LETTERS if ord(ch) > 0xFF)

_INITIALS = (
    "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
    # loan and minority-language place names written with Vietnamese marks: Đắk Lắk, Krông, Bắc Kạn
    "|kr|bl|pl|f|j|w|z"
)
# Rhymes without a tone. Written loosely (any nucleus may take any final) because the validator must
# accept every real syllable; mojibake fails on the letters and vowel clusters, not on the fine print.
_NUCLEI = (
    "uyê|uya|uyu|uây|uôi|ươi|ươu|oai|oao|oay|oeo|iêu|yêu|uê|uơ|"
    "iê|yê|uô|ươ|uâ|oă|oa|oe|oo|ôô|uy|ua|ưa|ia|"
    "ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|ưu|"
    "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_FINALS = "ch|nh|ng|c|m|n|p|t|k"
_SYLLABLE = re.compile(rf"(?:{_INITIALS})?(?:{_NUCLEI})(?:{_FINALS})?")


def split_tone(letter: str) -> tuple[str, str]:
    """Split one letter into (letter without tone, tone mark or ''): 'ệ' -> ('ê', '\\u0323')."""
    decomposed = unicodedata.normalize("NFD", letter)
    tone = "".join(ch for ch in decomposed if ch in TONE_MARKS)
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", base), tone


def unmark_char(ch: str) -> str:
    """One character without any diacritic, đ as d, case kept: 'Ệ' -> 'E', 'đ' -> 'd'."""
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    if ord(ch) < 0x80:
        return ch
    stripped = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return stripped if len(stripped) == 1 else ch


# Latin letters with diacritics live in these blocks; a translate table over them is much faster than
# decomposing character by character.
_LATIN = [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
_UNMARK_TABLE = {code: unmark_char(chr(code)) for code in _LATIN if unmark_char(chr(code)) != chr(code)}
_MIRROR_TABLE = {
    **{code: chr(code).lower() for code in range(0x41, 0x5B)},
    **{code: low for code in _LATIN if len(low := unmark_char(chr(code)).lower()) == 1 and low != chr(code)},
    # Ð/ð (Icelandic eth) are typed for Đ/đ, as `normalize.fold` knows.
    0xD0: "d",
    0xF0: "d",
}


def unmark(text: str) -> str:
    """Strip diacritics character by character, keeping case, length and punctuation (unlike `fold`).

    The result has exactly one character per input character of NFC text, so a match found in the
    unmarked form points at the same span of the marked form.
    """
    return text.translate(_UNMARK_TABLE)


def mirror(text: str) -> str:
    """`unmark` and lower-case Latin letters, still one character for one character."""
    return text.translate(_MIRROR_TABLE)


@lru_cache(maxsize=65536)
def is_valid_syllable(word: str) -> bool:
    """True if `word` (one syllable, any case, NFC) has the shape of a Vietnamese syllable.

    At most one tone mark; only Vietnamese letters; an initial from the alphabet's list and a known
    vowel cluster with an optional final consonant. Syllables in p/t/c/ch/k take only sắc or nặng.
    """
    if not word:
        return False
    tones = []
    bases = []
    for ch in word.lower():
        if ch not in VIETNAMESE_LETTERS:
            return False
        base, tone = split_tone(ch)
        bases.append(base)
        if tone:
            tones.append(tone)
    if len(tones) > 1:
        return False
    plain = "".join(bases)
    if _SYLLABLE.fullmatch(plain) is None:
        return False
    return not (tones and plain.endswith(("p", "t", "c", "ch", "k")) and tones[0] not in ("\u0301", "\u0323"))


def has_marks(word: str) -> bool:
    return any(ch in MARKED_LETTERS for ch in word)
