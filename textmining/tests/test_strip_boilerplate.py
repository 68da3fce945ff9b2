from textmining.normalize import fold, strip_boilerplate
from textmining.vietnamese import unmark

LETTER = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---o0o---
Bắc Ninh, ngày 5 tháng 3 năm 2026
ĐƠN KHIẾU NẠI
Kính gửi:
- Ủy ban nhân dân tỉnh Bắc Ninh
- Thanh tra tỉnh Bắc Ninh
Đồng kính gửi: Ban tiếp công dân tỉnh
Kính thưa quý cơ quan, tôi tên là Nguyễn Văn Bình, sinh năm 1968.
Ngày 12 tháng 4 năm 2025, ủy ban nhân dân huyện ban hành quyết định thu hồi đất.
Tôi xin cam đoan những nội dung trên là đúng sự thật. Xin chân thành cảm ơn!
Người làm đơn
(Ký, ghi rõ họ tên)
Nguyễn Văn Bình"""

BODY = """ĐƠN KHIẾU NẠI
tôi tên là Nguyễn Văn Bình, sinh năm 1968.
Ngày 12 tháng 4 năm 2025, ủy ban nhân dân huyện ban hành quyết định thu hồi đất."""


def test_letter_formulas_are_removed_and_the_content_kept():
    assert strip_boilerplate(LETTER) == BODY


def test_a_date_in_the_body_is_content():
    assert "ngày 12 tháng 4 năm 2025" in strip_boilerplate(LETTER).lower()


def test_unmarked_letters_lose_the_same_formulas():
    assert strip_boilerplate(fold(LETTER)) == fold(BODY)
    unmarked = unmark(LETTER)  # typed without marks, punctuation kept
    assert fold(strip_boilerplate(unmarked)) == fold(BODY)


def test_signature_variants():
    for closing in ["Trân trọng.\nNgười viết đơn\nTrần Thị Lan", "Xin trân trọng cảm ơn.\n(đã ký)\nTrần Thị Lan",
                    "Ký tên\nTrần Thị Lan", "Người tố cáo\n(Ký và ghi rõ họ tên)\nTrần Thị Lan"]:
        assert strip_boilerplate("Đường làng bị sạt lở nặng.\n" + closing) == "Đường làng bị sạt lở nặng."


def test_content_mentioning_a_complainant_is_kept():
    text = "Người khiếu nại là ông Lê Văn Tám, đã được trả lời bằng văn bản nhưng không đồng ý."
    assert strip_boilerplate(text) == text


def test_plain_content_is_unchanged():
    text = "Gia đình tôi bị thu hồi 300 mét vuông đất nông nghiệp.\nĐề nghị bồi thường theo giá thị trường."
    assert strip_boilerplate(text) == text
