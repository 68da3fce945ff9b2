"""Suggest a petition's kind and field from its text. No Django here.

Circular 05/2021/TT-TTCP says a petition is classified by its content, not its title: a letter headed
"ĐƠN TỐ CÁO" that asks to review a decision is a complaint. The rule-based suggester therefore weighs
what the letter asks for and reports, gives a title line little weight, and says which phrases decided.
It reads the marked text, since folding merges words ("tố cáo" and "tô cao"), and falls back on the
folded form only for letters typed without marks.

Once the agency has classified enough petitions, `train` fits a TF-IDF + logistic regression model on
them; the rules need no training and stay as the fallback.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from math import log

from textmining.normalize import fold, to_nfc
from textmining.vietnamese import MARKED_LETTERS, unmark

KINDS = ("complaint", "denunciation", "recommendation", "mixed")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested label with a score in [0, 1] and the reasons, in Vietnamese, for the handler."""

    label: str
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    weight: float
    pattern: re.Pattern[str]  # on marked, lower-case text
    folded: re.Pattern[str]  # the same on unmarked text


# A gap of a few words inside one sentence.
_GAP = r"(?:[ ,]+[^\s.!?;]+){0,12}?[ ,]+"


def _cue(kind: str, weight: float, pattern: str) -> _Cue:
    return _Cue(kind, weight, re.compile(rf"\b{pattern}\b"), re.compile(rf"\b{unmark(pattern)}\b"))


_DECISION = r"(?:quyết định|qđ)"
_WRONGDOING = (
    r"(?:vi phạm|sai phạm|tham nhũng|tham ô|hối lộ|lạm quyền|lộng quyền|chiếm đoạt|ăn chặn|trục lợi|"
    r"bao che|nhũng nhiễu|vòi vĩnh|gây thất thoát|làm trái)"
)

# Weights: 3 for a phrase that on its own says what the letter is, 2 for a strong sign, 1 or less for
# words that also turn up in the other kinds. Longer phrases are matched first and hide the shorter
# ones inside them, so "khiếu nại quyết định" counts once, not also as "khiếu nại".
CUES: tuple[_Cue, ...] = (
    # complaint: asks to review a decision or act that affects the writer
    _cue("complaint", 3.0, rf"khiếu nại{_GAP}?{_DECISION}"),
    _cue("complaint", 3.0, r"khiếu nại (?:đối với |về )?(?:hành vi hành chính|việc ban hành)"),
    _cue("complaint", 3.0, rf"(?:xem xét lại|hủy bỏ|huỷ bỏ|hủy|huỷ|thu hồi|điều chỉnh lại|sửa lại){_GAP}?{_DECISION}"),
    _cue("complaint", 2.5, r"đề nghị xem xét lại"),
    _cue("complaint", 2.5, rf"không (?:đồng ý|đồng tình|chấp nhận|nhất trí) (?:với )?(?:{_DECISION}|phương án|mức bồi thường|kết quả giải quyết)"),
    _cue("complaint", 2.5, r"khiếu nại lần (?:đầu|hai|2|1)"),
    _cue("complaint", 2.0, r"hành vi hành chính"),
    _cue("complaint", 2.0, r"xâm phạm (?:đến )?quyền(?: và| ,)? lợi ích hợp pháp"),
    _cue("complaint", 2.0, r"giải quyết khiếu nại"),
    _cue("complaint", 1.5, r"(?:bồi thường|hỗ trợ) (?:không|chưa) (?:thỏa đáng|thoả đáng|đúng|đủ)"),
    _cue("complaint", 1.5, r"(?:quyết định|qđ) (?:kỷ luật|xử phạt|cưỡng chế|thu hồi đất|phê duyệt)"),
    _cue("complaint", 1.0, r"khiếu nại"),
    # denunciation: reports someone's violation of law
    _cue("denunciation", 3.0, rf"tố cáo{_GAP}?{_WRONGDOING}"),
    _cue("denunciation", 3.0, r"(?:nhận|đòi|đưa) (?:tiền )?hối lộ"),
    _cue("denunciation", 3.0, r"tham nhũng|tham ô|biển thủ"),
    _cue("denunciation", 3.0, r"(?:lợi dụng|lạm dụng) chức vụ"),
    _cue("denunciation", 2.5, r"sai phạm của"),
    _cue("denunciation", 2.5, r"vòi vĩnh|nhũng nhiễu|ăn chặn|móc ngoặc|lập hồ sơ khống|hồ sơ khống"),
    _cue("denunciation", 2.0, r"vi phạm pháp luật của|hành vi vi phạm pháp luật"),
    _cue("denunciation", 2.0, r"chiếm đoạt|bao che|trục lợi|gây thất thoát"),
    _cue("denunciation", 2.0, r"xử lý nghiêm(?: minh)?"),
    _cue("denunciation", 1.5, r"tố cáo"),
    _cue("denunciation", 1.0, r"(?:nhận|đưa|đòi) tiền"),
    # recommendation, reflection: proposes or reports a problem, no legal claim
    _cue("recommendation", 2.0, r"kiến nghị"),
    _cue("recommendation", 2.0, r"phản ánh"),
    _cue("recommendation", 2.0, r"đề xuất|góp ý"),
    _cue("recommendation", 1.5, rf"(?:đề nghị|mong|kính mong|đề xuất){_GAP}?(?:hỗ trợ|quan tâm|sửa chữa|khắc phục|giải quyết|xem xét cấp|cấp|bố trí|có biện pháp|kiểm tra|bổ sung)"),
    _cue("recommendation", 1.0, r"ô nhiễm|xuống cấp|ngập úng|tiếng ồn|mùi hôi|bất cập|chậm trễ|chưa (?:được )?giải quyết|chưa có kết quả"),
)

