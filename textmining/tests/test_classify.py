import pickle

import pytest

from textmining.classify import KINDS, Suggestion, suggest_field, suggest_kind, train
from textmining.normalize import fold
from textmining.tests.petitions import COMPLAINTS, DENUNCIATIONS, LABELLED, MIXED, RECOMMENDATIONS

# The seed fields' keywords as the petitions app stores them (some marked, one list folded).
FIELDS = {
    "dat-dai": "đất đai, thu hồi đất, bồi thường, giải phóng mặt bằng, tái định cư, giấy chứng nhận, sổ đỏ, "
    "quyền sử dụng đất, giá đất, tranh chấp đất, lấn chiếm",
    "moi-truong": "môi trường, ô nhiễm, chất thải, rác thải, nước thải, khí thải, tiếng ồn, mùi hôi, khói bụi, xả thải",
    "chinh-sach": "chế độ, chính sách, hỗ trợ, trợ cấp, bảo hiểm, người có công",
    "can-bo": "can bo, cong chuc, nhung nhieu, hach dich, tham nhung, thai do",
    "giao-thong": "duong giao thong xuong cap tai trong",
    "khac": "",
}


def test_the_corpus_is_varied_enough():
    assert len(LABELLED) >= 20
    unmarked = [text for _, text in LABELLED if not any(ch in "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ" for ch in text)]
    assert len(unmarked) >= 3


@pytest.mark.parametrize(("label", "text"), LABELLED)
def test_rules_classify_realistic_petitions(label, text):
    suggestion = suggest_kind(text)
    assert suggestion.label == label, suggestion.reasons
    assert 0.0 < suggestion.score <= 1.0
    assert suggestion.reasons


def test_content_outweighs_a_title_that_says_denunciation():
    text = COMPLAINTS[1]
    assert text.startswith("ĐƠN TỐ CÁO")
    suggestion = suggest_kind(text)
    assert suggestion.label == "complaint"
    assert any("(tiêu đề)" in reason for reason in suggestion.reasons)


def test_a_separate_title_counts_little():
    body = "Đề nghị xem xét lại quyết định thu hồi đất số 12/QĐ-UBND vì đo sai diện tích."
    assert suggest_kind(body, title="Đơn tố cáo").label == "complaint"
    assert suggest_kind("Nội dung như tiêu đề.", title="Đơn tố cáo cán bộ nhận hối lộ").label == "denunciation"


def test_strong_cues_of_two_kinds_make_mixed_but_a_passing_word_does_not():
    assert suggest_kind(MIXED[0]).label == "mixed"
    # a complaint that mentions that a denunciation was once filed stays a complaint
    text = ("Tôi khiếu nại quyết định thu hồi đất số 5/QĐ-UBND và đề nghị hủy quyết định này. "
            "Trước đây tôi đã có đơn tố cáo gửi xã.")
    assert suggest_kind(text).label == "complaint"


def test_negated_cues_do_not_count():
    suggestion = suggest_kind("Tôi không tố cáo ai, chỉ kiến nghị xã sửa lại cây cầu tạm bị hỏng.")
    assert suggestion.label == "recommendation"
    assert not any(reason.startswith("tố cáo") for reason in suggestion.reasons)


@pytest.mark.parametrize(("label", "text"), [(label, text) for label, text in LABELLED if any(c in text for c in "ếệộ")])
def test_the_same_letters_typed_without_marks_classify_the_same(label, text):
    suggestion = suggest_kind(fold(text))
    assert suggestion.label == label, suggestion.reasons
    assert "đơn viết không dấu: đối chiếu trên chữ bỏ dấu" in suggestion.reasons


def test_folding_is_not_used_when_the_letter_has_marks():
    # "tô cao" (paint it high) folds to "to cao" (denounce): read marked, it is no cue.
    text = "Đề nghị xã cho tô cao lại vạch kẻ đường và sửa chữa đèn chiếu sáng đã hỏng từ lâu."
    suggestion = suggest_kind(text)
    assert suggestion.label == "recommendation"
    assert not any("tố cáo" in r for r in suggestion.reasons)


def test_no_cue_gives_a_zero_score_recommendation():
    assert suggest_kind("Xin chào") == Suggestion("recommendation", 0.0, ["không thấy dấu hiệu khiếu nại hay tố cáo"])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (COMPLAINTS[0], "dat-dai"),
        (RECOMMENDATIONS[1], "moi-truong"),
        (RECOMMENDATIONS[2], "chinh-sach"),
        (DENUNCIATIONS[1], "can-bo"),
        (DENUNCIATIONS[3], "can-bo"),  # typed without marks
        (RECOMMENDATIONS[3], "giao-thong"),  # keywords given as single folded words
        (RECOMMENDATIONS[6], "moi-truong"),
    ],
)
def test_field_from_keywords(text, code):
    suggestion = suggest_field(text, FIELDS)
    assert suggestion.label == code, suggestion.reasons
    assert 0.0 < suggestion.score <= 1.0


def test_marked_keywords_do_not_match_other_words_that_fold_alike():
    fields = {"dat-dai": "bồi thường", "y-te": "bôi thuốc"}
    assert suggest_field("Bệnh viện bôi thuốc sai cho con tôi.", fields).label == "y-te"
    # but an unmarked letter still finds them on the folded text
    assert suggest_field("de nghi boi thuong thoa dang", fields).score > 0


def test_no_field_keyword_found():
    assert suggest_field("Xin chào", FIELDS) == Suggestion("", 0.0, ["không thấy từ khóa của lĩnh vực nào"])


def test_trained_model_learns_the_kinds_and_pickles():
    texts = [text for _, text in LABELLED]
    labels = [label for label, _ in LABELLED]
    model = train(texts, labels)
    assert sorted(model.labels) == sorted(KINDS)
    predictions = model.predict(texts)
    assert sum(p == y for p, y in zip(predictions, labels, strict=True)) >= 0.9 * len(labels)
    unseen = {
        "Tôi tố cáo cán bộ tư pháp xã nhận hối lộ khi làm giấy tờ cho dân, đề nghị xử lý nghiêm.": "denunciation",
        "Đề nghị xem xét lại quyết định thu hồi đất và khiếu nại mức bồi thường.": "complaint",
        "phan anh duong lang xuong cap, kien nghi xa som sua chua": "recommendation",
    }
    restored = pickle.loads(pickle.dumps(model))  # noqa: S301 - our own model, as a worker would store it
    assert restored.predict(list(unseen)) == list(unseen.values())
    suggestion = restored.suggest(next(iter(unseen)))
    assert suggestion.label == "denunciation"
    assert 0.0 < suggestion.score <= 1.0
