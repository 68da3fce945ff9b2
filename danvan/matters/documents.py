"""Which document each workflow step issues, and what the matter and the step can tell its template.

The templates live in danvan.documents (seeded; see docs/documents.md). A step's own text flows into its
document: the decision's content into "Điều 1", the conclusion into the conclusion, the refusal ground into
the notice. What neither the matter nor the step knows (the legal basis applied, the person complained
against) the desk types into a small field of the step's form; `missing_values` names those fields, so a
page never submits into a MissingValues error it could have prevented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from danvan.documents.engine import MissingValues, render_text
from danvan.documents.models import DocumentTemplate, IssuedDocument
from danvan.documents.selectors import documents_for
from danvan.documents.services import RESERVED_KEYS
from danvan.matters import deadlines
from danvan.matters.models import Matter, MatterRecord
from danvan.org.models import Role, User
from danvan.org.selectors import unit_heads
from danvan.rules.services import rule_in_force

# (kind, step) -> the templates the step issues, the usual one first. The complaint's decision depends on
# its tier: see `templates_for`.
STEP_DOCUMENTS: dict[tuple[str, str], tuple[str, ...]] = {
    (Matter.Kind.COMPLAINT, "accept"): ("thong-bao-thu-ly-khieu-nai",),
    # A complaint outside the agency's remit is refused and the complainant guided, once, to the right body.
    (Matter.Kind.COMPLAINT, "refuse"): ("thong-bao-khong-thu-ly-khieu-nai", "phieu-huong-dan"),
    (Matter.Kind.COMPLAINT, "decide"): ("quyet-dinh-giai-quyet-khieu-nai-lan-dau",),
    (Matter.Kind.DENUNCIATION, "accept"): ("quyet-dinh-thu-ly-to-cao",),
    (Matter.Kind.DENUNCIATION, "extend"): ("quyet-dinh-gia-han-to-cao",),
    (Matter.Kind.DENUNCIATION, "forward"): ("phieu-chuyen-don",),
    (Matter.Kind.DENUNCIATION, "conclude"): ("ket-luan-noi-dung-to-cao",),
    (Matter.Kind.ANONYMOUS, "forward"): ("phieu-chuyen-don",),
}
SECOND_TIER = {"quyet-dinh-giai-quyet-khieu-nai-lan-dau": "quyet-dinh-giai-quyet-khieu-nai-lan-hai"}
# Documents that go to the person denounced or to another agency, never to the citizen who wrote.
NOT_TO_CITIZEN = {"ket-luan-noi-dung-to-cao", "quyet-dinh-gia-han-to-cao", "phieu-chuyen-don"}

# Labels of the values a desk officer may have to type (the template's own names are the keys).
VALUE_LABELS: dict[str, Any] = {
    "nguoi_khieu_nai": _("Người khiếu nại (kèm danh xưng: ông/bà …)"),
    "nguoi_gui": _("Người gửi đơn (kèm danh xưng)"),
    "nguoi_bi_khieu_nai": _("Người có quyết định, hành vi bị khiếu nại"),
    "quyet_dinh_hanh_vi": _("Quyết định, hành vi bị khiếu nại"),
    "nguoi_bi_to_cao": _("Người bị tố cáo"),
    "can_cu_phap_luat": _("Căn cứ pháp luật áp dụng"),
    "ket_luan": _("Kết luận (đúng, sai, đúng một phần)"),
    "giai_quyet": _("Nội dung quyết định (Điều 1)"),
    "ket_qua_xac_minh": _("Kết quả xác minh"),
    "nguoi_giai_quyet_lan_hai": _("Người có thẩm quyền giải quyết lần hai"),
    "ket_qua_lan_dau": _("Kết quả giải quyết lần đầu"),
    "trach_nhiem": _("Trách nhiệm của cơ quan, tổ chức, cá nhân"),
    "xu_ly": _("Biện pháp xử lý, kiến nghị"),
    "co_quan_co_tham_quyen": _("Cơ quan có thẩm quyền (hướng dẫn đến)"),
    "co_quan_nhan": _("Cơ quan nhận đơn chuyển"),
    "so_quyet_dinh_thu_ly": _("Số quyết định thụ lý"),
    "ngay_quyet_dinh_thu_ly": _("Ngày quyết định thụ lý (dd/mm/yyyy)"),
    "nguoi_thi_hanh": _("Người thi hành"),
    "noi_dung": _("Nội dung đơn"),
    "thoi_han": _("Thời hạn giải quyết (ngày)"),
}
DATE_VALUES = {"ngay_quyet_dinh_thu_ly", "ngay_nhan", "ngay_don", "ngay_thu_ly", "han_moi"}


def templates_for(matter: Matter, step: str) -> tuple[str, ...]:
    """The template codes step `step` of this matter issues (empty: the step has no document)."""
    codes = STEP_DOCUMENTS.get((matter.kind, step), ())
    if matter.tier == 2:
        codes = tuple(SECOND_TIER.get(c, c) for c in codes)
    return codes


def issuable(matter: Matter, step: str) -> tuple[str, ...]:
    """`templates_for`, keeping only the templates an administrator has not retired."""
    codes = templates_for(matter, step)
    active = set(DocumentTemplate.objects.filter(code__in=codes, active=True).values_list("code", flat=True))
    return tuple(c for c in codes if c in active)


def addressed_to_citizen(code: str) -> bool:
    return code not in NOT_TO_CITIZEN


def acting_head(matter: Matter, by: User) -> User:
    """Who signs by default: the acting official if they head the unit or lead, else the unit's head."""
    if by.has_role(Role.UNIT_HEAD, Role.LEADER):
        return by
    return next(iter(unit_heads([matter.unit_id]).get(matter.unit_id, [])), by)


