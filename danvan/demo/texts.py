"""Realistic Vietnamese petitions for the demo desk and the benchmarks. Plain Python, seeded, no Django."""

from __future__ import annotations

import random
from dataclasses import dataclass

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Xuân", "Thanh"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Kim", "Hồng", "Mai"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khang", "Long", "Nam", "Phúc", "Quang", "Sơn", "Tâm",
           "Thắng", "Toàn", "Tuấn", "Việt", "Vinh"]
GIVEN_F = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Loan", "Nga", "Nhung",
           "Phương", "Thảo", "Trang", "Tuyết", "Yến"]
OFFICIALS = ["cán bộ địa chính xã", "Chủ tịch UBND xã", "Phó Chủ tịch UBND phường", "cán bộ Văn phòng đăng ký đất đai",
             "Trưởng thôn", "cán bộ kiểm lâm địa bàn", "công chức tài nguyên và môi trường xã"]
COMPANIES = ["Công ty TNHH Khoáng sản Phú Thịnh", "Công ty CP Chế biến thủy sản Sao Biển", "Nhà máy giấy Hưng Phát",
             "Công ty CP Đầu tư Bất động sản Hoàng Long", "HTX Khai thác cát Đại Thành", "Cơ sở chăn nuôi lợn Tân Phú",
             "Công ty TNHH Gạch ngói Minh Phát", "Khu công nghiệp Nam Cầu Kiền"]
RIVERS = ["sông Hồng", "sông Đà", "sông Cầu", "sông Hàn", "sông Thu Bồn", "sông Đồng Nai", "sông Tiền", "sông Lô"]


@dataclass(frozen=True)
class DemoPetition:
    kind: str  # complaint | denunciation | recommendation | mixed
    field: str  # a petitions.Field code
    subject: str
    content: str
    decision_text: str
    request_text: str
    full_name: str
    phone: str
    id_number: str


def person_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"


def _slots(rng: random.Random, place: str) -> dict[str, str]:
    return {
        "place": place,
        "parcel": str(rng.randint(12, 980)),
        "sheet": str(rng.randint(1, 60)),
        "area": str(rng.choice([85, 120, 156, 200, 240, 320, 450, 600, 1200, 2500])),
        "decision": f"{rng.randint(100, 4999)}/QĐ-UBND",
        "day": str(rng.randint(1, 28)),
        "month": str(rng.randint(1, 12)),
        "year": str(rng.choice([2024, 2025, 2026])),
        "official": rng.choice(OFFICIALS),
        "official_name": person_name(rng),
        "company": rng.choice(COMPANIES),
        "river": rng.choice(RIVERS),
        "money": str(rng.choice([5, 10, 15, 20, 30, 50, 70, 100])),
        "months": str(rng.randint(2, 18)),
        "households": str(rng.randint(5, 120)),
    }


