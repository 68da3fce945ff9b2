"""The shape of a draft Land Law and the Vietnamese phrase pools the comment generator draws from.

The chapter list follows the 2023 draft Land Law (revised): 16 chapters, 237 articles. Article titles
are illustrative, grouped by the chapter's subject; nothing here is a legal rule.
"""

from __future__ import annotations

CHAPTERS: list[tuple[str, str, int, int, str]] = [
    # (roman numeral, title, first article, last article, topic)
    ("I", "Quy định chung", 1, 12, "chung"),
    ("II", "Quyền của Nhà nước, trách nhiệm của Nhà nước về đất đai", 13, 25, "chung"),
    ("III", "Quyền và nghĩa vụ của người sử dụng đất", 26, 48, "quyen"),
    ("IV", "Địa giới đơn vị hành chính, điều tra cơ bản về đất đai", 49, 58, "chung"),
    ("V", "Quy hoạch, kế hoạch sử dụng đất", 59, 76, "quy_hoach"),
    ("VI", "Thu hồi đất, trưng dụng đất", 77, 94, "thu_hoi"),
    ("VII", "Bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất", 95, 112, "boi_thuong"),
    ("VIII", "Phát triển, quản lý và khai thác quỹ đất", 113, 118, "quy_hoach"),
    ("IX", "Giao đất, cho thuê đất, chuyển mục đích sử dụng đất", 119, 128, "giao_dat"),
    ("X", "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", 129, 150, "cap_gcn"),
    ("XI", "Tài chính về đất đai, giá đất", 151, 162, "gia_dat"),
    ("XII", "Hệ thống thông tin đất đai và cơ sở dữ liệu đất đai", 163, 170, "chung"),
    ("XIII", "Chế độ sử dụng các loại đất", 171, 215, "nong_nghiep"),
    ("XIV", "Thủ tục hành chính về đất đai", 216, 222, "cap_gcn"),
    ("XV", "Giám sát, thanh tra, giải quyết tranh chấp, khiếu nại, tố cáo về đất đai", 223, 233, "tranh_chap"),
    ("XVI", "Điều khoản thi hành", 234, 237, "chung"),
]

# Where comments concentrate: the 2023 consultation was dominated by land recovery, compensation,
# land prices and certificates.
TOPIC_HEAT: dict[str, float] = {
    "thu_hoi": 9.0,
    "boi_thuong": 9.0,
    "gia_dat": 7.0,
    "cap_gcn": 4.0,
    "quy_hoach": 3.0,
    "nong_nghiep": 1.0,
    "giao_dat": 2.0,
    "quyen": 2.0,
    "tranh_chap": 2.0,
    "chung": 0.5,
}