# "không tố cáo ai", "chứ không phải khiếu nại": the cue is denied.
_NEGATION = re.compile(r"(?:không|chẳng|chứ không|không hề|chưa hề)(?: phải)?(?: là)?(?: để)? $")
_NEGATION_FOLDED = re.compile(unmark(_NEGATION.pattern))

_KIND_NAMES = {
    "complaint": "khiếu nại",
    "denunciation": "tố cáo",
    "recommendation": "kiến nghị, phản ánh",
    "mixed": "nhiều nội dung",
}
# A title names the letter as its writer saw it; the content decides (Circular 05/2021).
_TITLE_WEIGHT = 0.25
_TITLE = re.compile(r"\s*(?:đơn|don|thư|thu)\b[^\n]{0,80}$", re.IGNORECASE)
# Both kinds at least this strong, and the weaker at least half the stronger: mixed content.
_MIXED_MIN = 3.0
_MIXED_RATIO = 0.5


def _is_unmarked(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 20:
        return not any(ch in MARKED_LETTERS for ch in letters)
    return sum(ch in MARKED_LETTERS for ch in letters) < 0.03 * len(letters)


def _find_cues(text: str, folded_mode: bool, weight_factor: float) -> list[tuple[_Cue, str, float, tuple[int, int]]]:
    taken: list[tuple[int, int]] = []
    found = []
    for cue in sorted(CUES, key=lambda c: -c.weight):
        pattern = cue.folded if folded_mode else cue.pattern
        negation = _NEGATION_FOLDED if folded_mode else _NEGATION
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            if negation.search(text, max(0, start - 25), start):
                continue
            found.append((cue, m.group(0), cue.weight * weight_factor, (start, end)))
    return found


def _prepare(text: str) -> str:
    # One line per line, single spaces, lower case; the cues' patterns expect exactly this.
    return to_nfc(text).lower()


def kind_scores(text: str, *, title: str = "") -> tuple[dict[str, float], list[str]]:
    """The evidence for each kind (sums of cue weights) and the reasons, before any decision."""
    text = _prepare(text)
    lines = text.split("\n")
    # A short first line that names the letter ("ĐƠN TỐ CÁO") is its title, not its content.
    parts: list[tuple[str, float]] = []
    if lines and _TITLE.match(lines[0]) and len(lines) > 1:
        parts.append((lines[0], _TITLE_WEIGHT))
        lines = lines[1:]
    if title:
        parts.append((_prepare(title), _TITLE_WEIGHT))
    parts.append(("\n".join(lines), 1.0))
    folded_mode = _is_unmarked(text + " " + title)
    scores: dict[str, float] = defaultdict(float)
    reasons: list[str] = []
    for part, factor in parts:
        haystack = unmark(part) if folded_mode else part
        for cue, phrase, weight, _span in _find_cues(haystack, folded_mode, factor):
            scores[cue.kind] += weight
            where = " (tiêu đề)" if factor != 1.0 else ""
            reasons.append(f"{_KIND_NAMES[cue.kind]}: «{phrase}»{where} +{weight:g}")
    if folded_mode and reasons:
        reasons.append("đơn viết không dấu: đối chiếu trên chữ bỏ dấu")
    return dict(scores), reasons


def suggest_kind(text: str, *, title: str = "") -> Suggestion:
    """Suggest "complaint", "denunciation", "recommendation" or "mixed" from a petition's text.

    `text` is the letter (a first line such as "ĐƠN TỐ CÁO" counts as its title); `title` is an
    optional separate subject line. Both count for little against the content. The score is the share
    of the evidence that supports the label (0.0 when nothing was found: then the label is
    "recommendation", the kind of a letter that makes no legal claim, for a person to check).
    """
    scores, reasons = kind_scores(text, title=title)
    total = sum(scores.values())
    if total <= 0:
        return Suggestion("recommendation", 0.0, ["không thấy dấu hiệu khiếu nại hay tố cáo"])
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    top_kind, top = ranked[0]
    strong = [(kind, score) for kind, score in ranked if kind != "recommendation" and score >= _MIXED_MIN]
    if len(strong) >= 2 and strong[1][1] >= _MIXED_RATIO * strong[0][1]:
        share = (strong[0][1] + strong[1][1]) / total
        return Suggestion("mixed", round(share, 3), reasons)
    # Confidence grows with the evidence: one weak cue is not a sure answer.
    certainty = min(1.0, top / 4.0)
    return Suggestion(top_kind, round(top / total * certainty, 3), reasons)


# --- Field ------------------------------------------------------------------------------------------

_KEYWORD_SPLIT = re.compile(r"[,;\n]+")


def _keywords(spec: str) -> list[str]:
    """Keyword phrases from a field's keyword list: comma, semicolon or line separated phrases; a list
    with none of those is a list of single words. Underscores join the syllables of one word."""
    spec = spec.replace("_", " ")
    parts = _KEYWORD_SPLIT.split(spec) if _KEYWORD_SPLIT.search(spec) else spec.split()
    return [kw for part in parts if (kw := " ".join(part.split()).lower())]


@lru_cache(maxsize=16)
def _field_keywords(fields: tuple[tuple[str, str], ...]) -> list[tuple[str, list[tuple[str, str, str, int]]]]:
    """Per field: (keyword, " marked words " or "" for a folded keyword, " folded words ", number of fields
    sharing it). Prepared once per keyword list: intake suggests a field for every petition."""
    per_field = {code: _keywords(spec) for code, spec in fields}
    sharing: dict[str, int] = defaultdict(int)
    for keywords in per_field.values():
        for folded in set(map(fold, keywords)):
            sharing[folded] += 1
    prepared = []
    for code, keywords in per_field.items():
        rows = []
        for kw in keywords:
            folded = fold(kw)
            if folded:
                marked = " " + " ".join(re.findall(r"\w+", kw)) + " " if kw != folded else ""
                rows.append((kw, marked, f" {folded} ", sharing[folded]))
        prepared.append((code, rows))
    return prepared


def suggest_field(text: str, fields: Mapping[str, str]) -> Suggestion:
    """Suggest a field code from `fields` (code -> keywords, marked or folded).

    Each keyword phrase found adds its number of syllables (longer phrases say more), damped for
    repeats and divided by the number of fields that share it. A marked keyword is matched on the
    marked text when the letter has marks, so "bồi thường" is not found in "bôi thuốc"; folded
    keywords and unmarked letters are matched on the folded text. The score is the winner's share.
    Returns label "" and score 0.0 when no keyword is found.
    """
    nfc = to_nfc(text).lower()
    marked_text = " " + " ".join(re.findall(r"\w+", nfc)) + " "
    folded_text = " " + fold(text) + " "
    unmarked_letter = _is_unmarked(nfc)
    scores: dict[str, float] = {}
    hits: dict[str, list[str]] = {}
    for code, keywords in _field_keywords(tuple(fields.items())):
        score = 0.0
        found = []
        for kw, marked, folded, shared_by in keywords:
            count = marked_text.count(marked) if marked and not unmarked_letter else folded_text.count(folded)
            if count:
                score += (folded.count(" ") - 1) * (1 + log(count)) / shared_by
                found.append(kw)
        if score:
            scores[code] = score
            hits[code] = found
    if not scores:
        return Suggestion("", 0.0, ["không thấy từ khóa của lĩnh vực nào"])
    best = max(scores, key=lambda code: (scores[code], -list(fields).index(code)))
    total = sum(scores.values())
    certainty = min(1.0, scores[best] / 3.0)
    reasons = [f"từ khóa: {', '.join(hits[best])}"]
    reasons += [f"cũng khớp {code}: {', '.join(hits[code])}" for code in sorted(scores, key=lambda c: -scores[c]) if code != best][:3]
    return Suggestion(best, round(scores[best] / total * certainty, 3), reasons)


# --- Trainable model --------------------------------------------------------------------------------


def syllable_ngrams(text: str) -> list[str]:
    """Folded syllables and syllable bigrams: the model's features. Module level, so models pickle."""
    syllables = fold(text).split()
    return syllables + [f"{a} {b}" for a, b in pairwise(syllables)]


class TextModel:
    """A TF-IDF (folded syllables, 1-2 grams) + logistic regression classifier.

    Works for any labels: kinds, field codes. Folded text so letters typed without marks look like the
    rest; the bigrams keep "thu hoi" and "to cao" together.
    """

    def __init__(self, *, c: float = 10.0) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        self.pipeline = Pipeline([
            ("tfidf", TfidfVectorizer(analyzer=syllable_ngrams, sublinear_tf=True)),
            ("clf", LogisticRegression(C=c, max_iter=2000, class_weight="balanced")),
        ])

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> TextModel:
        self.pipeline.fit(list(texts), list(labels))
        return self

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.pipeline.classes_]

    def predict(self, texts: Iterable[str]) -> list[str]:
        return [str(label) for label in self.pipeline.predict(list(texts))]

    def suggest(self, text: str) -> Suggestion:
        """The most probable label, its probability as the score."""
        probabilities = self.pipeline.predict_proba([text])[0]
        best = int(probabilities.argmax())
        return Suggestion(self.labels[best], round(float(probabilities[best]), 3), ["mô hình đã huấn luyện"])


def train(texts: Sequence[str], labels: Sequence[str], *, c: float = 10.0) -> TextModel:
    """Fit a `TextModel` on classified petitions; `labels` must hold at least two different labels."""
    return TextModel(c=c).fit(texts, labels)
