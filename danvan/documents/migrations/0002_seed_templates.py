"""The first document templates: notices, slips, decisions, a conclusion and an answer.

The wording follows the Law on Complaints 02/2011/QH13, the Law on Denunciations 25/2018/QH14 (both as
amended by Law 136/2025/QH15 from 2026-07-01), Decree 124/2020/ND-CP, Decree 31/2019/ND-CP and Circular
05/2021/TT-TTCP. Administrators edit them in the admin; see docs/documents.md for the values each one uses.
The texts live here, not imported from the app, so this migration stays as it was when it ran.
"""

from django.db import migrations

LUAT_KN = "> Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011, được sửa đổi, bổ sung bởi Luật số 136/2025/QH15;"
ND_124 = ("> Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định chi tiết "
          "một số điều và biện pháp thi hành Luật Khiếu nại;")
LUAT_TC = "> Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018, được sửa đổi, bổ sung bởi Luật số 136/2025/QH15;"
ND_31 = ("> Căn cứ Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019 của Chính phủ quy định chi tiết một số "
         "điều và biện pháp tổ chức thi hành Luật Tố cáo;")
TT_05 = ("Thông tư số 05/2021/TT-TTCP ngày 01 tháng 10 năm 2021 của Thanh tra Chính phủ quy định quy trình xử lý "
         "đơn khiếu nại, đơn tố cáo, đơn kiến nghị, phản ánh")
CHUC_NANG = "{% if can_cu_chuc_nang %}> Căn cứ {{ can_cu_chuc_nang }};{% endif %}"
DE_NGHI = "{% if nguoi_de_nghi %}> Theo đề nghị của {{ nguoi_de_nghi }}.{% endif %}"
LUU = "Lưu: VT, {{ don_vi_soan_thao }}"
NOI_NHAN_KHAC = "{% for n in noi_nhan_khac %}{{ n }}\n{% endfor %}"
DON_NHAN = ("Ngày {{ ngay_nhan|ngay_so }}, {{ co_quan }} nhận được đơn{% if loai_don %} {{ loai_don }}{% endif %}{% if ngay_don %} ghi ngày "
            "{{ ngay_don|ngay_so }}{% endif %} của {{ nguoi_gui }}{% if dia_chi %}, địa chỉ: {{ dia_chi }}{% endif %}. "
            "Nội dung đơn: {{ noi_dung }}.")


