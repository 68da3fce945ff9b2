"""The matter workflows, one state machine per kind, all in this file.

For each kind: its states, and for each transition the states it leaves from, the state it leads to, the
permission it needs (danvan/matters/predicates.py), its guard (the legal rule that may refuse it, with the
reason why) and its effect (what it writes: dates, time limits, records). danvan.matters.services runs a
transition: permission, state, guard, effect, audit, in one transaction.

Sources: Law on Complaints 02/2011/QH13 as amended, Decree 124/2020/ND-CP; Law on Denunciations
25/2018/QH14, Decree 31/2019/ND-CP. The time limits and the grounds come from the rule packs
(danvan/rules/packs) and data/workflow.yaml, never from constants here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.matters import deadlines
from danvan.matters.models import Complexity, Finding, Matter, TimeLimit
from danvan.org.models import Role, User
from danvan.rules.errors import RuleError
from danvan.rules.services import deadline_compute, rule_in_force

DATA_FILE = Path(__file__).resolve().parent / "data" / "workflow.yaml"

PERM_HANDLE = "matters.handle_matter"  # record steps: notices, dialogue, withdrawal, a second complaint
PERM_DECIDE = "matters.decide_matter"  # the decisions of the competent head
PERM_VERIFY = "matters.verify_matter"  # the verification report

STATE_LABELS: dict[str, Any] = {
    "received": _("Chờ thụ lý"),
    "accepted": _("Đã thụ lý"),
    "verifying": _("Đang xác minh"),
    "verified": _("Đã có báo cáo xác minh"),
    "decided": _("Đã ban hành quyết định giải quyết"),
    "notified": _("Đã gửi quyết định cho người khiếu nại"),
    "final": _("Quyết định có hiệu lực pháp luật"),
    "enforced": _("Đã tổ chức thi hành"),
    "concluded": _("Đã ban hành kết luận"),
    "handled": _("Đã xử lý kết luận, hành vi vi phạm"),
    "suspended": _("Tạm đình chỉ"),
    "refused": _("Không thụ lý"),
    "forwarded": _("Đã chuyển cơ quan có thẩm quyền"),
    "withdrawn": _("Đã rút đơn, đình chỉ giải quyết"),
    "inspecting": _("Cơ quan tự thanh tra, kiểm tra"),
    "archived": _("Lưu, không xử lý"),
    "closed": _("Đã kết thúc"),
}
CLOSED_STATES = ("refused", "forwarded", "withdrawn", "enforced", "handled", "archived", "closed")


@dataclass(frozen=True)
class Param:
    """One input a transition asks for; the pages build their forms from these."""

    name: str
    label: Any
    type: str = "text"  # text | date | choice | user | bool
    required: bool = True
    choices: Callable[[Matter], list[tuple[str, str]]] | None = None


@dataclass
class Step:
    """One transition being run: who, on which day, with which inputs."""

    by: User
    on: dt.date
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, name: str) -> str:
        return str(self.params.get(name) or "").strip()


Guard = Callable[[Matter, Step], str | None]
Effect = Callable[[Matter, Step], dict[str, Any]]


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any
    sources: tuple[str, ...]
    target: str | None  # None: the matter stays in its state, or the effect sets it (resume)
    permission: str
    effect: Effect
    guard: Guard | None = None
    params: tuple[Param, ...] = ()
    record: bool = True  # keep the step's text as a MatterRecord
    # When the desk offers the step in one of its source states (None: always); the guard still decides.
    offered: Callable[[Matter], bool] | None = None


# ---------------------------------------------------------------------------------------------- data


@cache
def workflow_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return data


def _pack_items(rule: str, on: dt.date) -> tuple[tuple[str, ...], str]:
    found = rule_in_force(rule, on)
    return found.items, found.citation


def refusal_grounds(matter: Matter) -> list[tuple[str, str]]:
    """The grounds to refuse, numbered from 1, from the rule pack in force on the day of receipt."""
    rule = "complaint.not_accepted" if matter.kind == Matter.Kind.COMPLAINT else "denunciation.acceptance_conditions"
    items, citation = _pack_items(rule, matter.received_on or matter.created_at.date())
    if matter.kind == Matter.Kind.COMPLAINT:
        return [(str(i), f"{text} ({citation})") for i, text in enumerate(items, 1)]
    return [(str(i), gettext("Không đáp ứng điều kiện: %(c)s (%(cit)s)") % {"c": text, "cit": citation})
            for i, text in enumerate(items, 1)]


def _verifier_choices(matter: Matter) -> list[tuple[str, str]]:
    users = User.objects.filter(is_active=True).order_by("full_name", "username")
    return [(str(u.pk), str(u)) for u in users if u.has_role(Role.VERIFIER)]


def _complexity_choices(matter: Matter) -> list[tuple[str, str]]:
    choices = [(str(v), str(label)) for v, label in Complexity.choices]
    if matter.kind == Matter.Kind.COMPLAINT:
        # The Complaints Law knows one degree of complexity.
        choices = [c for c in choices if c[0] != Complexity.ESPECIALLY_COMPLEX]
    return choices


# ----------------------------------------------------------------------------------- time limits


def _resolution_rule(matter: Matter) -> str:
    if matter.kind == Matter.Kind.DENUNCIATION:
        return "denunciation.resolution"
    return "complaint.second_resolution" if matter.tier == 2 else "complaint.first_resolution"


def resolution_limit_set(matter: Matter, *, status: str = TimeLimit.Status.RUNNING) -> TimeLimit:
    assert matter.accepted_on is not None
    return deadlines.limit_set(
        matter, key="resolution", rule=_resolution_rule(matter), start=matter.accepted_on,
        complex=matter.is_complex, remote=matter.remote, extensions=matter.extensions,
        suspended_days=matter.suspended_days, status=status,
    )


def intake_limits_set(matter: Matter) -> None:
    """The limits that run from receipt (called when a matter is opened or a second complaint arrives)."""
    assert matter.received_on is not None
    if matter.kind == Matter.Kind.COMPLAINT:
        deadlines.limit_set(matter, key="acceptance", rule="complaint.acceptance", start=matter.received_on)
        if matter.tier == 1 and matter.decision_known_on:
            rule = "complaint.disciplinary_first" if matter.disciplinary else "complaint.time_limit_to_complain"
            deadlines.limit_set(matter, key="complaint_window", rule=rule, start=matter.decision_known_on,
                                suspended_days=matter.obstacle_days, status=TimeLimit.Status.INFO,
                                for_agency=False)
    elif matter.kind == Matter.Kind.DENUNCIATION:
        deadlines.limit_set(matter, key="initial_processing", rule="denunciation.initial_processing",
                            start=matter.received_on, complex=matter.several_places)
        # Applies only to a denunciation outside the agency's competence: shown, not the agency's next due.
        deadlines.limit_set(matter, key="forward", rule="denunciation.forward", start=matter.received_on,
                            status=TimeLimit.Status.INFO)


# ---------------------------------------------------------------------------------------- guards


def _need(name: str, message: Any) -> Guard:
    def check(matter: Matter, step: Step) -> str | None:
        return None if step.text(name) else str(message)

    return check


def _all(*guards: Guard) -> Guard:
    def check(matter: Matter, step: Step) -> str | None:
        for guard in guards:
            problem = guard(matter, step)
            if problem:
                return problem
        return None

    return check


def _not_before_receipt(matter: Matter, step: Step) -> str | None:
    if matter.received_on and step.on < matter.received_on:
        return gettext("Ngày thực hiện (%(on)s) không thể trước ngày nhận đơn (%(rec)s).") % {
            "on": f"{step.on:%d/%m/%Y}", "rec": f"{matter.received_on:%d/%m/%Y}"}
    return None


def _complaint_in_time(matter: Matter, step: Step) -> str | None:
    """A complaint received after its window (Art. 9; Art. 48 for disciplinary decisions) is refused."""
    window = deadlines.limit_get(matter, "complaint_window")
    if matter.tier == 1 and window and matter.received_on and matter.received_on > window.due:
        return gettext(
            "Khiếu nại nhận ngày %(rec)s, sau khi thời hiệu khiếu nại đã hết (hết ngày %(due)s, %(cit)s): không "
            "thụ lý; nếu có lý do chính đáng, ghi số ngày trở ngại khách quan rồi thụ lý lại."
        ) % {"rec": f"{matter.received_on:%d/%m/%Y}", "due": f"{window.due:%d/%m/%Y}",
             "cit": window.explained.get("citation", "")}
    return None


def _ground_valid(matter: Matter, step: Step) -> str | None:
    ground = step.text("ground")
    if ground not in dict(refusal_grounds(matter)):
        return gettext("Phải chọn một căn cứ không thụ lý theo quy định của pháp luật.")
    return None


def _finding_valid(matter: Matter, step: Step) -> str | None:
    if step.text("finding") not in Finding.values:
        return gettext("Phải chọn kết quả giải quyết: đúng, đúng một phần hoặc sai.")
    return None


def findings(matter: Matter) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Finding.choices]


def _verifier_valid(matter: Matter, step: Step) -> str | None:
    verifier = step.params.get("verifier")
    if not isinstance(verifier, User) or not verifier.is_active or not verifier.has_role(Role.VERIFIER):
        return gettext("Người được giao xác minh phải là cán bộ có vai trò xác minh.")
    return None


def _after_finality(matter: Matter, step: Step) -> str | None:
    limit = deadlines.limit_get(matter, "finality")
    if limit is None or step.on <= limit.due:
        due = f"{limit.due:%d/%m/%Y}" if limit else "?"
        return gettext(
            "Quyết định giải quyết khiếu nại chưa có hiệu lực pháp luật: phải hết thời hạn đến hết ngày %(due)s "
            "mà không bị khiếu nại tiếp (%(cit)s)."
        ) % {"due": due, "cit": limit.explained.get("citation", "") if limit else ""}
    return None


def _within_second_window(matter: Matter, step: Step) -> str | None:
    """Law on Complaints Art. 33: a second complaint comes within the window that opens when the complainant
    receives the first decision, or, when no decision came, when the first resolution's time limit ran out."""
    if matter.tier != 1:
        return gettext("Đây đã là khiếu nại lần hai; không có lần giải quyết thứ ba, người khiếu nại có thể khởi kiện "
                  "vụ án hành chính.")
    if matter.state == "notified":
        window = deadlines.limit_get(matter, "second_window")
        if window is None:
            return gettext("Chưa ghi ngày người khiếu nại nhận quyết định giải quyết lần đầu.")
        due, citation = window.due, window.explained.get("citation")
    else:
        resolution = deadlines.limit_get(matter, "resolution")
        if resolution is None or step.on <= resolution.due:
            return gettext(
                "Chưa có quyết định giải quyết lần đầu và thời hạn giải quyết lần đầu chưa hết (đến hết ngày %(due)s): "
                "khiếu nại lần hai chỉ được tiếp nhận khi đã có quyết định hoặc khi hết thời hạn đó mà khiếu nại không "
                "được giải quyết (Luật Khiếu nại, Điều 33)."
            ) % {"due": f"{resolution.due:%d/%m/%Y}" if resolution else "?"}
        window_rule = deadline_compute(rule=_second_window_rule(matter), start=resolution.due, remote=matter.remote)
        due, citation = window_rule.due, window_rule.explain().get("citation")
    if step.on > due:
        return gettext(
            "Khiếu nại lần hai nhận ngày %(on)s là quá thời hạn (hết ngày %(due)s, %(cit)s)."
        ) % {"on": f"{step.on:%d/%m/%Y}", "due": f"{due:%d/%m/%Y}", "cit": citation}
    return None


