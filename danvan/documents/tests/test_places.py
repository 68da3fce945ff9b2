import pytest

from danvan.documents.places import place_name
from danvan.org.models import Unit


@pytest.mark.parametrize(("code", "place"), [(1, "Hà Nội"), (31, "Hải Phòng"), (79, "Thành phố Hồ Chí Minh"),
                                             (68, "Lâm Đồng")])
def test_the_place_is_the_provinces_official_name_without_thanh_pho_except_ho_chi_minh(code, place):
    assert place_name(Unit(name="x", province_code=code)) == place


def test_a_unit_without_a_province_takes_its_parents():
    ministry = Unit(name="Bộ", province_code=1)
    assert place_name(Unit(name="Cục", parent=ministry)) == "Hà Nội"


@pytest.mark.parametrize(("title", "unit", "line"), [
    ("Bộ trưởng", "Bộ Nông nghiệp và Môi trường", "BỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"),
    ("Cục trưởng", "Cục Quản lý đất đai", "CỤC TRƯỞNG CỤC QUẢN LÝ ĐẤT ĐAI"),
    ("Trưởng ban", "Ban Tiếp công dân", "TRƯỞNG BAN TIẾP CÔNG DÂN"),
    ("Chánh Văn phòng", "Văn phòng Bộ", "CHÁNH VĂN PHÒNG BỘ"),
    ("Chánh Thanh tra", "Thanh tra Bộ", "CHÁNH THANH TRA BỘ"),
])
def test_a_head_s_title_says_the_unit_s_kind_once(title, unit, line):
    from danvan.documents.services import title_of_unit

    assert title_of_unit(title, unit) == line
