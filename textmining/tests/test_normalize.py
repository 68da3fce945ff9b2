import unicodedata

from textmining.normalize import fold, to_nfc


def test_fold_treats_marked_unmarked_and_upper_case_alike():
    assert fold("đất đai") == fold("dat dai") == fold("ĐẤT ĐAI") == "dat dai"


def test_fold_maps_d_with_stroke_and_its_look_alike():
    assert fold("Đồng Đăng") == "dong dang"
    assert fold("ÐỒNG") == "dong"  # U+00D0 typed for Đ


def test_fold_accepts_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Thu hồi đất ở Hà Nội")
    assert fold(decomposed) == "thu hoi dat o ha noi"


def test_fold_turns_punctuation_into_single_spaces():
    assert fold("  Khiếu nại (lần 2): quyết định số 12/QĐ-UBND!! ") == "khieu nai lan 2 quyet dinh so 12 qd ubnd"


def test_to_nfc_composes_and_tidies_spaces_but_keeps_lines():
    decomposed = unicodedata.normalize("NFD", "Kính gửi:   Bộ\r\n\r\nNội   dung")
    assert to_nfc(decomposed) == "Kính gửi: Bộ\n\nNội dung"
    assert unicodedata.is_normalized("NFC", to_nfc(decomposed))


def test_strip_boilerplate_handles_a_long_one_line_letter_with_no_body_cue():
    # Once backtracked exponentially: a folded letter whose "kinh gui" is never followed by "toi".
    from textmining.normalize import strip_boilerplate

    words = " ".join(["phan anh tinh trang o nhiem moi truong keo dai"] * 30)
    text = f"kinh gui bo nong nghiep va moi truong {words} nguoi lam don nguyen van an"
    result = strip_boilerplate(text)
    assert "phan anh tinh trang" in result and "nguoi lam don" not in result
