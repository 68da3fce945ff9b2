from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from danvan.org.models import Unit
from danvan.petitions.services import PersonData, Receipt, petition_receive

VN = ZoneInfo("Asia/Ho_Chi_Minh")

LAND_COMPLAINT = (
    "Tôi là chủ sử dụng thửa đất số 125, tờ bản đồ số 7 tại xã Hòa Vang. Ngày 12/8/2026 UBND xã ban hành "
    "Quyết định số 456/QĐ-UBND thu hồi 320 m² đất nông nghiệp của gia đình tôi nhưng giá bồi thường thấp "
    "hơn giá thị trường và không có phương án tái định cư. Tôi khiếu nại quyết định này."
)


def at(day: date, hour: int = 9) -> datetime:
    """`day` at `hour` in Vietnam, but never later than now: a receipt "today" stays possible before 9:00."""
    return min(datetime(day.year, day.month, day.day, hour, 0, tzinfo=VN), datetime.now(VN))


def citizen(name: str = "Nguyễn Văn An", id_number: str = "001085012345", **kw: Any) -> PersonData:
    return PersonData(full_name=name, id_number=id_number, phone=kw.pop("phone", "0912345678"),
                      address=kw.pop("address", "Thôn 3, xã Hòa Vang, TP Đà Nẵng"), province_code=48, **kw)


def receive(unit: Unit, **overrides: Any) -> Receipt:
    values: dict[str, Any] = {
        "channel": "desk", "unit": unit, "subject": "Khiếu nại quyết định thu hồi đất",
        "content": LAND_COMPLAINT, "petitioners": [citizen()], "received_at": at(date(2026, 11, 26)),
        "decision_text": "Quyết định số 456/QĐ-UBND ngày 12/8/2026",
        "request_text": "Hủy quyết định thu hồi đất, bồi thường theo giá thị trường", "province_code": 48,
    }
    values.update(overrides)
    if "letter_date" not in values:
        received = values["received_at"] or datetime.now(VN)
        values["letter_date"] = received.date() - timedelta(days=3)
    return petition_receive(**values)