def _first_decision_or_overdue(matter: Matter) -> bool:
    return matter.state == "notified" or (
        matter.next_due_key == "resolution" and matter.next_due is not None and matter.next_due < timezone.localdate())


def _resume_not_before_suspension(matter: Matter, step: Step) -> str | None:
    if matter.suspended_on and step.on < matter.suspended_on:
        return gettext("Ngày tiếp tục giải quyết không thể trước ngày tạm đình chỉ (%(d)s).") % {
            "d": f"{matter.suspended_on:%d/%m/%Y}"}
    return None


def extensions_allowed(matter: Matter, complexity: str | None = None) -> tuple[int, str]:
    """How many extensions the law allows this matter, at its degree of complexity or at `complexity`, from the
    rule pack in force on its acceptance; and the source that says so."""
    assert matter.accepted_on is not None
    pack_rule = rule_in_force("denunciation.resolution", matter.accepted_on)
    ext = pack_rule.extension
    if ext is None:
        return 0, pack_rule.citation
    allowed = {Complexity.NORMAL: ext.max_normal, Complexity.COMPLEX: ext.max_complex,
               Complexity.ESPECIALLY_COMPLEX: ext.max_especially_complex}
    return allowed.get(Complexity(complexity or matter.complexity), 0), pack_rule.citation


