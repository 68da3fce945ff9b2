import itertools

from textmining.normalize import fold
from textmining.similarity import best_matches, prepare, prepared_similarity, shingle_hash, shingles, similarity
from textmining.tests.corpus import SENTENCES
from textmining.tests.petitions import LABELLED

LETTER = " ".join(SENTENCES[1:8])
SIGNED = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày 5 tháng 3 năm 2026\n"
    "Kính gửi: Ủy ban nhân dân tỉnh Bắc Ninh\n" + LETTER + "\nXin chân thành cảm ơn!\nNgười làm đơn\n(đã ký)\n"
    "Nguyễn Văn Bình"
)


def test_shingles_are_syllable_ngrams_with_stable_hashes():
    assert shingles("thu hoi dat o xa") == {shingle_hash(g) for g in ["thu hoi dat", "hoi dat o", "dat o xa"]}
    assert shingles("thu hoi dat o xa", n=2) == {shingle_hash(g) for g in ["thu hoi", "hoi dat", "dat o", "o xa"]}
    assert shingles("thu hoi") == {shingle_hash("thu hoi")}
    assert shingles("") == set()
    # the same in every process (not Python's salted hash)
    assert shingle_hash("thu hoi dat") == shingle_hash("thu hoi dat") and shingle_hash("thu hoi dat") > 2**32


def test_identical_letters_score_one_and_empty_ones_zero():
    assert similarity(LETTER, LETTER) == 1.0
    assert similarity("", LETTER) == 0.0


def test_marked_unmarked_and_folded_copies_are_the_same_letter():
    assert similarity(LETTER, fold(LETTER)) == 1.0
    assert similarity(LETTER, LETTER.upper()) == 1.0


def test_small_edits_keep_a_high_score():
    edited = (LETTER.replace("1968", "1969").replace("320 mét vuông", "330 mét vuông")
              .replace("thỏa đáng", "hợp lý").replace("nhiều hộ dân", "các hộ dân"))
    assert similarity(LETTER, edited) >= 0.9


def test_reordered_sentences_keep_a_high_score():
    sentences = SENTENCES[1:8]
    reordered = " ".join(sentences[4:] + sentences[:4])
    assert similarity(LETTER, reordered) >= 0.95
    assert similarity(fold(LETTER), fold(reordered)) >= 0.9  # folded: no sentence ends left


def test_greetings_dates_and_signatures_do_not_count():
    assert similarity(LETTER, SIGNED) >= 0.97
    assert similarity(fold(LETTER), fold(SIGNED)) >= 0.97


def test_half_a_letter_is_not_a_duplicate():
    assert similarity(LETTER, " ".join(SENTENCES[1:4])) < 0.8


def test_different_petitions_on_the_same_subjects_score_low():
    texts = [text for _, text in LABELLED]
    worst = max(similarity(a, b) for a, b in itertools.combinations(texts, 2))
    assert worst < 0.5


def test_best_matches_ranks_and_filters():
    candidates: list[tuple[object, str]] = [(i, text) for i, (_, text) in enumerate(LABELLED)]
    candidates += [("copy", SIGNED), ("folded", fold(LETTER)), ("half", " ".join(SENTENCES[1:4]))]
    result = best_matches(LETTER, candidates)
    assert result == [("copy", 1.0), ("folded", 1.0)]  # ties keep the candidates' order
    assert best_matches(LETTER, candidates, limit=1) == result[:1]
    assert [key for key, _ in best_matches(LETTER, candidates, threshold=0.6)] == ["copy", "folded", "half"]


def test_prepared_texts_give_the_same_scores():
    a, b = prepare(LETTER), prepare(SIGNED)
    assert prepared_similarity(a, b) == similarity(LETTER, SIGNED)
    assert prepared_similarity(a, prepare("")) == 0.0


def test_the_fast_fold_agrees_with_fold():
    from textmining.similarity import _fold_nfc

    for text in [*SENTENCES, SIGNED, *(text for _, text in LABELLED), "ĐẤT ĐAI Ð ð İstanbul straße_x"]:
        assert _fold_nfc(text) == fold(text)
