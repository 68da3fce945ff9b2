"""Realistic petitions written for these tests: (label, text). Some typed without diacritics."""

COMPLAINTS = [
    "Tôi khiếu nại Quyết định số 1234/QĐ-UBND ngày 12/4/2025 của Ủy ban nhân dân huyện Tiên Du về việc thu hồi "
    "đất của gia đình tôi. Mức bồi thường 1,2 triệu đồng một mét vuông thấp hơn nhiều so với giá thị trường. "
    "Đề nghị xem xét lại quyết định và bồi thường thỏa đáng.",
    "ĐƠN TỐ CÁO\nKính gửi: Chủ tịch UBND tỉnh.\nNgày 3/2/2025 Chủ tịch UBND xã ban hành quyết định cưỡng chế "
    "tháo dỡ công trình chăn nuôi của gia đình tôi. Tôi không đồng ý với quyết định này vì công trình xây "
    "trên đất của gia đình. Đề nghị Chủ tịch tỉnh xem xét lại và hủy quyết định cưỡng chế nói trên.",
    "Tôi là giáo viên trường trung học cơ sở, bị Hiệu trưởng ra quyết định kỷ luật khiển trách không đúng quy "
    "trình, không tổ chức họp hội đồng kỷ luật. Tôi làm đơn khiếu nại quyết định kỷ luật này, đề nghị hủy "
    "quyết định và khôi phục quyền lợi cho tôi.",
    "Chi cục thuế áp thuế sử dụng đất phi nông nghiệp với gia đình tôi sai diện tích. Hành vi hành chính này "
    "xâm phạm quyền và lợi ích hợp pháp của gia đình tôi. Tôi khiếu nại lần hai vì quyết định giải quyết "
    "khiếu nại lần đầu vẫn giữ nguyên mức thuế.",
    "toi khieu nai quyet dinh xu phat vi pham hanh chinh so 45/QD-XPVPHC cua cong an xa vi ap dung sai muc "
    "phat. de nghi xem xet lai quyet dinh va tra lai tien phat cho toi",
    "Gia đình tôi không đồng ý với phương án bồi thường, hỗ trợ và tái định cư đã được phê duyệt vì không tính "
    "phần diện tích đất vườn liền kề. Tôi khiếu nại quyết định phê duyệt phương án và đề nghị điều chỉnh lại.",
]

DENUNCIATIONS = [
    "Tôi tố cáo ông Trần Quốc Hưng, cán bộ địa chính xã, đã nhận hối lộ của nhiều hộ dân để làm thủ tục cấp "
    "giấy chứng nhận quyền sử dụng đất trái quy định. Mỗi hộ phải đưa từ 5 đến 10 triệu đồng.",
    "Chúng tôi tố cáo Chủ tịch UBND xã Phú Lâm có hành vi tham nhũng, lợi dụng chức vụ quyền hạn cho người "
    "nhà thuê đất công ích với giá rẻ, không qua đấu giá. Đề nghị cơ quan có thẩm quyền xác minh và xử lý "
    "nghiêm sai phạm của cán bộ này.",
    "Kế toán trường mầm non tự ý thu thêm các khoản ngoài quy định rồi chiếm đoạt, không nộp vào ngân sách. "
    "Hiệu trưởng biết nhưng bao che. Đề nghị thanh tra làm rõ sai phạm của những người này.",
    "to cao can bo thue phuong vong vinh, nhung nhieu ho kinh doanh, doi moi ho phai dua tien moi thang thi "
    "moi khong bi kiem tra. de nghi xu ly nghiem hanh vi nhan hoi lo cua can bo nay",
    "Tôi tố cáo Giám đốc Ban quản lý dự án huyện đã lập hồ sơ khống, nghiệm thu khối lượng công trình đường "
    "giao thông không đúng thực tế để rút tiền ngân sách, gây thất thoát hàng tỷ đồng.",
    "Trưởng thôn lợi dụng chức vụ để ăn chặn tiền hỗ trợ hộ nghèo của nhiều gia đình trong thôn. Tôi tố cáo "
    "hành vi vi phạm pháp luật này và đề nghị xử lý nghiêm minh.",
]

RECOMMENDATIONS = [
    "Đường giao thông liên thôn xuống cấp nghiêm trọng, mùa mưa ngập úng khiến học sinh đi học rất khó khăn. "
    "Chúng tôi kiến nghị chính quyền sớm sửa chữa tuyến đường.",
    "Nhà máy chế biến thủy sản xả nước thải chưa qua xử lý ra sông, gây mùi hôi thối và ô nhiễm môi trường. "
    "Người dân phản ánh nhiều lần nhưng chưa được giải quyết, đề nghị cơ quan chức năng kiểm tra.",
    "Mẹ tôi là người có công với cách mạng nhưng đến nay vẫn chưa được hưởng trợ cấp. Đề nghị các cấp quan tâm "
    "xem xét, hỗ trợ cho gia đình tôi.",
    "phan anh tinh trang xe tai cho dat da chay qua lang vao ban dem, bui bay mu mit va lam nut tuong nha dan. "
    "de nghi chinh quyen co bien phap han che tai trong xe",
    "Tôi đề nghị cơ quan đăng ký đất đai sớm giải quyết hồ sơ cấp giấy chứng nhận của gia đình tôi, đã nộp từ "
    "tháng 6 năm ngoái đến nay chưa có kết quả.",
    "Kiến nghị bổ sung quy định hỗ trợ chuyển đổi nghề cho người dân bị thu hồi đất nông nghiệp, vì mức hỗ "
    "trợ hiện nay quá thấp so với thực tế.",
    "Hộ kinh doanh karaoke hoạt động quá giờ, gây tiếng ồn ảnh hưởng đến sinh hoạt của khu dân cư. Chúng tôi "
    "phản ánh sự việc và mong chính quyền phường quan tâm giải quyết.",
]

MIXED = [
    "Tôi khiếu nại quyết định thu hồi đất số 56/QĐ-UBND vì bồi thường không đúng diện tích, đề nghị hủy quyết "
    "định. Đồng thời tôi tố cáo cán bộ địa chính xã đã nhận tiền của các hộ khác để đo đạc tăng diện tích cho họ, "
    "đây là hành vi tham nhũng cần xử lý nghiêm.",
    "Đề nghị xem xét lại quyết định xử phạt của đội quản lý thị trường đối với cửa hàng của tôi. Ngoài ra tôi tố "
    "cáo đội trưởng đã vòi vĩnh, nhận hối lộ của các cửa hàng khác trong chợ.",
]

LABELLED = (
    [("complaint", t) for t in COMPLAINTS]
    + [("denunciation", t) for t in DENUNCIATIONS]
    + [("recommendation", t) for t in RECOMMENDATIONS]
    + [("mixed", t) for t in MIXED]
)