# The head's usual title from the first word of the unit's name, when the official's own title is blank.
_HEAD_TITLES = (("Văn phòng", "Chánh Văn phòng"), ("Thanh tra", "Chánh Thanh tra"), ("Ban", "Trưởng ban"),
                ("Cục", "Cục trưởng"), ("Vụ", "Vụ trưởng"), ("Tổng cục", "Tổng cục trưởng"), ("Bộ", "Bộ trưởng"))


def default_signer(matter: Matter, by: User) -> tuple[str, str]:
    """(name, title) of the default signer: the acting unit head (see `acting_head`)."""
    head = acting_head(matter, by)
    if head.title:
        return str(head), head.title
    unit = head.unit or matter.unit
    # Document text: Vietnamese whatever the reader's language (the agency issues Vietnamese documents).
    title = next((t for word, t in _HEAD_TITLES if unit.name.startswith(word)), "Thủ trưởng đơn vị")
    return str(head), title


def _latest(matter: Matter, transition: str) -> MatterRecord | None:
    return MatterRecord.objects.filter(matter=matter, transition=transition).order_by("-on", "-id").first()


def _acceptance_decision(matter: Matter) -> IssuedDocument | None:
    return documents_for(matter).filter(template__code="quyet-dinh-thu-ly-to-cao").order_by("-id").first()


def matter_context(matter: Matter, by: User) -> dict[str, Any]:
    """What the matter itself can tell any of its templates (the denouncer's identity never)."""
    from danvan.people.selectors import petitioners_for
    from danvan.petitions.models import Petition

    petition = Petition.objects.filter(matter=matter).order_by("received_at", "id").first()
    people = petitioners_for(user=by, petition=petition) if petition else []
    visible = [p for p in people if not p.protected]
    name = ", ".join(p.full_name for p in visible)
    resolution = deadlines.limit_get(matter, "resolution")
    decision_text = petition.decision_text.strip() if petition else ""
    with translation.override("vi"):  # the document's language, whatever the language of the page issuing it
        complexity = str(matter.get_complexity_display()).lower()
    context: dict[str, Any] = {
        "ngay_nhan": matter.received_on, "ngay_don": petition.letter_date if petition else None,
        "noi_dung": (petition.subject if petition else matter.subject).rstrip("."),
        "ngay_thu_ly": matter.accepted_on,
        "nguoi_giai_quyet": matter.unit.name, "lan": "lần hai" if matter.tier == 2 else "lần đầu",
        "thoi_han": resolution.explained.get("amount") if resolution else None,
        "muc_do": complexity, "nguoi_thi_hanh": matter.unit.name,
    }
    if matter.kind == Matter.Kind.COMPLAINT:
        context["quyet_dinh_hanh_vi"] = decision_text
    else:
        context["nguoi_bi_to_cao"] = decision_text
        context["noi_dung_to_cao"] = [petition.subject] if petition else [matter.subject]
        context["la_to_cao"] = True
    if name:
        context.update({"nguoi_khieu_nai": name, "nguoi_gui": name, "dia_chi": visible[0].address})
    decision = _acceptance_decision(matter)
    if decision is not None:
        context.update({"so_quyet_dinh_thu_ly": decision.number_and_symbol,
                        "ngay_quyet_dinh_thu_ly": decision.issued_on})
    elif matter.kind == Matter.Kind.DENUNCIATION and matter.accepted_on:
        context["ngay_quyet_dinh_thu_ly"] = matter.accepted_on
    report = _latest(matter, "report_verification")
    if report is not None:
        context["ket_qua_xac_minh"] = report.text
        context["bao_cao_xac_minh"] = f"báo cáo ngày {report.on:%d/%m/%Y}"
    dialogue = _latest(matter, "record_dialogue")
    if dialogue is not None:
        context["ket_qua_doi_thoai"] = dialogue.text
    if matter.tier == 2:
        first = MatterRecord.objects.filter(matter=matter, transition="decide").order_by("on", "id").first()
        if first is not None:
            context["ket_qua_lan_dau"] = first.text
    return context