def _extension_lawful(matter: Matter, step: Step) -> str | None:
    if workflow_data()["denunciation_extensions"].get("reason_required", True) and not step.text("reason"):
        return gettext("Gia hạn giải quyết tố cáo phải có quyết định bằng văn bản nêu rõ lý do: chưa ghi lý do.")
    allowed, source = extensions_allowed(matter)
    if allowed == 0:
        return gettext("Vụ việc tố cáo không phức tạp không được gia hạn thời hạn giải quyết (%(src)s).") % {"src": source}
    if matter.extensions >= allowed:
        return gettext(
            "Đã gia hạn %(n)s lần; vụ việc %(c)s chỉ được gia hạn tối đa %(a)s lần, mỗi lần không quá 30 ngày "
            "(%(src)s)."
        ) % {"n": matter.extensions, "c": matter.get_complexity_display().lower(), "a": allowed, "src": source}
    return None


def _complexity_valid(matter: Matter, step: Step) -> str | None:
    if step.text("complexity") not in dict(_complexity_choices(matter)):
        return gettext("Chọn tính chất vụ việc.")
    if matter.kind == Matter.Kind.DENUNCIATION and matter.extensions:
        allowed, _source = extensions_allowed(matter, step.text("complexity"))
        if allowed < matter.extensions:
            return gettext("Vụ việc đã được gia hạn %(n)s lần: không thể hạ tính chất phức tạp.") % {"n": matter.extensions}
    return None


