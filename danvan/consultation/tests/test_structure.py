"""The parser of Vietnamese legal structure and the matching of provisions across versions (no database)."""

from __future__ import annotations

from django.utils import translation

from danvan.consultation.selectors import warning_text
from danvan.consultation.structure import Candidate, flatten, match_versions, parse_structure, roman_value
from danvan.consultation.tests.samples import DRAFT_V1, DRAFT_V2


def _labels(text: str) -> list[str]:
    roots, _ = parse_structure(text)
    return [n.label for n in flatten(roots)]


def test_a_realistic_draft_parses_into_chapters_sections_articles_clauses_and_points():
    roots, warnings = parse_structure(DRAFT_V1)
    assert warnings == []
    assert [(r.kind, r.number, r.title) for r in roots] == [
        ("chapter", "I", "QUY ĐỊNH CHUNG"),
        ("chapter", "II", "THU HỒI ĐẤT, BỒI THƯỜNG, HỖ TRỢ, TÁI ĐỊNH CƯ"),
        ("chapter", "III", "ĐIỀU KHOẢN THI HÀNH"),
    ]
    chapter2 = roots[1]
    assert [(s.kind, s.number, s.title) for s in chapter2.children] == [("section", "1", "THU HỒI ĐẤT"),
                                                                       ("section", "2", "BỒI THƯỜNG, HỖ TRỢ, TÁI ĐỊNH CƯ")]
    article3 = chapter2.children[0].children[0]
    assert (article3.label, article3.title) == ("Điều 3", "Các trường hợp thu hồi đất")
    points = article3.children[0].children
    assert [p.number for p in points] == ["a", "b", "c", "d", "đ", "e"]
    assert points[4].label == "điểm đ khoản 1 Điều 3"
    assert points[4].text == "Thu hồi đất có nguy cơ đe dọa tính mạng con người;"
    # The preamble ("Căn cứ Hiến pháp ...") is not a provision.
    assert "Căn cứ" not in "".join(n.text for n in flatten(roots))
    # An article without clauses keeps its text.
    assert roots[2].children[0].text.startswith("Luật này có hiệu lực thi hành")


def test_chapter_title_on_the_same_line_and_roman_numerals():
    roots, _ = parse_structure("Chương XIV. THỦ TỤC HÀNH CHÍNH\nĐiều 1. A\nnội dung")
    assert (roots[0].number, roots[0].title) == ("XIV", "THỦ TỤC HÀNH CHÍNH")
    assert roman_value("XIV") == 14 and roman_value("XL") == 40 and roman_value("XVI") == 16


def test_continuation_lines_join_the_provision_above():
    roots, _ = parse_structure("Điều 1. Giải thích từ ngữ\n1. Đất ở là đất\ndùng để xây dựng nhà ở.\n2. Khác.")
    clause = roots[0].children[0]
    assert clause.text == "Đất ở là đất\ndùng để xây dựng nhà ở."


def test_points_use_the_vietnamese_alphabet_and_warn_on_f_or_a_skipped_letter():
    text = "Điều 1. X\n1. Các trường hợp:\na) một;\nb) hai;\nc) ba;\nd) bốn;\ne) năm;\nf) sáu."
    roots, warnings = parse_structure(text)
    points = roots[0].children[0].children
    assert [p.number for p in points] == ["a", "b", "c", "d", "e"]  # "f)" is not a point: it joins e)
    assert "f) sáu." in points[-1].text
    # e) came where đ) was due; f is not a letter of the Vietnamese alphabet.
    assert warnings == [{"code": "point_order", "letter": "e", "clause": "khoản 1 Điều 1", "expected": "đ"},
                        {"code": "point_letter", "letter": "f", "clause": "khoản 1 Điều 1"}]
    assert [warning_text(w) for w in warnings] == [
        "điểm e khoản 1 Điều 1: thứ tự chữ cái không liên tục (chờ đ)",
        "“f)” trong khoản 1 Điều 1: chữ f không dùng để đánh điểm"]


def test_article_numbering_gaps_are_reported():
    _roots, warnings = parse_structure("Điều 1. A\nx\nĐiều 3. C\ny")
    assert warnings == [{"code": "article_gap", "number": "3", "after": "1"}]
    assert warning_text(warnings[0]) == "Điều 3: đánh số không liên tục (sau Điều 1)"
    with translation.override("en"):
        assert warning_text(warnings[0]) == "Article 3: numbered out of sequence (after Article 1)"
    assert warning_text("Điều 3: đánh số không liên tục (sau Điều 1)") == "Điều 3: đánh số không liên tục (sau Điều 1)"


def test_decomposed_unicode_is_read_as_composed():
    import unicodedata

    roots, _ = parse_structure(unicodedata.normalize("NFD", "Điều 1. Phạm vi\n1. Đất đai.\na) điểm a;\nđ) sai"))
    assert roots[0].label == "Điều 1" and roots[0].title == "Phạm vi"


def _candidates(text: str) -> tuple[list[Candidate], list]:
    roots, _ = parse_structure(text)
    nodes = flatten(roots)
    index = {id(n): i for i, n in enumerate(nodes)}
    return [Candidate(i, n.kind, index[id(n.parent)] if n.parent else None,
                      n.full_text() if n.kind == "article" else f"{n.title}\n{n.text}")
            for i, n in enumerate(nodes)], nodes


def test_renumbered_articles_are_matched_by_text_not_by_number():
    old, old_nodes = _candidates(DRAFT_V1)
    new, new_nodes = _candidates(DRAFT_V2)
    pairs = match_versions(old, new)
    by_label = {new_nodes[n].label: old_nodes[o].label for n, o in pairs.items()}
    assert by_label["Điều 5"] == "Điều 4"  # Thông báo thu hồi đất moved down by one
    assert by_label["Điều 6"] == "Điều 5"  # compensation, with a reworded clause 2
    assert by_label["Điều 8"] == "Điều 7"
    assert "Điều 4" not in by_label  # the inserted article is new
    assert by_label["khoản 2 Điều 6"] == "khoản 2 Điều 5"  # reworded but still the same clause
    assert by_label["điểm đ khoản 1 Điều 3"] == "điểm đ khoản 1 Điều 3"
