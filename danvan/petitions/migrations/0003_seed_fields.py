"""The fields of state management of the Ministry of Agriculture and Environment (Decree 35/2025/ND-CP).

Administrators can rename, add or reorder them; keywords seed the field suggestion.
"""

from django.db import migrations

FIELDS = [
    ("dat-dai", "Đất đai", "đất đai, thu hồi đất, bồi thường, giải phóng mặt bằng, tái định cư, giấy chứng nhận, "
     "sổ đỏ, quyền sử dụng đất, giá đất, quy hoạch sử dụng đất, tranh chấp đất, lấn chiếm, giao đất, cho thuê đất"),
    ("moi-truong", "Môi trường", "môi trường, ô nhiễm, chất thải, rác thải, nước thải, khí thải, tiếng ồn, mùi hôi, "
     "khói bụi, đánh giá tác động môi trường, xả thải"),
    ("tai-nguyen-nuoc", "Tài nguyên nước", "tài nguyên nước, nước ngầm, khai thác nước, nguồn nước, sông, hồ chứa"),
    ("khoang-san", "Địa chất và khoáng sản", "khoáng sản, khai thác cát, cát sỏi, mỏ đá, khai thác mỏ, địa chất, "
     "khai thác trái phép"),
    ("khi-tuong-thuy-van", "Khí tượng thủy văn, biến đổi khí hậu", "khí tượng, thủy văn, dự báo, biến đổi khí hậu, "
     "sạt lở, thiên tai"),
    ("bien-hai-dao", "Biển và hải đảo", "biển, hải đảo, ven biển, lấn biển, giao khu vực biển"),
    ("do-dac-ban-do", "Đo đạc và bản đồ", "đo đạc, bản đồ, địa chính, mốc giới, trích lục"),
    ("nong-nghiep", "Trồng trọt, chăn nuôi, thú y", "giống cây trồng, phân bón, thuốc bảo vệ thực vật, chăn nuôi, "
     "thú y, dịch bệnh, gia súc, gia cầm, vật tư nông nghiệp"),
    ("lam-nghiep", "Lâm nghiệp", "rừng, phá rừng, lâm nghiệp, đất rừng, kiểm lâm, trồng rừng, khai thác gỗ"),
    ("thuy-san", "Thủy sản", "thủy sản, nuôi trồng thủy sản, đánh bắt, tàu cá, ngư dân"),
    ("thuy-loi", "Thủy lợi, phòng chống thiên tai", "thủy lợi, kênh mương, đê điều, hồ đập, tưới tiêu, đê"),
    ("chinh-sach", "Chế độ, chính sách", "chế độ, chính sách, hỗ trợ, trợ cấp, bảo hiểm"),
    ("can-bo", "Tổ chức cán bộ", "cán bộ, công chức, nhũng nhiễu, hách dịch, tham nhũng, thái độ, tuyển dụng"),
    ("khac", "Lĩnh vực khác", ""),
]


def seed(apps, schema_editor):
    Field = apps.get_model("petitions", "Field")
    for order, (code, name, keywords) in enumerate(FIELDS):
        Field.objects.update_or_create(code=code, defaults={"name": name, "keywords": keywords, "order": order})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0002_search_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