_reason = _need("reason", _("Phải ghi rõ lý do."))
_text = _need("text", _("Phải ghi nội dung."))
_target_agency = _need("target", _("Phải ghi rõ cơ quan có thẩm quyền nhận."))
_evidence = _need("text", _(
    "Chỉ thông tin nặc danh có nội dung rõ ràng, tài liệu, chứng cứ cụ thể mới được thanh tra, kiểm tra hoặc "
    "chuyển (Luật Tố cáo, Điều 25): ghi rõ nội dung và chứng cứ."))


# --------------------------------------------------------------------------------------- effects


def _accept_complaint(matter: Matter, step: Step) -> dict[str, Any]:
    matter.accepted_on = step.on
    deadlines.limit_meet(matter, ["acceptance"], step.on)
    limit = resolution_limit_set(matter)
    return {"accepted_on": step.on, "tier": matter.tier, "resolution_due": limit.due}


def _accept_denunciation(matter: Matter, step: Step) -> dict[str, Any]:
    matter.accepted_on = step.on
    deadlines.limit_meet(matter, ["initial_processing", "forward"], step.on)
    deadlines.limit_set(matter, key="acceptance_notice", rule="denunciation.acceptance_notice", start=step.on)
    limit = resolution_limit_set(matter)
    return {"accepted_on": step.on, "resolution_due": limit.due}


def _close(matter: Matter, step: Step) -> dict[str, Any]:
    matter.closed_on = step.on
    deadlines.limits_close(matter, step.on)
    return {"closed_on": step.on}


def _refuse(matter: Matter, step: Step) -> dict[str, Any]:
    ground = step.text("ground")
    text = dict(refusal_grounds(matter))[ground]
    step.params["text"] = text + (f" — {step.text('reason')}" if step.text("reason") else "")
    return {"ground": int(ground), "ground_text": text, **_close(matter, step)}


