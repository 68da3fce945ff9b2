"""A realistic draft (shaped like a chapter of the draft Land Law) and its revision, for tests and demos."""

from __future__ import annotations

DRAFT_V1 = """QUỐC HỘI
Luật số:      /2026/QH15
DỰ THẢO

LUẬT
SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐẤT ĐAI

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Đất đai.

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Luật này quy định về chế độ sở hữu đất đai, quyền hạn và trách nhiệm của Nhà nước đại diện chủ sở hữu toàn dân về đất đai.

Điều 2. Đối tượng áp dụng
1. Cơ quan nhà nước thực hiện quyền hạn và trách nhiệm đại diện chủ sở hữu toàn dân về đất đai.
2. Người sử dụng đất.
3. Các đối tượng khác có liên quan đến việc quản lý, sử dụng đất đai.

Chương II
THU HỒI ĐẤT, BỒI THƯỜNG, HỖ TRỢ, TÁI ĐỊNH CƯ

Mục 1
THU HỒI ĐẤT

Điều 3. Các trường hợp thu hồi đất
1. Nhà nước thu hồi đất trong các trường hợp sau đây:
a) Thu hồi đất vì mục đích quốc phòng, an ninh;
b) Thu hồi đất để phát triển kinh tế - xã hội vì lợi ích quốc gia, công cộng;
c) Thu hồi đất do vi phạm pháp luật về đất đai;
d) Thu hồi đất do chấm dứt việc sử dụng đất theo pháp luật;
đ) Thu hồi đất có nguy cơ đe dọa tính mạng con người;
e) Thu hồi đất không còn khả năng tiếp tục sử dụng.
2. Việc thu hồi đất phải công khai, minh bạch, dân chủ, khách quan, bảo đảm công bằng và đúng quy định của pháp luật.

Điều 4. Thông báo thu hồi đất
1. Trước khi có quyết định thu hồi đất nông nghiệp chậm nhất 90 ngày, đất phi nông nghiệp chậm nhất 180 ngày, cơ quan có thẩm quyền phải thông báo thu hồi đất cho người có đất thu hồi.
2. Nội dung thông báo thu hồi đất gồm kế hoạch thu hồi đất, điều tra, khảo sát, đo đạc, kiểm đếm.

Mục 2
BỒI THƯỜNG, HỖ TRỢ, TÁI ĐỊNH CƯ

Điều 5. Nguyên tắc bồi thường về đất
1. Người sử dụng đất khi Nhà nước thu hồi đất nếu có đủ điều kiện được bồi thường thì được bồi thường.
2. Việc bồi thường được thực hiện bằng việc giao đất có cùng mục đích sử dụng với loại đất thu hồi, nếu không có đất để bồi thường thì được bồi thường bằng tiền theo giá đất cụ thể.
3. Việc bồi thường khi Nhà nước thu hồi đất phải bảo đảm dân chủ, khách quan, công bằng, công khai, kịp thời và đúng quy định của pháp luật.

Điều 6. Bố trí tái định cư
1. Khu tái định cư phải được hoàn thành trước khi có quyết định thu hồi đất.
2. Khu tái định cư phải có điều kiện phát triển bằng hoặc tốt hơn nơi ở cũ.

Chương III
ĐIỀU KHOẢN THI HÀNH

Điều 7. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2027.
"""

# The revision inserts an article before the old Điều 4 (so 4, 5, 6, 7 become 5, 6, 7, 8), rewords a
# clause of the article on compensation and drops nothing.
DRAFT_V2 = DRAFT_V1.replace(
    "Điều 4. Thông báo thu hồi đất",
    "Điều 4. Lấy ý kiến người có đất thu hồi\n"
    "1. Trước khi phê duyệt phương án thu hồi đất, Ủy ban nhân dân cấp xã tổ chức lấy ý kiến người có đất thu hồi.\n"
    "2. Kết quả lấy ý kiến được công khai tại trụ sở Ủy ban nhân dân cấp xã.\n\n"
    "Điều 5. Thông báo thu hồi đất",
).replace("Điều 5. Nguyên tắc bồi thường về đất", "Điều 6. Nguyên tắc bồi thường về đất").replace(
    "Điều 6. Bố trí tái định cư", "Điều 7. Bố trí tái định cư"
).replace("Điều 7. Hiệu lực thi hành", "Điều 8. Hiệu lực thi hành").replace(
    "được bồi thường bằng tiền theo giá đất cụ thể.",
    "được bồi thường bằng tiền theo giá đất cụ thể do Ủy ban nhân dân cấp tỉnh quyết định sát với giá thị trường.",
)