def step_context(matter: Matter, step: str, record: MatterRecord | None = None) -> dict[str, Any]:
    """What the step itself wrote, under the names its templates use."""
    record = record or _latest(matter, step)
    data = record.data if record else {}
    text = record.text if record else ""
    out: dict[str, Any] = {}
    if step == "decide" and text:
        out["giai_quyet"] = text
    elif step == "conclude" and text:
        out["ket_luan"] = text
    elif step == "refuse" and record is not None:
        items = rule_in_force("complaint.not_accepted", matter.received_on or record.on).items
        ground = int(data.get("ground") or 0)
        ground_text = items[ground - 1] if 0 < ground <= len(items) else text
        extra = text.partition(" — ")[2]
        out.update({"can_cu": "Điều 11", "ly_do": ground_text[:1].lower() + ground_text[1:] + (
            f"; {extra}" if extra else "")})
    elif step == "extend" and record is not None:
        resolution = deadlines.limit_get(matter, "resolution")
        each = resolution.explained.get("extensions", {}).get("length_each") if resolution else None
        out.update({"lan_gia_han": data.get("extension"), "ly_do": data.get("reason") or text,
                    "han_moi": dt.date.fromisoformat(data["resolution_due"]) if data.get("resolution_due") else None,
                    "so_ngay_gia_han": each})
    elif step == "forward" and record is not None:
        out["co_quan_nhan"] = data.get("target") or text
    return {k: v for k, v in out.items() if v not in (None, "")}


def document_context(matter: Matter, step: str, by: User, record: MatterRecord | None = None) -> dict[str, Any]:
    full = {**matter_context(matter, by), **step_context(matter, step, record)}
    return {k: v for k, v in full.items() if v not in (None, "", [])}


# A stand-in for each reserved value the document service adds, so that only the caller's gaps show.
_RESERVED_STAND_IN: dict[str, Any] = {k: "x" for k in RESERVED_KEYS} | {"ngay_ban_hanh": dt.date(2000, 1, 1)}


def missing_values(code: str, context: dict[str, Any]) -> list[str]:
    """The values template `code` needs that `context` lacks (as the issue would report them), sorted."""
    template = DocumentTemplate.objects.get(code=code, active=True)
    full = {**_RESERVED_STAND_IN, "don_vi_soan_thao": "x", **context}
    missing: set[str] = set()
    for text in (template.summary_template, template.body_template, template.recipients_template):
        try:
            render_text(text, full)
        except MissingValues as exc:
            missing.update(exc.names)
    return sorted(missing)


# What a step's form will supply once submitted: its own text lands under these names.
STEP_SUPPLIES: dict[str, tuple[str, ...]] = {
    "decide": ("giai_quyet",), "conclude": ("ket_luan",), "refuse": ("can_cu", "ly_do"),
    "extend": ("lan_gia_han", "ly_do", "han_moi", "so_ngay_gia_han"), "forward": ("co_quan_nhan",),
}


def fields_to_ask(matter: Matter, step: str, code: str, by: User, *, before_step: bool) -> list[str]:
    """The values the desk must type for `code` (before the step runs, what the step will supply is not asked)."""
    context = document_context(matter, step, by) if not before_step else matter_context(matter, by)
    if before_step:
        context.update({k: dt.date(2000, 1, 1) if k in DATE_VALUES else "x" for k in STEP_SUPPLIES.get(step, ())})
    context = {k: v for k, v in context.items() if v not in (None, "", [])}
    return missing_values(code, context)


def value_label(name: str) -> str:
    return str(VALUE_LABELS.get(name, name.replace("_", " ")))


@dataclass(frozen=True)
class StepDocument:
    """A document a done step may issue, for the matter page's "issue document" action."""

    step: str
    step_label: str
    code: str
    name: str
    on: dt.date
    issued: list[IssuedDocument]
    ask: list[tuple[str, str]]  # (value name, label)
    record_id: int | None = None


def step_documents(matter: Matter, by: User) -> list[StepDocument]:
    """The documents the steps already taken may issue, with those issued so far (the page's action list).

    The acceptance has no record of its own (its day is the matter's); each other step's record keeps the
    ids of the documents issued from it, so each extension shows its own decision.
    """
    from danvan.matters.workflow import transitions_for

    transitions = transitions_for(matter)
    by_code: dict[str, list[IssuedDocument]] = {}
    for doc in documents_for(matter):
        by_code.setdefault(doc.template.code, []).append(doc)
    done: list[tuple[str, dt.date, MatterRecord | None]] = []
    if matter.accepted_on and templates_for(matter, "accept"):
        done.append(("accept", matter.accepted_on, None))
    steps = [s for (kind, s) in STEP_DOCUMENTS if kind == matter.kind and s != "accept"]
    for r in MatterRecord.objects.filter(matter=matter, transition__in=steps).order_by("on", "id"):
        done.append((r.transition, r.on, r))
    names = dict(DocumentTemplate.objects.values_list("code", "name"))
    out = []
    for step, on, record in done:
        for code in issuable(matter, step):
            if record is not None:
                ids = set(record.data.get("documents", []))
                issued = [d for d in by_code.get(code, []) if d.pk in ids]
            else:
                issued = list(by_code.get(code, []))
            ask = [] if issued else [
                (n, value_label(n)) for n in missing_values(code, document_context(matter, step, by, record))]
            label = transitions[step].label if step in transitions else step
            out.append(StepDocument(step=step, step_label=str(label), code=code, name=names.get(code, code), on=on,
                                    issued=issued, ask=ask, record_id=record.pk if record else None))
    return out
