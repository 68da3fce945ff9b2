"""Realistic Vietnamese sentences for the text-mining tests (written for these tests)."""

SENTENCES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam, độc lập - tự do - hạnh phúc.",
    "Tôi tên là Nguyễn Văn Bình, sinh năm 1968, hiện cư trú tại thôn Đông, xã Tiên Du, tỉnh Bắc Ninh.",
    "Gia đình tôi có thửa đất số 125, tờ bản đồ số 7, diện tích 320 mét vuông, đã được cấp giấy chứng nhận quyền sử dụng đất năm 2003.",
    "Ngày 12 tháng 4 năm 2025, ủy ban nhân dân huyện ban hành quyết định thu hồi đất nhưng không bồi thường thỏa đáng.",
    "Tôi không đồng ý với mức giá bồi thường vì thấp hơn nhiều so với giá thị trường tại địa phương.",
    "Đề nghị cơ quan có thẩm quyền xem xét lại quyết định và hủy bỏ phần bồi thường trái pháp luật.",
    "Ông Trần Quốc Hưng, cán bộ địa chính xã, đã nhận tiền của nhiều hộ dân để làm thủ tục cấp sổ đỏ.",
    "Việc làm này có dấu hiệu tham nhũng, lợi dụng chức vụ, quyền hạn để trục lợi.",
    "Đường giao thông liên thôn xuống cấp nghiêm trọng, mùa mưa ngập úng khiến học sinh đi học rất khó khăn.",
    "Chúng tôi kiến nghị chính quyền sớm sửa chữa tuyến đường và bố trí kinh phí nạo vét kênh mương.",
    "Nhà máy chế biến thủy sản xả nước thải chưa qua xử lý ra sông, gây mùi hôi thối và ô nhiễm môi trường.",
    "Mẹ tôi là người có công với cách mạng nhưng đến nay vẫn chưa được hưởng chế độ trợ cấp theo quy định.",
    "Bệnh viện huyện thu thêm tiền khám chữa bệnh của người có thẻ bảo hiểm y tế mà không có biên lai.",
    "Trường tiểu học ép phụ huynh mua đồng phục và sách tham khảo với giá cao hơn ngoài thị trường.",
    "Hộ kinh doanh karaoke hoạt động quá giờ, gây tiếng ồn ảnh hưởng đến sinh hoạt của khu dân cư.",
    "Xin trân trọng cảm ơn quý cơ quan đã quan tâm giải quyết.",
    "Những người lao động ở khu công nghiệp chưa được công ty đóng bảo hiểm xã hội suốt mười tám tháng.",
    "Khuya nào cũng có xe tải chở đất đá chạy qua làng, bụi bay mù mịt và làm nứt tường nhà dân.",
    "Quyết định xử phạt vi phạm hành chính số 45 áp dụng sai mức phạt, xâm phạm quyền lợi hợp pháp của tôi.",
    "Ủy ban nhân dân phường đã tổ chức đối thoại nhưng chưa trả lời bằng văn bản cho người dân.",
    "Thuở nhỏ ông ngoại tôi đã khai hoang mảnh ruộng này, gia đình canh tác liên tục hơn bốn mươi năm.",
    "Nghiêng về phía quyền lợi doanh nghiệp, dự án đã bỏ qua ý kiến góp ý của người dân bị ảnh hưởng.",
    "Giữa năm ngoái, quỹ đất công ích của xã bị cho thuê trái phép với giá rẻ mà không qua đấu giá.",
    "Người dân thị trấn Ea Kar, tỉnh Đắk Lắk phản ánh tình trạng khoan giếng khai thác nước ngầm tràn lan.",
    "Huỳnh Thị Quỳnh, ấp Mỹ Khánh, xã Phong Điền, thành phố Cần Thơ, số điện thoại 0912345678.",
    "Ông ấy ỷ thế người nhà lãnh đạo, lấn chiếm hành lang an toàn giao thông để xây ki-ốt cho thuê.",
]

# Correct Unicode text whose letters are all Latin-1: a legacy decoder could "convert" it, so it guards
# against false detection.
LATIN1_ONLY = [
    "Xin chào",
    "Tôi tên là Nam",
    "Cà phê sáng",
    "Hôm nay trời mưa to",
    "Chào anh chị, tôi là Tâm",
    "Bên kia sông có cây cầu",
    "Áo dài màu tím",
    "Cô ấy hát hay",
]
