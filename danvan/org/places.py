"""Today's two-level map (34 provinces and their communes/wards, from 2025-07-01), from vietnam-provinces."""

from __future__ import annotations

from functools import cache

from vietnam_provinces import Province, Ward

from textmining.normalize import fold


@cache
def provinces() -> list[tuple[int, str]]:
    """(code, name) sorted by name as Vietnamese readers expect (folded, so 'Đ' sorts with 'D')."""
    return sorted(((int(p.code), p.name) for p in Province.iter_all()), key=lambda item: fold(item[1]))


@cache
def _wards_by_province() -> dict[int, list[tuple[int, str]]]:
    grouped: dict[int, list[tuple[int, str]]] = {}
    for ward in Ward.iter_all():
        grouped.setdefault(int(ward.province_code), []).append((int(ward.code), ward.name))
    for items in grouped.values():
        items.sort(key=lambda item: fold(item[1]))
    return grouped


def wards(province_code: int) -> list[tuple[int, str]]:
    return _wards_by_province().get(province_code, [])


@cache
def province_choices() -> list[tuple[str, str]]:
    """The provinces as a form's choices, after an empty one."""
    return [("", "—"), *((str(code), name) for code, name in provinces())]


@cache
def ward_choices(province_code: int | None) -> list[tuple[str, str]]:
    """The wards of a province as a form's choices, after an empty one."""
    return [("", "—"), *((str(code), name) for code, name in wards(province_code or 0))]


@cache
def province_codes() -> frozenset[str]:
    return frozenset(str(code) for code, _name in provinces())


@cache
def ward_codes(province_code: int | None) -> frozenset[str]:
    return frozenset(str(code) for code, _name in wards(province_code or 0))


def province_name(code: int | None) -> str:
    return dict(provinces()).get(code, "") if code else ""


def ward_name(code: int | None) -> str:
    if not code:
        return ""
    try:
        return Ward.from_code(code).name  # type: ignore[arg-type]
    except ValueError:
        return ""


def ward_in_province(ward_code: int, province_code: int) -> bool:
    return any(code == ward_code for code, _name in wards(province_code))