def _forward(matter: Matter, step: Step) -> dict[str, Any]:
    limit = deadlines.limit_get(matter, "forward")
    late = bool(limit and step.on > limit.due and matter.kind == Matter.Kind.DENUNCIATION)
    step.params["text"] = step.text("target") + (f" — {step.text('reason')}" if step.text("reason") else "")
    return {"target": step.text("target"), "late": late, **_close(matter, step)}


def _assign_verifier(matter: Matter, step: Step) -> dict[str, Any]:
    verifier = step.params["verifier"]
    matter.verifier = verifier
    step.params["text"] = str(verifier)
    return {"verifier": verifier.pk}


def _nothing(matter: Matter, step: Step) -> dict[str, Any]:
    return {}


def _decide(matter: Matter, step: Step) -> dict[str, Any]:
    matter.decided_on = step.on
    matter.finding = step.text("finding")
    deadlines.limit_meet(matter, ["resolution"], step.on)
    limit = deadlines.limit_set(matter, key="finality", rule="complaint.finality", start=step.on, remote=matter.remote)
    resolution = deadlines.limit_get(matter, "resolution")
    return {"decided_on": step.on, "tier": matter.tier, "finality_due": limit.due, "finding": matter.finding,
            "late": bool(resolution and step.on > resolution.due)}


def _notify_decision(matter: Matter, step: Step) -> dict[str, Any]:
    matter.decision_received_on = step.on
    if matter.tier != 1:
        return {"received_on": step.on}
    limit = deadlines.limit_set(matter, key="second_window", rule=_second_window_rule(matter), start=step.on,
                                remote=matter.remote, status=TimeLimit.Status.INFO, for_agency=False)
    return {"received_on": step.on, "second_window_due": limit.due}


def _second_window_rule(matter: Matter) -> str:
    if matter.disciplinary:
        return "complaint.disciplinary_second_dismissal" if matter.dismissal else "complaint.disciplinary_second"
    return "complaint.second_complaint_window"


def _second_complaint(matter: Matter, step: Step) -> dict[str, Any]:
    first = {"decided_on": matter.decided_on, "accepted_on": matter.accepted_on}
    deadlines.limit_meet(matter, ["finality", "second_window"], step.on)
    # Without a first decision, the first tier's overdue resolution limit ends here, its lateness on record.
    deadlines.limits_close(matter, step.on)
    # The first tier's limits stay on the file, renamed, beside the second tier's.
    with translation.override("vi"):  # the stored label's language; pages show TimeLimit.display_label
        first_tier = gettext("lần đầu")
    for limit in TimeLimit.objects.filter(matter=matter, key__in=["acceptance", "resolution", "finality",
                                                                   "second_window"]):
        limit.key = f"{limit.key}_1"
        limit.label = f"{limit.label} ({first_tier})"
        limit.save(update_fields=["key", "label"])
    matter.tier = 2
    matter.received_on = step.on
    matter.accepted_on = None
    matter.decided_on = None
    matter.decision_received_on = None
    matter.verifier = None
    matter.extensions = 0
    matter.suspended_days = 0
    intake_limits_set(matter)
    return {"received_on": step.on, "first": first}


def _suspend(matter: Matter, step: Step) -> dict[str, Any]:
    matter.state_before_suspension = matter.state
    matter.suspended_on = step.on
    deadlines.limit_status(matter, "resolution", TimeLimit.Status.PAUSED)
    return {"suspended_on": step.on, "from_state": matter.state}


def _resume(matter: Matter, step: Step) -> dict[str, Any]:
    assert matter.suspended_on is not None
    days = (step.on - matter.suspended_on).days
    matter.suspended_days += days
    matter.state = matter.state_before_suspension or "accepted"
    suspended_on = matter.suspended_on
    matter.suspended_on = None
    matter.state_before_suspension = ""
    limit = resolution_limit_set(matter)
    return {"suspended_on": suspended_on, "resumed_on": step.on, "days": days,
            "suspended_days_total": matter.suspended_days, "resolution_due": limit.due}