OBJECTS: dict[str, list[str]] = {
    "thu_hoi": [
        "thu hồi đất để thực hiện dự án khu đô thị thương mại",
        "Nhà nước thu hồi đất khi chưa có khu tái định cư",
        "nhà đầu tư thỏa thuận trực tiếp với người dân về việc nhận chuyển nhượng",
        "cưỡng chế thu hồi đất trước khi chi trả xong tiền bồi thường",
        "thu hồi đất nông nghiệp để giao cho doanh nghiệp làm sân golf",
        "thu hồi đất vì lợi ích quốc gia, công cộng theo danh mục cụ thể",
        "thu hồi đất đối với dự án chậm tiến độ quá 24 tháng",
        "trưng dụng đất có thời hạn trong tình trạng khẩn cấp",
        "lấy ý kiến người dân trước khi phê duyệt phương án thu hồi",
        "thu hồi toàn bộ thửa đất khi phần còn lại quá nhỏ",
    ],
    "boi_thuong": [
        "bồi thường theo giá đất cụ thể sát với giá thị trường",
        "bồi thường bằng đất ở cho hộ bị thu hồi đất nông nghiệp",
        "hỗ trợ đào tạo, chuyển đổi nghề và tìm kiếm việc làm",
        "bố trí tái định cư tại chỗ cho người có đất bị thu hồi",
        "bồi thường chi phí đầu tư vào đất còn lại",
        "hỗ trợ ổn định đời sống trong thời gian ít nhất 12 tháng",
        "bồi thường cho đất không có giấy tờ nhưng sử dụng ổn định",
        "chi trả tiền bồi thường trong 30 ngày kể từ ngày có quyết định thu hồi",
        "khu tái định cư phải có điều kiện sống bằng hoặc tốt hơn nơi ở cũ",
        "hỗ trợ tiền thuê nhà trong thời gian chờ tái định cư",
    ],
    "gia_dat": [
        "khung giá đất do Chính phủ ban hành",
        "bảng giá đất được điều chỉnh hằng năm",
        "xác định giá đất theo nguyên tắc thị trường",
        "áp dụng phương pháp thặng dư để định giá đất",
        "Hội đồng thẩm định giá đất có đại diện người dân",
        "công khai cơ sở dữ liệu giá đất giao dịch thực tế",
        "thuế đối với người sở hữu nhiều nhà đất bỏ hoang",
        "tiền sử dụng đất khi chuyển mục đích sang đất ở",
    ],
    "quy_hoach": [
        "công khai quy hoạch sử dụng đất trên cổng thông tin điện tử",
        "điều chỉnh quy hoạch khi chưa lấy ý kiến cộng đồng dân cư",
        "quy hoạch treo quá 3 năm phải được điều chỉnh hoặc hủy",
        "kế hoạch sử dụng đất cấp huyện được lập hằng năm",
        "người dân trong vùng quy hoạch được xây dựng nhà tạm",
        "tích hợp quy hoạch sử dụng đất với quy hoạch đô thị",
    ],
    "cap_gcn": [
        "cấp Giấy chứng nhận cho đất không có giấy tờ sử dụng ổn định trước năm 2014",
        "ghi tên tất cả thành viên hộ gia đình trên Giấy chứng nhận",
        "cấp Giấy chứng nhận trong thời hạn 15 ngày làm việc",
        "cấp Giấy chứng nhận cho đất lấn chiếm đã sử dụng ổn định",
        "đăng ký đất đai lần đầu là bắt buộc",
        "cấp đổi Giấy chứng nhận miễn phí khi sai sót do cơ quan nhà nước",
        "thừa nhận giấy tờ mua bán viết tay trước năm 2008",
    ],
    "nong_nghiep": [
        "mở rộng hạn mức nhận chuyển nhượng đất trồng lúa",
        "cá nhân không trực tiếp sản xuất nông nghiệp nhận chuyển nhượng đất trồng lúa",
        "tích tụ, tập trung đất nông nghiệp cho sản xuất lớn",
        "sử dụng đất trồng lúa kém hiệu quả để trồng cây lâu năm",
        "giao đất rừng cho đồng bào dân tộc thiểu số tại chỗ",
        "thời hạn giao đất nông nghiệp 50 năm và tự động gia hạn",
    ],
    "giao_dat": [
        "đấu giá quyền sử dụng đất đối với mọi dự án có sử dụng đất",
        "giao đất không qua đấu giá cho doanh nghiệp nhà nước",
        "chuyển mục đích sử dụng đất vườn sang đất ở",
        "cho thuê đất trả tiền một lần cho cả thời gian thuê",
        "gia hạn sử dụng đất cho tổ chức kinh tế",
    ],
    "quyen": [
        "người Việt Nam định cư ở nước ngoài được nhận chuyển nhượng quyền sử dụng đất",
        "hộ gia đình được thế chấp quyền sử dụng đất tại tổ chức tín dụng",
        "người sử dụng đất được góp vốn bằng quyền sử dụng đất",
        "tổ chức tôn giáo được nhận chuyển nhượng đất",
        "người sử dụng đất được bồi thường khi bị hạn chế quyền",
    ],
    "tranh_chap": [
        "hòa giải tranh chấp đất đai tại Ủy ban nhân dân cấp xã là bắt buộc",
        "Tòa án giải quyết mọi tranh chấp đất đai",
        "xử lý trách nhiệm cán bộ để xảy ra lấn chiếm đất công",
        "thời hạn giải quyết khiếu nại về thu hồi đất",
        "thanh tra chuyên ngành đất đai ở cấp tỉnh",
    ],
    "chung": [
        "giải thích từ ngữ về hộ gia đình sử dụng đất",
        "nguyên tắc đất đai thuộc sở hữu toàn dân do Nhà nước đại diện chủ sở hữu",
        "trách nhiệm của Nhà nước trong việc bảo đảm đất ở cho người dân",
        "cơ sở dữ liệu đất đai quốc gia được kết nối với dữ liệu dân cư",
        "hiệu lực thi hành của Luật từ ngày 01 tháng 01 năm 2025",
        "Mặt trận Tổ quốc giám sát việc quản lý, sử dụng đất đai",
    ],
}