def join(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


TEMPLATES = [
    {
        "code": "thong-bao-thu-ly-khieu-nai",
        "name": "Thông báo thụ lý giải quyết khiếu nại",
        "doc_type": "THÔNG BÁO",
        "type_abbr": "TB",
        "summary_template": "Về việc thụ lý giải quyết khiếu nại {% firstof lan 'lần đầu' %}",
        "body_template": join(
            "Ngày {{ ngay_nhan|ngay_so }}, {{ co_quan }} nhận được đơn khiếu nại{% if ngay_don %} ghi ngày "
            "{{ ngay_don|ngay_so }}{% endif %} của {{ nguoi_khieu_nai }}{% if dia_chi %}, địa chỉ: {{ dia_chi }}{% endif %}, "
            "khiếu nại {{ noi_dung }}.",
            "Sau khi xem xét nội dung đơn khiếu nại, căn cứ {% if lan == 'lần hai' %}Điều 36{% else %}Điều 27{% endif %} "
            "Luật Khiếu nại năm 2011 và Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ, khiếu nại "
            "đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết của {{ nguoi_giai_quyet }}.",
            "Ngày {% if ngay_thu_ly %}{{ ngay_thu_ly|ngay_so }}{% else %}{{ ngay_ban_hanh|ngay_so }}{% endif %}, {{ nguoi_giai_quyet }} đã thụ lý giải quyết "
            "khiếu nại {% firstof lan 'lần đầu' %}. Thời hạn giải quyết là {{ thoi_han }} ngày kể từ ngày thụ lý theo "
            "quy định tại {% if lan == 'lần hai' %}Điều 37{% else %}Điều 28{% endif %} Luật Khiếu nại năm 2011.",
            "{{ co_quan }} thông báo để {{ nguoi_khieu_nai }} biết và phối hợp, cung cấp thông tin, tài liệu có liên "
            "quan đến nội dung khiếu nại khi được yêu cầu./.",
        ),
        "recipients_template": "{{ nguoi_khieu_nai|capfirst }}\n" + NOI_NHAN_KHAC + LUU,
    },
    {
        "code": "thong-bao-khong-thu-ly-khieu-nai",
        "name": "Thông báo không thụ lý giải quyết khiếu nại",
        "doc_type": "THÔNG BÁO",
        "type_abbr": "TB",
        "summary_template": "Về việc không thụ lý giải quyết khiếu nại",
        "body_template": join(
            "Ngày {{ ngay_nhan|ngay_so }}, {{ co_quan }} nhận được đơn khiếu nại{% if ngay_don %} ghi ngày "
            "{{ ngay_don|ngay_so }}{% endif %} của {{ nguoi_khieu_nai }}{% if dia_chi %}, địa chỉ: {{ dia_chi }}{% endif %}, "
            "khiếu nại {{ noi_dung }}.",
            "Sau khi xem xét nội dung đơn khiếu nại, căn cứ {{ can_cu }} Luật Khiếu nại năm 2011, khiếu nại không đủ "
            "điều kiện thụ lý giải quyết, với lý do: {{ ly_do }}.",
            "{% if huong_dan %}{{ huong_dan }}{% endif %}",
            "{{ co_quan }} thông báo để {{ nguoi_khieu_nai }} biết./.",
        ),
        "recipients_template": "{{ nguoi_khieu_nai|capfirst }}\n" + NOI_NHAN_KHAC + LUU,
    },
    {
        "code": "phieu-huong-dan",
        "name": "Phiếu hướng dẫn gửi đơn đến cơ quan có thẩm quyền",
        "doc_type": "PHIẾU HƯỚNG DẪN",
        "type_abbr": "PHD",
        "summary_template": "",
        "body_template": join(
            "^ Kính gửi: {{ nguoi_gui|capfirst }}",
            DON_NHAN,
            "Căn cứ {% firstof can_cu_luat 'Luật Khiếu nại năm 2011' %} và " + TT_05 + ", nội dung đơn không thuộc "
            "thẩm quyền giải quyết của {{ co_quan }}.",
            "Đề nghị {{ nguoi_gui }} gửi đơn đến {{ co_quan_co_tham_quyen }} để được xem xét, giải quyết theo quy "
            "định của pháp luật.",
            "{% if ghi_chu %}{{ ghi_chu }}{% endif %}",
            "{{ co_quan }} hướng dẫn để {{ nguoi_gui }} biết và thực hiện./.",
        ),
        "recipients_template": "Như trên\n" + NOI_NHAN_KHAC + LUU,
    },
    {
        "code": "phieu-chuyen-don",
        "name": "Phiếu chuyển đơn",
        "doc_type": "PHIẾU CHUYỂN ĐƠN",
        "type_abbr": "PC",
        "summary_template": "",
        "body_template": join(
            "^ Kính gửi: {{ co_quan_nhan }}",
            DON_NHAN,
            "Căn cứ {% if la_to_cao %}Điều 24 Luật Tố cáo năm 2018{% else %}{% firstof can_cu_luat 'quy định của pháp luật' %}"
            "{% endif %} và " + TT_05 + ", nội dung đơn thuộc thẩm quyền giải quyết của {{ co_quan_nhan }}. "
            "{{ co_quan }} chuyển đơn đến {{ co_quan_nhan }} để xem xét, giải quyết theo thẩm quyền.",
            "{% if la_to_cao %}Đề nghị {{ co_quan_nhan }} giữ bí mật họ tên, địa chỉ, bút tích và các thông tin cá nhân "
            "khác của người tố cáo theo quy định của Luật Tố cáo.{% endif %}",
            "Đề nghị {{ co_quan_nhan }} thông báo kết quả xử lý, giải quyết cho người gửi đơn và {{ co_quan }} theo "
            "quy định./.",
        ),
        "recipients_template": "Như trên\n{% if thong_bao_nguoi_gui %}{{ nguoi_gui|capfirst }} (để biết)\n{% endif %}"
                               + NOI_NHAN_KHAC + LUU,
    },
    {
        "code": "quyet-dinh-thu-ly-to-cao",
        "name": "Quyết định thụ lý tố cáo",
        "doc_type": "QUYẾT ĐỊNH",
        "type_abbr": "QĐ",
        "summary_template": "Về việc thụ lý tố cáo",
        "body_template": join(
            "# {{ tham_quyen_ky }}",
            LUAT_TC,
            ND_31,
            CHUC_NANG,
            "> Xét nội dung đơn tố cáo đối với {{ nguoi_bi_to_cao }}{% if ngay_nhan %} nhận ngày "
            "{{ ngay_nhan|ngay_so }}{% endif %};",
            DE_NGHI,
            "# QUYẾT ĐỊNH:",
            "**Điều 1.** Thụ lý tố cáo đối với {{ nguoi_bi_to_cao }}{% if chuc_vu_nguoi_bi_to_cao %}, "
            "{{ chuc_vu_nguoi_bi_to_cao }}{% endif %}{% if dia_chi_nguoi_bi_to_cao %}, địa chỉ: "
            "{{ dia_chi_nguoi_bi_to_cao }}{% endif %}.",
            "Nội dung tố cáo được thụ lý:",
            "{% for nd in noi_dung_to_cao %}{{ forloop.counter }}. {{ nd }}\n\n{% endfor %}",
            "**Điều 2.** Thời hạn giải quyết tố cáo là {% firstof thoi_han '30' %} ngày kể từ ngày thụ lý tố cáo theo "
            "quy định tại Điều 30 Luật Tố cáo năm 2018.{% if don_vi_xac_minh %} Giao {{ don_vi_xac_minh }} xác minh "
            "nội dung tố cáo, báo cáo kết quả xác minh với {{ nguoi_giai_quyet }}.{% endif %}",
            "**Điều 3.** Quyết định này có hiệu lực kể từ ngày ký. {{ nguoi_thi_hanh }} chịu trách nhiệm thi hành "
            "Quyết định này./.",
        ),
        "recipients_template": "Như Điều 3\n" + NOI_NHAN_KHAC + LUU,
    },
    {
        "code": "quyet-dinh-gia-han-to-cao",
        "name": "Quyết định gia hạn giải quyết tố cáo",
        "doc_type": "QUYẾT ĐỊNH",
        "type_abbr": "QĐ",
        "summary_template": "Về việc gia hạn giải quyết tố cáo",
        "body_template": join(
            "# {{ tham_quyen_ky }}",
            LUAT_TC,
            ND_31,
            CHUC_NANG,
            "> Căn cứ Quyết định số {{ so_quyet_dinh_thu_ly }} ngày {{ ngay_quyet_dinh_thu_ly|ngay_so }} của "
            "{{ nguoi_giai_quyet }} về việc thụ lý tố cáo;",
            "> Xét tính chất {% firstof muc_do 'phức tạp' %} của vụ việc{% if ly_do %}: {{ ly_do }}{% endif %};",
            DE_NGHI,
            "# QUYẾT ĐỊNH:",
            "**Điều 1.** Gia hạn giải quyết tố cáo đối với {{ nguoi_bi_to_cao }} (gia hạn lần {{ lan_gia_han }}). "
            "Thời gian gia hạn là {{ so_ngay_gia_han }} ngày; thời hạn giải quyết tố cáo được kéo dài đến hết ngày "
            "{{ han_moi|ngay_so }}, theo quy định tại Điều 30 Luật Tố cáo năm 2018.",
            "**Điều 2.** Người giải quyết tố cáo thông báo việc gia hạn cho người tố cáo, người bị tố cáo và cơ quan, "
            "tổ chức, cá nhân có liên quan.",
            "**Điều 3.** Quyết định này có hiệu lực kể từ ngày ký. {{ nguoi_thi_hanh }} chịu trách nhiệm thi hành "
            "Quyết định này./.",
        ),
        "recipients_template": "Như Điều 3\n" + NOI_NHAN_KHAC + LUU,
    },
    {
        "code": "quyet-dinh-giai-quyet-khieu-nai-lan-dau",
        "name": "Quyết định giải quyết khiếu nại lần đầu",
        "doc_type": "QUYẾT ĐỊNH",
        "type_abbr": "QĐ",
        "summary_template": "Về việc giải quyết khiếu nại của {{ nguoi_khieu_nai }} (lần đầu)",
        "body_template": join(
            "# {{ tham_quyen_ky }}",
            LUAT_KN,
            ND_124,
            CHUC_NANG,
            "> Xét đơn khiếu nại{% if ngay_don %} ghi ngày {{ ngay_don|ngay_so }}{% endif %} của {{ nguoi_khieu_nai }}"
            "{% if dia_chi %}, địa chỉ: {{ dia_chi }}{% endif %}.",
            "**I. Nội dung khiếu nại:** {{ nguoi_khieu_nai|capfirst }} khiếu nại {{ quyet_dinh_hanh_vi }} của "
            "{{ nguoi_bi_khieu_nai }}. Nội dung: {{ noi_dung }}",
            "**II. Kết quả xác minh nội dung khiếu nại:** {{ ket_qua_xac_minh }}",
            "{% if ket_qua_doi_thoai %}**III. Kết quả đối thoại:** {{ ket_qua_doi_thoai }}{% endif %}",
            "**{% if ket_qua_doi_thoai %}IV{% else %}III{% endif %}. Kết luận:** Căn cứ {{ can_cu_phap_luat }}, "
            "{{ ket_luan }}",
            "Từ những nhận định và căn cứ trên,",
            "# QUYẾT ĐỊNH:",
            "**Điều 1.** {{ giai_quyet }}{% if boi_thuong %} {{ boi_thuong }}{% endif %}",
            "**Điều 2.** Trong thời hạn {% firstof thoi_han_khieu_nai_tiep '30' %} ngày kể từ ngày nhận được Quyết định "
            "này, nếu không đồng ý với quyết định giải quyết khiếu nại lần đầu, {{ nguoi_khieu_nai }} có quyền khiếu nại "
            "đến {{ nguoi_giai_quyet_lan_hai }} hoặc khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố "
            "tụng hành chính (Điều 33 Luật Khiếu nại năm 2011).",
            "**Điều 3.** Quyết định này có hiệu lực kể từ ngày ký. {{ nguoi_thi_hanh }} chịu trách nhiệm thi hành "
            "Quyết định này./.",
        ),
        "recipients_template": "Như Điều 3\n{{ nguoi_khieu_nai|capfirst }}\n" + NOI_NHAN_KHAC + LUU,
    },
    {
        "code": "quyet-dinh-giai-quyet-khieu-nai-lan-hai",
        "name": "Quyết định giải quyết khiếu nại lần hai",
        "doc_type": "QUYẾT ĐỊNH",
        "type_abbr": "QĐ",
        "summary_template": "Về việc giải quyết khiếu nại của {{ nguoi_khieu_nai }} (lần hai)",
        "body_template": join(
            "# {{ tham_quyen_ky }}",
            LUAT_KN,
            ND_124,
            CHUC_NANG,
            "> Xét đơn khiếu nại{% if ngay_don %} ghi ngày {{ ngay_don|ngay_so }}{% endif %} của {{ nguoi_khieu_nai }}"
            "{% if dia_chi %}, địa chỉ: {{ dia_chi }}{% endif %}, khiếu nại lần hai.",
            "**I. Nội dung khiếu nại:** {{ nguoi_khieu_nai|capfirst }} khiếu nại {{ quyet_dinh_hanh_vi }} của "
            "{{ nguoi_bi_khieu_nai }}. Nội dung: {{ noi_dung }}",
            "**II. Kết quả giải quyết khiếu nại lần đầu:** {{ ket_qua_lan_dau }}",
            "**III. Kết quả xác minh nội dung khiếu nại:** {{ ket_qua_xac_minh }}",
            "{% if ket_qua_doi_thoai %}**IV. Kết quả đối thoại:** {{ ket_qua_doi_thoai }}{% endif %}",
            "**{% if ket_qua_doi_thoai %}V{% else %}IV{% endif %}. Kết luận:** Căn cứ {{ can_cu_phap_luat }}, "
            "{{ ket_luan }}",
            "Từ những nhận định và căn cứ trên,",
            "# QUYẾT ĐỊNH:",
            "**Điều 1.** {{ giai_quyet }}{% if boi_thuong %} {{ boi_thuong }}{% endif %}",
            "**Điều 2.** Trong thời hạn khởi kiện theo quy định của Luật Tố tụng hành chính, nếu không đồng ý với "
            "quyết định giải quyết khiếu nại lần hai, {{ nguoi_khieu_nai }} có quyền khởi kiện vụ án hành chính tại "
            "Tòa án (Điều 40 Luật Khiếu nại năm 2011).",
            "**Điều 3.** Quyết định này có hiệu lực kể từ ngày ký. {{ nguoi_thi_hanh }} chịu trách nhiệm thi hành "
            "Quyết định này./.",
        ),
        "recipients_template": "Như Điều 3\n{{ nguoi_khieu_nai|capfirst }}\n" + NOI_NHAN_KHAC + LUU,
    },
    {
        "code": "ket-luan-noi-dung-to-cao",
        "name": "Kết luận nội dung tố cáo",
        "doc_type": "KẾT LUẬN",
        "type_abbr": "KL",
        "summary_template": "Nội dung tố cáo đối với {{ nguoi_bi_to_cao }}",
        "body_template": join(
            "Ngày {{ ngay_quyet_dinh_thu_ly|ngay_so }}, {{ nguoi_giai_quyet }} ban hành Quyết định số "
            "{{ so_quyet_dinh_thu_ly }} về việc thụ lý tố cáo đối với {{ nguoi_bi_to_cao }}{% if chuc_vu_nguoi_bi_to_cao %}, "
            "{{ chuc_vu_nguoi_bi_to_cao }}{% endif %}.",
            "Căn cứ Điều 35 Luật Tố cáo năm 2018, trên cơ sở báo cáo kết quả xác minh nội dung tố cáo{% if bao_cao_xac_minh %} "
            "({{ bao_cao_xac_minh }}){% endif %}, ý kiến giải trình của người bị tố cáo và các tài liệu có liên quan, "
            "{{ nguoi_giai_quyet }} kết luận như sau:",
            "**1. Kết quả xác minh nội dung tố cáo:** {{ ket_qua_xac_minh }}",
            "**2. Căn cứ pháp luật để xác định có hay không có hành vi vi phạm pháp luật:** {{ can_cu_phap_luat }}",
            "**3. Kết luận về nội dung tố cáo:** {{ ket_luan }}",
            "**4. Trách nhiệm của cơ quan, tổ chức, cá nhân có liên quan:** {{ trach_nhiem }}",
            "**5. Biện pháp xử lý và kiến nghị:** {{ xu_ly }}{% if kien_nghi %} {{ kien_nghi }}{% endif %}./.",
        ),
        "recipients_template": "{{ nguoi_bi_to_cao|capfirst }}\n" + NOI_NHAN_KHAC + LUU,
    },
    {
        "code": "van-ban-tra-loi",
        "name": "Văn bản trả lời đơn kiến nghị, phản ánh",
        "doc_type": "",
        "type_abbr": "",
        "summary_template": "trả lời đơn của {{ nguoi_gui }}",
        "body_template": join(
            "^ Kính gửi: {{ nguoi_gui|capfirst }}",
            DON_NHAN,
            "Căn cứ " + TT_05 + ", {{ co_quan }} trả lời như sau:",
            "{{ tra_loi }}",
            "{{ co_quan }} trả lời để {{ nguoi_gui }} được biết./.",
        ),
        "recipients_template": "Như trên\n" + NOI_NHAN_KHAC + LUU,
    },
]


def seed(apps, schema_editor):
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    for row in TEMPLATES:
        DocumentTemplate.objects.update_or_create(code=row["code"], defaults=row)


def unseed(apps, schema_editor):
    DocumentTemplate = apps.get_model("documents", "DocumentTemplate")
    DocumentTemplate.objects.filter(code__in=[row["code"] for row in TEMPLATES], issued__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