def _extend(matter: Matter, step: Step) -> dict[str, Any]:
    before = deadlines.limit_get(matter, "resolution")
    matter.extensions += 1
    try:
        limit = resolution_limit_set(matter)
    except RuleError:
        matter.extensions -= 1
        raise
    return {"extension": matter.extensions, "before": before.due if before else None, "resolution_due": limit.due,
            "reason": step.text("reason")}


def _set_complexity(matter: Matter, step: Step) -> dict[str, Any]:
    before = matter.complexity
    matter.complexity = step.text("complexity")
    step.params.setdefault("text", step.text("reason"))
    paused = matter.state == "suspended"
    if matter.accepted_on:
        resolution_limit_set(matter, status=TimeLimit.Status.PAUSED if paused else TimeLimit.Status.RUNNING)
    return {"before": before, "complexity": matter.complexity}


def _several_places(matter: Matter, step: Step) -> dict[str, Any]:
    matter.several_places = True
    step.params.setdefault("text", step.text("reason"))
    assert matter.received_on is not None
    # The pack's "complex" case of this rule is the one for checks at several places (Art. 24 cl. 1).
    limit = deadlines.limit_set(matter, key="initial_processing", rule="denunciation.initial_processing",
                                start=matter.received_on, complex=True)
    return {"initial_processing_due": limit.due}


def _not_yet_several_places(matter: Matter, step: Step) -> str | None:
    if matter.several_places:
        return gettext("Đã ghi nhận việc kiểm tra, xác minh tại nhiều địa điểm.")
    return None


def _notify_acceptance(matter: Matter, step: Step) -> dict[str, Any]:
    limit = deadlines.limit_get(matter, "acceptance_notice")
    deadlines.limit_meet(matter, ["acceptance_notice"], step.on)
    return {"notified_on": step.on, "late": bool(limit and step.on > limit.due)}


def _conclude(matter: Matter, step: Step) -> dict[str, Any]:
    matter.decided_on = step.on
    matter.finding = step.text("finding")
    resolution = deadlines.limit_get(matter, "resolution")
    deadlines.limit_meet(matter, ["resolution", "acceptance_notice"], step.on)
    return {"concluded_on": step.on, "finding": matter.finding, "late": bool(resolution and step.on > resolution.due)}


def _notice_not_done(matter: Matter, step: Step) -> str | None:
    limit = deadlines.limit_get(matter, "acceptance_notice")
    if limit is None or limit.status == TimeLimit.Status.MET:
        return gettext("Đã thông báo việc thụ lý tố cáo.")
    return None


# ------------------------------------------------------------------------------------ the machines

_ON = Param("on", _("Ngày"), "date", required=False)
_REASON = Param("reason", _("Lý do"), "text")
_TEXT = Param("text", _("Nội dung"), "text")
_OPEN_WORK = ("accepted", "verifying", "verified")


def _common(kind_word: Any) -> dict[str, Transition]:
    return {
        "assign_verifier": Transition(
            "assign_verifier", _("Giao xác minh"), ("accepted",), "verifying", PERM_DECIDE, _assign_verifier,
            _verifier_valid, (Param("verifier", _("Người xác minh"), "user", choices=_verifier_choices), _ON)),
        "report_verification": Transition(
            "report_verification", _("Báo cáo kết quả xác minh"), ("verifying",), "verified", PERM_VERIFY,
            _nothing, _text, (_TEXT, _ON)),
        "set_complexity": Transition(
            "set_complexity", _("Xác định tính chất vụ việc"), ("received", *_OPEN_WORK, "suspended"), None,
            PERM_DECIDE, _set_complexity, _all(_complexity_valid, _reason),
            (Param("complexity", _("Tính chất"), "choice", choices=_complexity_choices), _REASON)),
        "suspend": Transition(
            "suspend", _("Tạm đình chỉ giải quyết"), _OPEN_WORK, "suspended", PERM_DECIDE, _suspend, _reason,
            (_REASON, _ON)),
        "resume": Transition(
            "resume", _("Tiếp tục giải quyết"), ("suspended",), None, PERM_DECIDE, _resume,
            _all(_reason, _resume_not_before_suspension), (_REASON, _ON)),
        "withdraw": Transition(
            "withdraw", kind_word, ("received", *_OPEN_WORK, "suspended"), "withdrawn", PERM_HANDLE, _close,
            _text, (_TEXT, _ON)),
    }