# The demand sentence carries the stance. Each kind has a supporting and an opposing form that share
# every other word; the opposing form must read differently on the marked text.
DEMANDS: dict[str, tuple[str, str]] = {
    "allow": ("đề nghị cho phép {obj}", "cho rằng không nên cho phép {obj}"),
    "agree": ("đồng ý với quy định về {obj}", "không đồng ý với quy định về {obj}"),
    "addremove": ("đề nghị bổ sung quy định về {obj}", "đề nghị bỏ quy định về {obj}"),
}

# Phrase slots: a campaign's canonical letter takes the first alternative; phrase-swapped copies another.
INTRO_SLOTS: list[list[str]] = [
    ["Sau khi nghiên cứu {ref}, tôi", "Qua theo dõi {ref}, tôi", "Đọc kỹ {ref}, tôi", "Về {ref}, tôi"],
    ["Chúng tôi là những người dân đang sinh sống tại {place}, sau khi đọc {ref}, chúng tôi",
     "Là người dân ở {place}, sau khi tìm hiểu {ref}, chúng tôi",
     "Bà con chúng tôi ở {place} đã đọc {ref} và"],
]
CONNECTORS: list[list[str]] = [
    ["Bởi vì", "Lý do là", "Vì", "Thực tế cho thấy"],
    ["Ngoài ra,", "Bên cạnh đó,", "Hơn nữa,", "Mặt khác,"],
    ["Cuối cùng,", "Đặc biệt,", "Quan trọng hơn,", "Thêm vào đó,"],
]
ENDINGS: list[str] = [
    "Mong Ban soạn thảo xem xét, tiếp thu ý kiến này.",
    "Kính mong Ban soạn thảo nghiên cứu và điều chỉnh cho phù hợp.",
    "Rất mong ý kiến của chúng tôi được lắng nghe.",
    "Đề nghị cơ quan soạn thảo cân nhắc kỹ nội dung này.",
    "Mong rằng Luật sẽ thực sự đi vào cuộc sống.",
]

SUBJECTS: list[str] = [
    "nhiều hộ gia đình", "người dân bị thu hồi đất", "bà con nông dân", "các doanh nghiệp nhỏ",
    "người lao động ở nông thôn", "các hộ sản xuất kinh doanh", "chính quyền cơ sở", "người mua nhà lần đầu",
    "đồng bào dân tộc thiểu số", "các hợp tác xã", "người cao tuổi", "thanh niên mới lập nghiệp",
    "nhà đầu tư có năng lực", "cán bộ địa chính", "các gia đình chính sách", "người dân vùng ven đô",
    "hộ nghèo", "tiểu thương ở chợ", "ngư dân ven biển", "công nhân khu công nghiệp",
]
PREDICATES: list[str] = [
    "đang gặp rất nhiều khó khăn khi", "chưa được bảo đảm quyền lợi khi", "phải chờ đợi nhiều năm để",
    "thường bị thiệt thòi khi", "không đủ điều kiện để", "mất sinh kế lâu dài nếu phải",
    "phải tốn nhiều chi phí để", "bị ảnh hưởng nặng nề khi", "mong muốn được minh bạch khi",
    "cần được hướng dẫn cụ thể để", "dễ phát sinh khiếu kiện khi", "gặp vướng mắc về thủ tục khi",
    "khó tiếp cận thông tin khi", "bị chậm trễ kéo dài khi", "lo lắng về tương lai khi",
    "chịu nhiều rủi ro pháp lý khi", "phải vay mượn để", "không được tham gia ý kiến khi",
]
COMPLEMENTS: list[str] = [
    "nhận tiền bồi thường", "làm thủ tục cấp sổ đỏ", "chuyển đổi nghề nghiệp", "tìm nơi ở mới",
    "thế chấp vay vốn ngân hàng", "tách thửa cho con cái", "chuyển nhượng một phần diện tích",
    "xây dựng nhà ở trên đất vườn", "tiếp tục canh tác trên đất của mình", "đối chiếu bảng giá đất",
    "tham gia đấu giá quyền sử dụng đất", "giải quyết tranh chấp với hàng xóm", "đăng ký biến động đất đai",
    "xác định nguồn gốc sử dụng đất", "nhận đất tái định cư", "khiếu nại quyết định hành chính",
    "thuê đất sản xuất kinh doanh", "góp vốn bằng quyền sử dụng đất", "chuyển mục đích sử dụng đất",
    "thừa kế quyền sử dụng đất",
]
SPECIFICS: list[str] = [
    ", nhất là ở {place}", " trong {y} năm qua", ", ảnh hưởng đến khoảng {n} hộ dân",
    " với chi phí lên tới {n} triệu đồng", ", kéo dài tới {n} tháng", " tại {n} dự án ở {place}",
    ", theo khảo sát có {p}% số hộ như vậy", "",
]
PERSONAL: list[str] = [
    "Gia đình tôi có {n} m2 đất {kind} ở {place} đã bị thu hồi từ năm {year} mà vẫn chưa được giải quyết.",
    "Bản thân tôi làm {job} đã {n} năm, chứng kiến nhiều trường hợp tương tự tại {place}.",
    "Thửa đất của bố mẹ tôi ở {place} rộng {n} m2, đến năm {year} vẫn chưa được cấp sổ.",
    "Xã tôi ở {place} có {n} hộ đang chờ tái định cư từ năm {year}.",
    "Tôi đã nộp hồ sơ từ năm {year} nhưng sau {n} tháng vẫn chưa có kết quả.",
]
LAND_KINDS: list[str] = ["trồng lúa", "vườn", "ở", "trồng cây lâu năm", "nuôi trồng thủy sản", "rừng sản xuất"]
JOBS: list[str] = ["luật sư", "cán bộ địa chính", "giáo viên", "kỹ sư xây dựng", "nông dân", "kế toán", "bác sĩ",
                   "công chức xã", "doanh nhân", "kiến trúc sư"]

