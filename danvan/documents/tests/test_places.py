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
