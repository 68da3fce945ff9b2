"""Realistic contexts for every seeded template: the tests render them, and so can a person who wants to look.

    .venv/bin/python -m danvan.documents.tests.samples /tmp/out   # writes one DOCX per template
"""

from __future__ import annotations

import datetime as dt
from typing import Any

D = dt.date

COMMON: dict[str, Any] = {
    "can_cu_chuc_nang": "Nghị định số 35/2025/NĐ-CP ngày 25 tháng 02 năm 2025 của Chính phủ quy định chức năng, "
                        "nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Nông nghiệp và Môi trường",
    "nguoi_de_nghi": "Chánh Văn phòng Bộ",
    "noi_nhan_khac": ["Bộ trưởng (để b/c)", "Thanh tra Chính phủ (để b/c)"],
}

CONTEXTS: dict[str, dict[str, Any]] = {
    "thong-bao-thu-ly-khieu-nai": {
        "ngay_nhan": D(2026, 11, 10), "ngay_don": D(2026, 11, 3), "nguoi_khieu_nai": "ông Nguyễn Văn Bình",
        "dia_chi": "thôn Đông, xã Tân Lập, tỉnh Phú Thọ",
        "noi_dung": "Quyết định số 215/QĐ-TCQLĐĐ ngày 15 tháng 8 năm 2026 về việc thu hồi đất",
        "nguoi_giai_quyet": "Bộ trưởng Bộ Nông nghiệp và Môi trường", "lan": "lần đầu", "thoi_han": 30,
        "noi_nhan_khac": ["Cục Quản lý đất đai"],
    },
    "thong-bao-khong-thu-ly-khieu-nai": {
        "ngay_nhan": D(2026, 11, 10), "ngay_don": D(2026, 11, 2), "nguoi_khieu_nai": "bà Trần Thị Hoa",
        "dia_chi": "phường Ba Đình, thành phố Hà Nội",
        "noi_dung": "việc chậm bồi thường khi Nhà nước thu hồi đất năm 2019",
        "can_cu": "khoản 6 Điều 11",
        "ly_do": "thời hiệu khiếu nại đã hết mà không có lý do chính đáng",
    },
    "phieu-huong-dan": {
        "ngay_nhan": D(2026, 11, 12), "loai_don": "khiếu nại", "nguoi_gui": "ông Lê Văn Cường",
        "dia_chi": "xã Hòa Bình, tỉnh Đắk Lắk",
        "noi_dung": "khiếu nại Quyết định số 1234/QĐ-UBND của Ủy ban nhân dân xã Hòa Bình về giá bồi thường",
        "co_quan_co_tham_quyen": "Chủ tịch Ủy ban nhân dân xã Hòa Bình, tỉnh Đắk Lắk",
    },
    "phieu-chuyen-don": {
        "ngay_nhan": D(2026, 11, 12), "loai_don": "tố cáo", "la_to_cao": True, "nguoi_gui": "công dân",
        "co_quan_nhan": "Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng",
        "noi_dung": "tố cáo cán bộ địa chính xã có dấu hiệu nhận tiền để xác nhận nguồn gốc đất",
    },
    "quyet-dinh-thu-ly-to-cao": {
        "ngay_nhan": D(2026, 11, 4), "nguoi_bi_to_cao": "ông Phạm Văn Dũng",
        "chuc_vu_nguoi_bi_to_cao": "Phó Cục trưởng Cục Quản lý đất đai",
        "noi_dung_to_cao": [
            "Ông Phạm Văn Dũng có dấu hiệu lợi dụng chức vụ, quyền hạn để can thiệp vào việc thẩm định hồ sơ giao đất.",
            "Ông Phạm Văn Dũng không kê khai trung thực tài sản, thu nhập năm 2025.",
        ],
        "don_vi_xac_minh": "Tổ xác minh do Chánh Văn phòng Bộ thành lập",
        "nguoi_giai_quyet": "Bộ trưởng",
        "nguoi_thi_hanh": "Chánh Văn phòng Bộ, Cục trưởng Cục Quản lý đất đai, ông Phạm Văn Dũng và các cơ quan, "
                          "tổ chức, cá nhân có liên quan",
    },
    "quyet-dinh-gia-han-to-cao": {
        "nguoi_bi_to_cao": "ông Phạm Văn Dũng", "so_quyet_dinh_thu_ly": "45/QĐ-BNNMT",
        "ngay_quyet_dinh_thu_ly": D(2026, 10, 5), "nguoi_giai_quyet": "Bộ trưởng Bộ Nông nghiệp và Môi trường",
        "muc_do": "phức tạp", "ly_do": "phải xác minh tại nhiều địa phương",
        "lan_gia_han": 1, "so_ngay_gia_han": 30, "han_moi": D(2026, 12, 4),
        "nguoi_thi_hanh": "Chánh Văn phòng Bộ, Tổ xác minh và các cơ quan, tổ chức, cá nhân có liên quan",
    },
    "quyet-dinh-giai-quyet-khieu-nai-lan-dau": {
        "ngay_don": D(2026, 9, 3), "nguoi_khieu_nai": "ông Nguyễn Văn Bình",
        "dia_chi": "thôn Đông, xã Tân Lập, tỉnh Phú Thọ",
        "quyet_dinh_hanh_vi": "Quyết định số 215/QĐ-TCQLĐĐ ngày 15 tháng 8 năm 2026",
        "nguoi_bi_khieu_nai": "Cục trưởng Cục Quản lý đất đai",
        "noi_dung": "ông cho rằng diện tích đất bị thu hồi đã được xác định sai 120 m².",
        "ket_qua_xac_minh": "Đo đạc lại ngày 12/10/2026 cho thấy diện tích thửa đất số 45 là 1.320 m², "
                            "đúng như quyết định bị khiếu nại.",
        "ket_qua_doi_thoai": "Ngày 20/10/2026, ông Bình giữ nguyên nội dung khiếu nại.",
        "can_cu_phap_luat": "Luật Đất đai năm 2024",
        "ket_luan": "khiếu nại của ông Nguyễn Văn Bình là khiếu nại sai.",
        "giai_quyet": "Giữ nguyên Quyết định số 215/QĐ-TCQLĐĐ ngày 15 tháng 8 năm 2026 của Cục trưởng Cục Quản lý "
                      "đất đai.",
        "nguoi_giai_quyet_lan_hai": "Thủ tướng Chính phủ",
        "nguoi_thi_hanh": "Chánh Văn phòng Bộ, Cục trưởng Cục Quản lý đất đai, ông Nguyễn Văn Bình",
    },
    "quyet-dinh-giai-quyet-khieu-nai-lan-hai": {
        "ngay_don": D(2026, 9, 3), "nguoi_khieu_nai": "ông Nguyễn Văn Bình",
        "quyet_dinh_hanh_vi": "Quyết định số 215/QĐ-TCQLĐĐ ngày 15 tháng 8 năm 2026",
        "nguoi_bi_khieu_nai": "Cục trưởng Cục Quản lý đất đai",
        "noi_dung": "ông cho rằng diện tích đất bị thu hồi đã được xác định sai 120 m².",
        "ket_qua_lan_dau": "Cục trưởng Cục Quản lý đất đai giữ nguyên quyết định bị khiếu nại.",
        "ket_qua_xac_minh": "Diện tích thửa đất đúng như quyết định bị khiếu nại.",
        "can_cu_phap_luat": "Luật Đất đai năm 2024",
        "ket_luan": "khiếu nại của ông Nguyễn Văn Bình là khiếu nại sai.",
        "giai_quyet": "Công nhận và giữ nguyên quyết định giải quyết khiếu nại lần đầu.",
        "nguoi_thi_hanh": "Chánh Văn phòng Bộ, Cục trưởng Cục Quản lý đất đai, ông Nguyễn Văn Bình",
    },
    "ket-luan-noi-dung-to-cao": {
        "ngay_quyet_dinh_thu_ly": D(2026, 10, 5), "so_quyet_dinh_thu_ly": "45/QĐ-BNNMT",
        "nguoi_giai_quyet": "Bộ trưởng Bộ Nông nghiệp và Môi trường", "nguoi_bi_to_cao": "ông Phạm Văn Dũng",
        "chuc_vu_nguoi_bi_to_cao": "Phó Cục trưởng Cục Quản lý đất đai",
        "ket_qua_xac_minh": "Hồ sơ giao đất được thẩm định đúng trình tự.\n\nBản kê khai tài sản năm 2025 đầy đủ.",
        "can_cu_phap_luat": "Luật Phòng, chống tham nhũng năm 2018; Luật Đất đai năm 2024.",
        "ket_luan": "Nội dung tố cáo là tố cáo sai.",
        "trach_nhiem": "Không có cơ quan, tổ chức, cá nhân vi phạm.",
        "xu_ly": "Khôi phục quyền và lợi ích hợp pháp của ông Phạm Văn Dũng bị xâm phạm do việc tố cáo sai gây ra",
    },
    "van-ban-tra-loi": {
        "ngay_nhan": D(2026, 11, 1), "loai_don": "kiến nghị", "nguoi_gui": "bà Hoàng Thị Lan",
        "dia_chi": "phường Hải Châu, thành phố Đà Nẵng",
        "noi_dung": "kiến nghị sớm ban hành hướng dẫn cấp Giấy chứng nhận quyền sử dụng đất cho đất có nguồn gốc "
                    "lấn chiếm trước năm 2014",
        "tra_loi": "Nội dung này đã được quy định tại Điều 139 Luật Đất đai năm 2024 và Nghị định số 101/2024/NĐ-CP."
                   "\n\nĐề nghị bà liên hệ Ủy ban nhân dân phường Hải Châu để được hướng dẫn thủ tục cụ thể.",
    },
}


def context_for(code: str) -> dict[str, Any]:
    return {**COMMON, **CONTEXTS[code]}


if __name__ == "__main__":
    import os
    import sys
    from pathlib import Path

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    django.setup()
    import importlib

    from danvan.documents.models import DocumentTemplate
    from danvan.documents.render import render_docx
    from danvan.documents.services import document_layout
    from danvan.org.models import Unit

    seed = importlib.import_module("danvan.documents.migrations.0002_seed_templates")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    ministry = Unit(code="bnnmt", name="Bộ Nông nghiệp và Môi trường", symbol="BNNMT", province_code=1,
                    kind=Unit.Kind.MINISTRY)
    for row in seed.TEMPLATES:
        template = DocumentTemplate(**row)
        abbr = f"{row['type_abbr']}-" if row["type_abbr"] else ""
        layout = document_layout(template=template, context=context_for(row["code"]), unit=ministry,
                                 number_symbol=f"07/{abbr}BNNMT", issued_on=D(2026, 12, 1),
                                 signer_name="Nguyễn Văn An", signer_title="Thứ trưởng", authority="KT. Bộ trưởng")
        (out / f"{row['code']}.docx").write_bytes(render_docx(layout))
        print(out / f"{row['code']}.docx")
