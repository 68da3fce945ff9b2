"""What a citizen may see of their own petition: its steps and answers, nothing about anyone else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from danvan.audit.selectors import events_for
from danvan.petitions.models import Petition
from danvan.petitions.services import secret_digest


@dataclass(frozen=True)
class Step:
    at: datetime
    label: str
    detail: str = ""


def petition_by_code_and_secret(code: str, secret: str) -> Petition | None:
    """The petition only when both the code and its secret match; the same None otherwise."""
    petition = Petition.objects.filter(code=code.strip().upper()).select_related("unit").first()
    if petition is None or petition.secret_hash != secret_digest(secret):
        return None
    return petition


def public_timeline(petition: Petition) -> list[Step]:
    labels = {
        "petition.receive": _("Đã tiếp nhận đơn"),
        "petition.classify": _("Đang xem xét, xử lý đơn"),
        "petition.accept": _("Đơn đã được thụ lý giải quyết"),
        "petition.answer": _("Đã trả lời"),
        "petition.guide": _("Đã hướng dẫn gửi đơn đến cơ quan có thẩm quyền"),
        "petition.forward": _("Đã chuyển đơn đến cơ quan có thẩm quyền"),
        "petition.archive": _("Đơn được lưu, không xử lý tiếp"),
    }
    steps = []
    for event in events_for(petition).filter(action__in=labels):
        detail = ""
        if event.action in ("petition.guide", "petition.forward"):
            detail = event.data.get("target", "")
        elif event.action in ("petition.archive", "petition.answer"):
            detail = event.data.get("reason", "")
        steps.append(Step(event.at, labels[event.action], detail))
    return steps