COMPLAINT: dict[str, Transition] = {
    "accept": Transition(
        "accept", _("Thụ lý khiếu nại"), ("received",), "accepted", PERM_DECIDE, _accept_complaint,
        _all(_not_before_receipt, _complaint_in_time), (_ON,), record=False),
    "refuse": Transition(
        "refuse", _("Không thụ lý khiếu nại"), ("received",), "refused", PERM_DECIDE, _refuse,
        _all(_not_before_receipt, _ground_valid),
        (Param("ground", _("Căn cứ không thụ lý (Điều 11)"), "choice", choices=refusal_grounds),
         Param("reason", _("Giải thích thêm"), "text", required=False), _ON)),
    **_common(_("Ghi nhận người khiếu nại rút khiếu nại")),
    "record_dialogue": Transition(
        "record_dialogue", _("Ghi biên bản đối thoại"), ("verifying", "verified"), None, PERM_HANDLE, _nothing,
        _text, (_TEXT, _ON)),
    "decide": Transition(
        "decide", _("Ban hành quyết định giải quyết khiếu nại"), ("verified",), "decided", PERM_DECIDE, _decide,
        _all(_text, _finding_valid),
        (Param("finding", _("Khiếu nại là"), "choice", choices=findings), _TEXT, _ON)),
    "notify": Transition(
        "notify", _("Ghi ngày người khiếu nại nhận quyết định"), ("decided",), "notified", PERM_HANDLE,
        _notify_decision, None, (_ON,), record=False),
    "second_complaint": Transition(
        "second_complaint", _("Tiếp nhận khiếu nại lần hai"), ("notified", *_OPEN_WORK), "received", PERM_HANDLE,
        _second_complaint, _within_second_window, (_ON,), record=False, offered=_first_decision_or_overdue),
    "finalize": Transition(
        "finalize", _("Ghi nhận quyết định có hiệu lực pháp luật"), ("notified",), "final", PERM_DECIDE, _nothing,
        _after_finality, (_ON,), record=False),
    "enforce": Transition(
        "enforce", _("Tổ chức thi hành quyết định"), ("final",), "enforced", PERM_DECIDE, _close, _text,
        (_TEXT, _ON)),
}

DENUNCIATION: dict[str, Transition] = {
    "accept": Transition(
        "accept", _("Quyết định thụ lý tố cáo"), ("received",), "accepted", PERM_DECIDE, _accept_denunciation,
        _not_before_receipt, (_ON,), record=False),
    "refuse": Transition(
        "refuse", _("Không thụ lý tố cáo"), ("received",), "refused", PERM_DECIDE, _refuse,
        _all(_not_before_receipt, _ground_valid),
        (Param("ground", _("Điều kiện không đáp ứng (Điều 29)"), "choice", choices=refusal_grounds),
         Param("reason", _("Giải thích thêm"), "text", required=False), _ON)),
    "forward": Transition(
        "forward", _("Chuyển tố cáo không thuộc thẩm quyền"), ("received",), "forwarded", PERM_DECIDE, _forward,
        _all(_not_before_receipt, _target_agency),
        (Param("target", _("Cơ quan có thẩm quyền"), "text"), Param("reason", _("Ghi chú"), "text", required=False),
         _ON)),
    "several_places": Transition(
        "several_places", _("Ghi nhận phải kiểm tra, xác minh tại nhiều địa điểm"), ("received",), None, PERM_DECIDE,
        _several_places, _all(_not_yet_several_places, _reason), (_REASON, _ON)),
    "notify_acceptance": Transition(
        "notify_acceptance", _("Thông báo thụ lý cho người tố cáo, người bị tố cáo"), _OPEN_WORK, None, PERM_HANDLE,
        _notify_acceptance, _notice_not_done, (_ON,), record=False),
    **_common(_("Ghi nhận người tố cáo rút tố cáo")),
    "extend": Transition(
        "extend", _("Gia hạn giải quyết tố cáo"), _OPEN_WORK, None, PERM_DECIDE, _extend, _extension_lawful,
        (Param("reason", _("Lý do gia hạn"), "text"), _ON)),
    "conclude": Transition(
        "conclude", _("Ban hành kết luận nội dung tố cáo"), ("verified",), "concluded", PERM_DECIDE, _conclude,
        _all(_text, _finding_valid),
        (Param("finding", _("Tố cáo là"), "choice", choices=findings), _TEXT, _ON)),
    "handle_violations": Transition(
        "handle_violations", _("Xử lý kết luận, hành vi vi phạm"), ("concluded",), "handled", PERM_DECIDE, _close,
        _text, (_TEXT, _ON)),
}

