import unicodedata

import pytest

from textmining.encodings import (
    TCVN3_ENCODE,
    VNI_ENCODE,
    Repaired,
    decode_tcvn3,
    decode_viqr,
    decode_vni,
    encode_tcvn3,
    encode_viqr,
    encode_vni,
    repair,
    repair_bytes,
)
from textmining.tests.corpus import LATIN1_ONLY, SENTENCES
from textmining.vietnamese import LOWER_MARKED, MARKED_LETTERS, UPPER_MARKED, split_tone

ENCODERS = {"tcvn3": encode_tcvn3, "vni": encode_vni, "viqr": encode_viqr}
ALL_LOWER = "".join(LOWER_MARKED)
ALL_UPPER = "".join(UPPER_MARKED)


def test_the_alphabet_has_134_marked_letters():
    assert len(MARKED_LETTERS) == 134
    assert ALL_LOWER.upper() == ALL_UPPER


def test_tables_give_every_lower_case_letter_its_own_code():
    assert len(set(TCVN3_ENCODE.values())) == 67
    assert set(TCVN3_ENCODE) == set(LOWER_MARKED)
    assert len({VNI_ENCODE[ch] for ch in MARKED_LETTERS}) == 134


def test_vni_table_decodes_all_134_letters():
    letters = ALL_LOWER + ALL_UPPER
    assert decode_vni(encode_vni(letters)) == letters


def test_vni_known_spellings():
    assert encode_vni("Xin chào các bạn") == "Xin chaøo caùc baïn"
    assert encode_vni("người Việt") == "ngöôøi Vieät"
    assert encode_vni("Đường") == "Ñöôøng"


def test_tcvn3_table_decodes_all_lower_case_letters_and_its_seven_capitals():
    # (not at the start of a line, where a lost capital would be restored)
    assert decode_tcvn3(encode_tcvn3("x " + ALL_LOWER)) == "x " + ALL_LOWER
    assert decode_tcvn3(encode_tcvn3("ĂÂÊÔƠƯĐ")) == "ĂÂÊÔƠƯĐ"


def test_tcvn3_known_spellings():
    assert encode_tcvn3("Cộng hòa xã hội chủ nghĩa Việt Nam") == "Céng hßa x· héi chñ nghÜa ViÖt Nam"
    assert encode_tcvn3("người") == "ng\xadêi"


def test_tcvn3_restores_capitals_in_upper_case_lines_and_at_sentence_start():
    assert repair("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM").text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert repair(encode_tcvn3("Ủy ban nhân dân xã. Ấp Mỹ Khánh.")).text == "Ủy ban nhân dân xã. Ấp Mỹ Khánh."


def test_tcvn3_cannot_tell_a_capital_inside_a_sentence():
    # The font had no code for "Á": the name comes back in lower case, otherwise right.
    repaired = repair(encode_tcvn3("Bà Nguyễn Thị Ánh và ông Lê Văn Út ở phường Bến Nghé"))
    assert repaired.detected == "tcvn3"
    assert repaired.text == "Bà Nguyễn Thị ánh và ông Lê Văn út ở phường Bến Nghé"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_correct_unicode_sentences_pass_through_unchanged(sentence):
    assert repair(sentence) == Repaired(sentence, "unicode")


@pytest.mark.parametrize("sentence", LATIN1_ONLY)
def test_unicode_written_only_with_latin1_letters_is_not_taken_for_a_legacy_encoding(sentence):
    assert repair(sentence) == Repaired(sentence, "unicode")


def test_a_whole_corpus_of_correct_text_passes_through_unchanged():
    text = "\n".join(SENTENCES + LATIN1_ONLY)
    assert repair(text) == Repaired(text, "unicode")


def test_unmarked_and_foreign_text_is_left_alone():
    for text in ["Toi muon khieu nai quyet dinh thu hoi dat", "Café ở München", "5 µm và 3 ¸", "What? Really. I don't know."]:
        assert repair(text) == Repaired(text, "unicode")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viqr"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_legacy_sentences_round_trip(encoding, sentence):
    legacy = ENCODERS[encoding](sentence)
    assert legacy != sentence
    assert repair(legacy) == Repaired(sentence, encoding)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viqr"])
def test_a_long_legacy_letter_round_trips(encoding):
    letter = "\n".join(SENTENCES)
    assert repair(ENCODERS[encoding](letter)) == Repaired(letter, encoding)


def test_nfd_is_composed():
    for sentence in SENTENCES:
        repaired = repair(unicodedata.normalize("NFD", sentence))
        assert repaired == Repaired(sentence, "nfd")


def test_viqr_conventions():
    assert decode_viqr("Vie^.t Nam") == "Việt Nam"
    assert decode_viqr("dda^'t dda(ng DDa('k La('k") == "đất đăng Đắk Lắk"
    assert decode_viqr("ngu+o+`i, thuo+? xu+a") == "người, thuở xưa"
    assert decode_viqr("QDD-UBND; address") == "QĐ-UBND; address"
    assert decode_viqr("ddi\\. Xong") == "đi. Xong"  # RFC 1456 escape


def test_viqr_sentence_end_is_punctuation_but_names_keep_their_tone():
    assert decode_viqr("To^i o+? Ha` No^.i. Ho^m nay") == "Tôi ở Hà Nội. Hôm nay"
    assert decode_viqr("ve^` ddi. Sau ddo'") == "về đi. Sau đó"
    assert decode_viqr("Nguye^~n Thi. Lan") == "Nguyễn Thị Lan"
    assert decode_viqr("chi. Lan") == "chi. Lan"  # known ambiguity: read as a sentence end


def test_encode_viqr_escapes_literal_marks_after_vowels():
    assert encode_viqr("Hà Nội.") == "Ha` No^.i\\."
    assert decode_viqr(encode_viqr("Có không? Có.")) == "Có không? Có."


def _cp1258(text: str) -> bytes:
    # Windows-1258 writes the tone as a separate combining mark after the base letter.
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            base, tone = split_tone(ch)
            out.append(base.encode("cp1258") + tone.encode("cp1258"))
    return b"".join(out)


LETTER = "\n".join(SENTENCES[:8])


@pytest.mark.parametrize(
    ("data", "detected"),
    [
        (LETTER.encode("utf-8"), "unicode"),
        (LETTER.encode("utf-8-sig"), "unicode"),
        (LETTER.encode("utf-16"), "unicode"),
        (LETTER.encode("utf-16-be").join([b"\xfe\xff", b""]), "unicode"),
        (unicodedata.normalize("NFD", LETTER).encode("utf-8"), "nfd"),
        (_cp1258(LETTER), "cp1258"),
        (encode_tcvn3(LETTER).encode("latin-1"), "tcvn3"),
        (encode_vni(LETTER).encode("cp1252"), "vni"),
        (encode_tcvn3(LETTER).encode("utf-8"), "tcvn3"),  # mojibake saved again as UTF-8
        (encode_viqr(LETTER).encode("ascii"), "viqr"),
    ],
)
def test_repair_bytes_reads_uploaded_files(data, detected):
    assert repair_bytes(data) == Repaired(LETTER, detected)