# Word swaps that keep the meaning; none of them touches a stance cue.
SYNONYMS: dict[str, str] = {
    "người dân": "nhân dân", "hộ gia đình": "gia đình", "doanh nghiệp": "công ty", "khó khăn": "vất vả",
    "bảo đảm": "đảm bảo", "xem xét": "cân nhắc", "thực tế": "thực tiễn", "quyền lợi": "lợi ích",
    "ảnh hưởng": "tác động", "nhiều": "rất nhiều", "cụ thể": "rõ ràng", "thủ tục": "giấy tờ",
    "chúng tôi": "chúng em", "tôi": "em", "nghiên cứu": "tìm hiểu", "lâu dài": "bền vững",
    "Luật": "luật", "nơi ở mới": "chỗ ở mới", "sinh kế": "kế sinh nhai",
}

GREETINGS: list[str] = [
    "Kính gửi Ban soạn thảo Luật Đất đai (sửa đổi),", "Kính gửi: Ban soạn thảo", "Kính gửi Quốc hội,",
    "Kính thưa Ban soạn thảo,", "Xin chào Ban soạn thảo,", "Kính gửi Bộ Tài nguyên và Môi trường,",
    "Kính gửi các đại biểu Quốc hội,", "Thưa quý cơ quan,",
]
CLOSINGS: list[str] = ["Trân trọng,", "Xin chân thành cảm ơn!", "Xin cảm ơn.", "Trân trọng cảm ơn!", "Kính thư,"]
SIGNATURE_FORMS: list[str] = ["{name}", "Người góp ý: {name} ({place})", "{name} - {place}", "-- {name}",
                              "{name}\nSĐT: {phone}"]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Hoài", "Xuân", "Gia", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Huy", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"]

# The 63 provinces of 2023, when the consultation ran.
PROVINCES: list[str] = [
    "Hà Nội", "TP. Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang",
    "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau",
    "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam",
    "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
COMMUNES: list[str] = ["xã Tân Phú", "phường Hòa Khánh", "xã Đông Hòa", "thị trấn Phước Long", "xã Bình Minh",
                       "phường An Lạc", "xã Thạch Bàn", "xã Nghĩa Trung", "phường Long Biên", "xã Hương Sơn"]

# Words a typo must not touch: a typo there would flip or erase the stance, and then no truth could
# say what the writer meant.
CUE_WORDS: frozenset[str] = frozenset(
    {"không", "đồng", "ý", "bỏ", "bổ", "sung", "nên", "phép", "cho", "đề", "nghị", "chưa", "phản", "đối",
     "tán", "thành", "nhất", "trí", "ủng", "hộ", "chẳng", "đừng"}
)


def articles() -> list[tuple[int, str, str]]:
    """Every article of the draft as (number, anchor 'Điều N', topic)."""
    out: list[tuple[int, str, str]] = []
    for _roman, _title, first, last, topic in CHAPTERS:
        out.extend((n, f"Điều {n}", topic) for n in range(first, last + 1))
    return out