# (kind, field, subject, content, decision_text, request_text)
TEMPLATES: list[tuple[str, str, str, str, str, str]] = [
    ("complaint", "dat-dai", "Khiếu nại quyết định thu hồi đất",
     "Tôi là chủ sử dụng thửa đất số {parcel}, tờ bản đồ số {sheet}, diện tích {area} m² tại {place}. Ngày {day}/{month}/{year}, "
     "UBND ban hành Quyết định số {decision} thu hồi toàn bộ diện tích đất nông nghiệp của gia đình tôi để thực hiện dự án "
     "khu dân cư. Giá bồi thường thấp hơn nhiều so với giá đất thực tế chuyển nhượng tại địa phương và gia đình tôi không "
     "được bố trí tái định cư. Tôi khiếu nại quyết định này.",
     "Quyết định số {decision} ngày {day}/{month}/{year} về việc thu hồi đất",
     "Đề nghị hủy quyết định, xác định lại giá đất cụ thể để bồi thường và bố trí tái định cư"),
    ("complaint", "dat-dai", "Khiếu nại về giá bồi thường, hỗ trợ",
     "Gia đình tôi có {area} m² đất ở bị ảnh hưởng bởi dự án mở rộng đường tại {place}. Phương án bồi thường được phê duyệt "
     "kèm Quyết định số {decision} chỉ hỗ trợ một phần tài sản trên đất, không tính cây trồng lâu năm và công trình phụ. "
     "Tôi đã có ý kiến tại buổi đối thoại nhưng không được xem xét.",
     "Quyết định số {decision} phê duyệt phương án bồi thường, hỗ trợ, tái định cư",
     "Đề nghị xem xét lại, bồi thường đầy đủ tài sản, cây trồng trên đất"),
    ("complaint", "dat-dai", "Khiếu nại việc từ chối cấp giấy chứng nhận",
     "Tôi nộp hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa đất số {parcel} tại {place} từ tháng {month}/{year}, "
     "đất sử dụng ổn định từ năm 1995, không tranh chấp. Văn phòng đăng ký đất đai trả hồ sơ với lý do không phù hợp quy hoạch "
     "nhưng không nêu căn cứ. Tôi khiếu nại hành vi trả hồ sơ này.",
     "Hành vi trả hồ sơ đề nghị cấp giấy chứng nhận của Văn phòng đăng ký đất đai",
     "Đề nghị xem xét cấp giấy chứng nhận theo quy định"),
    ("complaint", "moi-truong", "Khiếu nại quyết định xử phạt vi phạm hành chính về môi trường",
     "Cơ sở sản xuất của tôi tại {place} bị xử phạt theo Quyết định số {decision} với số tiền {money} triệu đồng về hành vi "
     "xả nước thải vượt quy chuẩn. Tuy nhiên mẫu nước được lấy tại cống chung của khu dân cư, không phải tại điểm xả của cơ sở. "
     "Tôi khiếu nại quyết định xử phạt này.",
     "Quyết định xử phạt vi phạm hành chính số {decision}",
     "Đề nghị hủy quyết định xử phạt, lấy mẫu lại đúng quy trình"),
    ("complaint", "khoang-san", "Khiếu nại quyết định thu hồi giấy phép khai thác",
     "{company} được cấp giấy phép khai thác đá làm vật liệu xây dựng tại {place}. Ngày {day}/{month}/{year} cơ quan có thẩm quyền "
     "ban hành Quyết định số {decision} thu hồi giấy phép trước thời hạn mà không thông báo trước. Doanh nghiệp khiếu nại quyết định này.",
     "Quyết định số {decision} thu hồi giấy phép khai thác khoáng sản",
     "Đề nghị hủy quyết định thu hồi giấy phép"),
    ("denunciation", "dat-dai", "Tố cáo cán bộ địa chính nhận tiền làm hồ sơ",
     "Tôi tố cáo ông {official_name}, {official} tại {place}, đã yêu cầu nhiều hộ dân nộp từ {money} triệu đồng mỗi hồ sơ để "
     "được làm nhanh thủ tục cấp giấy chứng nhận quyền sử dụng đất. Có ít nhất {households} hộ đã nộp tiền nhưng không được "
     "viết biên lai. Đây là hành vi nhũng nhiễu, tham nhũng.",
     "Ông {official_name}, {official}",
     "Đề nghị xác minh, xử lý nghiêm theo quy định của pháp luật"),
    ("denunciation", "khoang-san", "Tố cáo khai thác cát trái phép",
     "Nhiều tháng nay, vào ban đêm có các tàu hút cát trái phép trên {river} đoạn qua {place}, gây sạt lở bờ sông, đe dọa nhà cửa "
     "của {households} hộ dân. Người dân đã báo chính quyền địa phương nhưng tình trạng vẫn tiếp diễn, có dấu hiệu bao che của "
     "{official} {official_name}.",
     "{official} {official_name} và các chủ tàu hút cát trên {river}",
     "Đề nghị kiểm tra, xử lý các tàu khai thác cát trái phép và người bao che"),
    ("denunciation", "moi-truong", "Tố cáo doanh nghiệp chôn lấp chất thải nguy hại",
     "Tôi tố cáo {company} đã chôn lấp chất thải nguy hại trong khuôn viên nhà máy tại {place}, gây ô nhiễm nguồn nước giếng "
     "của các hộ xung quanh. Tôi có ảnh chụp và video ghi lại việc xe chở chất thải ra vào ban đêm.",
     "{company}",
     "Đề nghị kiểm tra, xử lý vi phạm và khắc phục ô nhiễm"),
    ("denunciation", "lam-nghiep", "Tố cáo phá rừng phòng hộ",
     "Tôi tố cáo việc một số người phá khoảng {area} m² rừng phòng hộ tại {place} để trồng keo, có sự tiếp tay của {official} "
     "{official_name}. Sự việc kéo dài {months} tháng nhưng chưa được xử lý.",
     "{official} {official_name} và những người phá rừng",
     "Đề nghị xác minh, xử lý theo quy định"),
    ("recommendation", "moi-truong", "Phản ánh ô nhiễm mùi hôi từ cơ sở chăn nuôi",
     "Cơ sở chăn nuôi lợn gần khu dân cư tại {place} xả nước thải chưa qua xử lý ra kênh thủy lợi, mùi hôi thối bốc lên "
     "suốt {months} tháng nay ảnh hưởng đến sức khỏe của hàng trăm hộ dân. Đề nghị cơ quan chức năng kiểm tra, xử lý.",
     "", "Đề nghị kiểm tra, xử lý ô nhiễm"),
    ("recommendation", "moi-truong", "Phản ánh khói bụi từ nhà máy gạch",
     "Nhà máy gạch của {company} tại {place} thường xuyên xả khói bụi đen vào ban đêm, bụi bám dày trên mái nhà và cây trồng. "
     "Người dân nhiều lần phản ánh nhưng chưa có kết quả.",
     "", "Đề nghị quan trắc chất lượng không khí và xử lý"),
    ("recommendation", "dat-dai", "Kiến nghị đẩy nhanh cấp giấy chứng nhận",
     "Hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất của gia đình tôi tại {place} đã nộp được {months} tháng nhưng chưa "
     "được giải quyết, quá thời hạn theo quy định. Kính đề nghị Bộ chỉ đạo đẩy nhanh việc giải quyết.",
     "", "Đề nghị giải quyết hồ sơ đúng hạn"),
    ("recommendation", "tai-nguyen-nuoc", "Phản ánh khai thác nước ngầm gây sụt lún",
     "Tại {place} nhiều cơ sở khai thác nước ngầm với lưu lượng lớn, gây sụt lún nền nhà và giếng nước của dân bị cạn. "
     "Đề nghị kiểm tra giấy phép khai thác tài nguyên nước của các cơ sở này.",
     "", "Đề nghị kiểm tra giấy phép khai thác nước"),
    ("recommendation", "thuy-loi", "Kiến nghị sửa chữa kênh mương nội đồng",
     "Hệ thống kênh mương nội đồng tại {place} xuống cấp nghiêm trọng, bờ kênh sạt lở, nước không về kịp vụ Đông Xuân, "
     "ảnh hưởng đến sản xuất của {households} hộ dân. Kính đề nghị quan tâm đầu tư sửa chữa.",
     "", "Đề nghị đầu tư sửa chữa kênh mương"),
    ("recommendation", "nong-nghiep", "Phản ánh phân bón giả, kém chất lượng",
     "Vụ vừa qua nhiều hộ dân tại {place} mua phân bón NPK của một đại lý, bón xong lúa không phát triển, năng suất giảm "
     "mạnh. Nghi ngờ phân bón giả, kém chất lượng, đề nghị kiểm tra.",
     "", "Đề nghị kiểm tra chất lượng phân bón, hỗ trợ thiệt hại"),
    ("recommendation", "thuy-san", "Kiến nghị hỗ trợ ngư dân",
     "Ngư dân tại {place} gặp nhiều khó khăn do giá nhiên liệu tăng và thời tiết bất thường, nhiều tàu cá phải nằm bờ. "
     "Kính đề nghị có chính sách hỗ trợ vốn vay và bảo hiểm cho ngư dân.",
     "", "Đề nghị chính sách hỗ trợ ngư dân"),
    ("recommendation", "khi-tuong-thuy-van", "Phản ánh sạt lở bờ sông",
     "Bờ {river} đoạn qua {place} sạt lở nghiêm trọng sau mùa mưa lũ, nhiều đoạn đã ăn sâu vào đất ở của dân. "
     "Đề nghị khảo sát, có giải pháp kè chống sạt lở và di dời khẩn cấp các hộ trong vùng nguy hiểm.",
     "", "Đề nghị xây kè chống sạt lở"),
    ("mixed", "dat-dai", "Khiếu nại và tố cáo về bồi thường giải phóng mặt bằng",
     "Tôi khiếu nại Quyết định số {decision} về bồi thường khi thu hồi {area} m² đất của gia đình tôi tại {place} vì áp giá "
     "không đúng. Đồng thời tôi tố cáo {official} {official_name} đã lập hồ sơ khống cho một số hộ không có đất để nhận tiền "
     "bồi thường.",
     "Quyết định số {decision}; {official} {official_name}",
     "Đề nghị xem xét lại mức bồi thường và xử lý người vi phạm"),
]


def demo_petition(rng: random.Random, place: str, *, strip_marks: bool = False) -> DemoPetition:
    kind, field, subject, content, decision, request = rng.choice(TEMPLATES)
    slots = _slots(rng, place)
    text = content.format(**slots)
    if rng.random() < 0.4:
        text = "Kính gửi: Bộ Nông nghiệp và Môi trường.\n" + text + "\nTôi xin chân thành cảm ơn."
    if strip_marks:
        from textmining.normalize import fold

        text = fold(text)
    return DemoPetition(
        kind=kind, field=field, subject=subject, content=text, decision_text=decision.format(**slots),
        request_text=request, full_name=person_name(rng), phone="09" + "".join(rng.choices("0123456789", k=8)),
        id_number="0" + "".join(rng.choices("0123456789", k=11)),
    )
