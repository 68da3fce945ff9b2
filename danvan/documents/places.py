from __future__ import annotations

from django.utils.translation import gettext as _
from vietnam_provinces import Province, ProvinceCode

from danvan.org.models import Unit

# A city named after a person keeps "Thành phố" in the place name (Decree 30/2020, Appendix I: "Thành phố
# Hồ Chí Minh"); the others drop it ("Hà Nội", "Hải Phòng").
_KEEP_PREFIX = {"Thành phố Hồ Chí Minh"}


def province_place_name(code: int) -> str:
    name = Province.from_code(ProvinceCode(code)).name
    if name in _KEEP_PREFIX:
        return name
    return name.removeprefix("Thành phố ").removeprefix("Tỉnh ")


def place_name(unit: Unit) -> str:
    """The place printed before the date: the province of the unit's seat, or of the nearest unit above it.

    Raises ValueError when no unit up the chain names its province: a document must not print a guessed place.
    """
    current: Unit | None = unit
    while current is not None:
        if current.province_code:
            return province_place_name(current.province_code)
        current = current.parent
    raise ValueError(_("Đơn vị %(unit)s và các đơn vị cấp trên chưa có tỉnh, thành phố nơi đóng trụ sở.") % {
        "unit": unit})