ANONYMOUS: dict[str, Transition] = {
    "inspect": Transition(
        "inspect", _("Cơ quan tự thanh tra, kiểm tra"), ("received",), "inspecting", PERM_DECIDE, _nothing,
        _evidence, (Param("text", _("Nội dung, chứng cứ cụ thể"), "text"), _ON)),
    "forward": Transition(
        "forward", _("Chuyển cơ quan có thẩm quyền"), ("received",), "forwarded", PERM_DECIDE, _forward,
        _all(_target_agency, _evidence),
        (Param("target", _("Cơ quan có thẩm quyền"), "text"), Param("text", _("Nội dung, chứng cứ cụ thể"), "text"),
         _ON)),
    "archive": Transition(
        "archive", _("Lưu, không xử lý"), ("received",), "archived", PERM_DECIDE, _close, _reason, (_REASON, _ON)),
    "close": Transition(
        "close", _("Kết thúc thanh tra, kiểm tra"), ("inspecting",), "closed", PERM_DECIDE, _close, _text,
        (_TEXT, _ON)),
}

WORKFLOWS: dict[str, dict[str, Transition]] = {
    Matter.Kind.COMPLAINT: COMPLAINT,
    Matter.Kind.DENUNCIATION: DENUNCIATION,
    Matter.Kind.ANONYMOUS: ANONYMOUS,
}


def transitions_for(matter: Matter) -> dict[str, Transition]:
    return WORKFLOWS[matter.kind]


def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


def action_label(matter: Matter, action: str) -> str:
    """What an audit event on a matter did, in the desk's words ("matter.accept" -> the step's label)."""
    other = {"matter.open": _("Mở vụ việc"), "matter.remind": _("Nhắc hạn"),
             "document.issue": _("Ban hành văn bản")}
    if action in other:
        return str(other[action])
    step = transitions_for(matter).get(action.removeprefix("matter."))
    return str(step.label) if step is not None else action


def why_not_from_state(matter: Matter, transition: Transition) -> str | None:
    """None if `transition` may leave the matter's state; else why not, in words a desk officer reads."""
    if matter.state in transition.sources:
        return None
    label = str(transition.label).lower()
    if matter.state == "withdrawn":
        return gettext("Đơn đã được rút ngày %(d)s, việc giải quyết đã đình chỉ: không thể %(t)s.") % {
            "d": f"{matter.closed_on:%d/%m/%Y}" if matter.closed_on else "?", "t": label}
    if matter.state in CLOSED_STATES:
        return gettext("Vụ việc đã kết thúc (%(s)s): không thể %(t)s.") % {"s": state_label(matter.state), "t": label}
    if matter.state == "suspended":
        return gettext("Vụ việc đang tạm đình chỉ từ ngày %(d)s: phải quyết định tiếp tục giải quyết trước khi %(t)s.") % {
            "d": f"{matter.suspended_on:%d/%m/%Y}" if matter.suspended_on else "?", "t": label}
    if transition.name in ("decide", "conclude") and matter.state in ("accepted", "verifying"):
        return gettext("Chưa có báo cáo kết quả xác minh: không thể %(t)s trước khi xác minh xong.") % {"t": label}
    return gettext("Không thể %(t)s khi vụ việc đang ở bước “%(s)s”; bước này chỉ thực hiện được khi: %(src)s.") % {
        "t": label, "s": state_label(matter.state), "src": ", ".join(state_label(s) for s in transition.sources)}
