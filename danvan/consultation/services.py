"""Writes in consultation: every use case is one function here, in one transaction, with one audit event.

The exception is a citizen's comment (`comment_submit`): it is one INSERT and nothing else (batched
with the requests waiting in the same process: groupcommit), so intake survives the bursts near a period's
close; the comment row is its own record (receipt code, time, channel), and every later change to it
(moderation) is audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.consultation import conf, groupcommit, intake
from danvan.consultation.models import (
    Assignment,
    Channel,
    Comment,
    CommenterType,
    CommentGroup,
    Draft,
    DraftVersion,
    Provision,
    Report,
    Response,
    SynthesisRun,
    Tally,
)
from danvan.consultation.reading import UnreadableFile, comment_table, draft_text, map_columns
from danvan.consultation.structure import Candidate, flatten, match_versions, parse_structure
from danvan.org.models import Unit
from danvan.rules.errors import RuleError
from danvan.rules.services import deadline_compute
from textmining.normalize import fold, to_nfc

_RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
WHOLE_DRAFT = "toan-van"  # the "article" of comments on the whole draft, for the engine


def _receipt() -> str:
    return "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(10))


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# ---------------------------------------------------------------------------------------------- drafts


def draft_create(*, title: str, slug: str, unit: Unit, by: Any, doc_type: str = "Luật", summary: str = "") -> Draft:
    title = to_nfc(title).strip()
    if not title:
        raise ValidationError({"title": _("Chưa nhập tên dự thảo.")})
    # The staff page posts raw fields: check what the columns hold before the database refuses it.
    for name, value in (("title", title), ("slug", slug), ("doc_type", doc_type), ("summary", summary)):
        limit = getattr(Draft._meta.get_field(name), "max_length", None)
        if "\x00" in value or (limit is not None and len(value) > limit):
            raise ValidationError({name: _("Giá trị quá dài hoặc chứa ký tự không hợp lệ.")})
    with transaction.atomic():
        draft = Draft.objects.create(title=title, slug=slug, unit=unit, doc_type=doc_type, summary=summary,
                                     created_by=by if getattr(by, "is_authenticated", False) else None)
        audit_record(action="consultation.draft_create", obj=draft, by=by, data={"title": title})
    return draft


def draft_version_import(*, draft: Draft, data: bytes, filename: str, by: Any, note: str = "") -> DraftVersion:
    """Read a DOCX or text file, parse its structure and store it as the draft's next version.

    The provisions of a revision are matched to the previous version's by what they say
    (structure.match_versions): a matched provision keeps its anchor, so its comments follow it when it
    is renumbered. Raises ValidationError when the file cannot be read or holds no article.
    """
    try:
        text, _encoding = draft_text(data, filename)
    except UnreadableFile as exc:
        raise ValidationError(str(exc)) from exc
    roots, warnings = parse_structure(text)
    nodes = flatten(roots)
    if not any(n.kind == "article" for n in nodes):
        raise ValidationError(_("Không tìm thấy điều nào (dòng bắt đầu bằng \"Điều 1.\") trong tệp."))
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        previous = locked.versions.order_by("-number").first()
        version = DraftVersion.objects.create(
            draft=locked, number=(previous.number + 1) if previous else 1, source_name=filename[:255], text=text,
            warnings=warnings, note=note, created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        index = {id(n): i for i, n in enumerate(nodes)}
        anchors: dict[int, str] = {}
        matched = 0
        if previous is not None:
            old = list(previous.provisions.all())
            old_candidates = [Candidate(p.pk, p.kind, p.parent_id, f"{p.title}\n{p.text}" if p.kind != "article"
                                        else _article_text(p, old)) for p in old]
            new_candidates = [Candidate(index[id(n)], n.kind, index[id(n.parent)] if n.parent else None,
                                        n.full_text() if n.kind == "article" else f"{n.title}\n{n.text}")
                              for n in nodes]
            old_anchor = {p.pk: p.anchor for p in old}
            for new_key, old_key in match_versions(old_candidates, new_candidates).items():
                anchors[new_key] = old_anchor[old_key]
            matched = len(anchors)
        created: dict[int, Provision] = {}
        for i in range(len(nodes)):
            anchors[i] = anchors.get(i) or uuid.uuid4().hex
        for i, n in enumerate(nodes):
            art = n.article()
            p = Provision(
                version=version, kind=n.kind, number=n.number, label=n.label[:80], title=n.title[:500], text=n.text,
                parent=created[index[id(n.parent)]] if n.parent is not None else None, order=i,
                depth={"chapter": 0, "section": 1, "article": 2, "clause": 3, "point": 4}[n.kind],
                anchor=anchors[i], article_anchor=anchors[index[id(art)]] if art is not None else "",
            )
            p.save()
            created[i] = p
        audit_record(action="consultation.version_import", obj=version, by=by, data={
            "draft": locked.pk, "number": version.number, "file": filename, "provisions": len(nodes),
            "matched_to_previous": matched, "warnings": len(warnings)})
    intake.draft_info_forget(draft.pk)
    return version


def _article_text(article: Provision, all_provisions: list[Provision]) -> str:
    children: dict[int | None, list[Provision]] = {}
    for p in all_provisions:
        children.setdefault(p.parent_id, []).append(p)

    def walk(p: Provision) -> list[str]:
        out = [f"{p.title}\n{p.text}".strip()]
        for c in children.get(p.pk, []):
            out.extend(walk(c))
        return out

    return "\n".join(walk(article)).strip()


def draft_set_period(*, draft: Draft, opens_on: dt.date, closes_on: dt.date, by: Any) -> Draft:
    """Set the comment period; refuse one shorter than the rule pack's minimum for the day it opens."""
    if closes_on < opens_on:
        raise ValidationError(_("Ngày kết thúc phải sau ngày đăng tải."))
    try:
        minimum = deadline_compute(rule="consultation.comment_period", start=opens_on)
    except RuleError as exc:
        raise ValidationError(exc.message) from exc
    if closes_on < minimum.due:
        raise ValidationError(_(
            "Thời gian lấy ý kiến tối thiểu là %(n)s ngày kể từ ngày đăng tải (%(citation)s). Đăng tải ngày "
            "%(opens)s thì hạn góp ý sớm nhất là hết ngày %(due)s; ngày %(closes)s là quá sớm."
        ) % {"n": minimum.amount, "citation": minimum.citation, "opens": _d(opens_on), "due": _d(minimum.due),
             "closes": _d(closes_on)})
    with transaction.atomic():
        draft.opens_on, draft.closes_on = opens_on, closes_on
        draft.period_rule = {"rule": minimum.rule_code, "pack": minimum.pack, "citation": minimum.citation,
                             "minimum_days": minimum.amount, "earliest_close": minimum.due.isoformat(),
                             "confidence": minimum.confidence}
        draft.save(update_fields=["opens_on", "closes_on", "period_rule"])
        audit_record(action="consultation.period_set", obj=draft, by=by, data={
            "opens_on": opens_on, "closes_on": closes_on, "minimum": draft.period_rule})
    intake.draft_info_forget(draft.pk)
    return draft


# -------------------------------------------------------------------------------------------- comments


class CommentRefused(ValidationError):
    """A comment that cannot be taken; `status` is the HTTP status a view should answer with."""

    def __init__(self, message: str, *, status: int = 400, code: str = "invalid") -> None:
        super().__init__(message, code=code)
        self.status = status


@dataclass(frozen=True)
class SubmitResult:
    receipt: str
    status: str
    created: bool  # False when the client's key was seen before: the first submission's receipt is returned
    reasons: tuple[str, ...] = ()


def comment_submit(
    *,
    draft_id: int,
    text: str,
    provision_id: int | None = None,
    commenter_type: str = CommenterType.PERSON,
    name: str = "",
    organization: str = "",
    contact: str = "",
    channel: str = Channel.WEB,
    client_key: str = "",
    flags: list[str] | None = None,
    now: dt.datetime | None = None,
) -> SubmitResult:
    """Take one public comment: validate, then one INSERT, batched with concurrent requests (groupcommit).

    A comment with spam signals (`flags`, see intake.spam_signals) is stored as held for moderation,
    never dropped. `client_key` (any string the client keeps across retries) makes the call
    idempotent: a repeat returns the first receipt. Raises CommentRefused (with its HTTP status) for
    an unknown draft or provision, a closed period, an empty or oversize text, or a bad commenter type.
    """
    info = intake.draft_info(draft_id)
    if info is None:
        raise CommentRefused(_("Không có dự thảo này."), status=404, code="not_found")
    now = now or timezone.now()
    today = timezone.localdate(now)
    if info.opens_on is None or info.closes_on is None or today < info.opens_on:
        raise CommentRefused(_("Dự thảo chưa mở lấy ý kiến."), status=403, code="not_open")
    if today > info.closes_on:
        raise CommentRefused(_("Đã hết thời gian lấy ý kiến: hạn góp ý là hết ngày %(d)s.") % {"d": _d(info.closes_on)},
                             status=403, code="closed")
    text = to_nfc(text or "").strip()
    if not text:
        raise CommentRefused(_("Nội dung góp ý đang để trống."), code="empty")
    limit = conf.max_chars()
    if len(text) > limit:
        raise CommentRefused(_("Nội dung góp ý dài %(n)s ký tự, vượt quá giới hạn %(max)s ký tự. Ý kiến dài xin gửi "
                               "thành văn bản.") % {"n": f"{len(text):,}".replace(",", "."),
                                                     "max": f"{limit:,}".replace(",", ".")}, status=413,
                             code="too_long")
    if commenter_type not in CommenterType.values:
        raise CommentRefused(_("Loại người góp ý không hợp lệ."), code="commenter_type")
    anchor = article_anchor = ""
    if provision_id is not None:
        found = info.provisions.get(provision_id)
        if found is None:
            raise CommentRefused(_("Không có điều khoản này trong dự thảo."), code="provision")
        anchor, article_anchor = found
    client_key = (client_key or "").strip()[:64]
    reasons = tuple(flags or ())
    comment = Comment(
        draft_id=draft_id, provision_id=provision_id, anchor=anchor, article_anchor=article_anchor,
        commenter_type=commenter_type, name=to_nfc(name).strip()[:200], organization=to_nfc(organization).strip()[:300],
        contact=contact.strip()[:200], text=text, channel=channel,
        status=Comment.Status.HELD if reasons else Comment.Status.ACCEPTED, flags=list(reasons),
        moderation_reason="; ".join(reasons), receipt=_receipt(), dedupe_key=f"c:{client_key}" if client_key else None,
        received_at=now,
    )
    try:
        stored = groupcommit.comment_store(comment, _receipt)
    except (DatabaseError, groupcommit.ReceiptsExhausted) as exc:
        raise CommentRefused(_("Không lưu được ý kiến, xin gửi lại."), status=503, code="retry") from exc
    return SubmitResult(stored.receipt, stored.status, stored.created, reasons if stored.created else ())


def comment_moderate(*, comment: Comment, accept: bool, reason: str, by: Any) -> Comment:
    """Accept or reject a comment; a rejection states its reason, which the author sees with the receipt."""
    reason = to_nfc(reason).strip()
    if not accept and not reason:
        raise ValidationError(_("Phải nêu lý do khi không tiếp nhận ý kiến."))
    with transaction.atomic():
        before = comment.status
        comment.status = Comment.Status.ACCEPTED if accept else Comment.Status.REJECTED
        comment.moderation_reason = reason
        comment.save(update_fields=["status", "moderation_reason"])
        audit_record(action="consultation.comment_moderate", obj=comment, by=by, data={
            "from": before, "to": comment.status, "reason": reason})
    return comment


# ---------------------------------------------------------------------------------------------- import

_TYPE_WORDS = {
    "ca nhan": CommenterType.PERSON, "cong dan": CommenterType.PERSON, "nguoi dan": CommenterType.PERSON,
    "person": CommenterType.PERSON, "to chuc": CommenterType.ORGANIZATION, "doanh nghiep": CommenterType.ORGANIZATION,
    "hiep hoi": CommenterType.ORGANIZATION, "organization": CommenterType.ORGANIZATION,
    "co quan": CommenterType.AGENCY, "co quan nha nuoc": CommenterType.AGENCY, "agency": CommenterType.AGENCY,
    "chuyen gia": CommenterType.EXPERT, "nha khoa hoc": CommenterType.EXPERT, "chuyen gia, nha khoa hoc":
    CommenterType.EXPERT, "expert": CommenterType.EXPERT,
}
_CHANNEL_WORDS = {
    "hoi nghi": Channel.CONFERENCE, "hoi thao": Channel.CONFERENCE, "conference": Channel.CONFERENCE,
    "van ban": Channel.LETTER, "thu": Channel.LETTER, "buu chinh": Channel.LETTER, "letter": Channel.LETTER,
    "cong thong tin": Channel.PORTAL, "cong khac": Channel.PORTAL, "portal": Channel.PORTAL,
}
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    already_there: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line number in the file, reason)
    encodings: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "created": self.created, "already_there": self.already_there,
                "refused": [{"line": n, "reason": r} for n, r in self.refused], "encodings": self.encodings}


def _provision_index(draft: Draft) -> dict[str, Provision]:
    version = intake.latest_version(draft)
    if version is None:
        return {}
    return {_ref_key(p.label): p for p in version.provisions.all()}


def _ref_key(ref: str) -> str:
    return re.sub(r"\s+", " ", to_nfc(ref).strip().lower().rstrip(".,;"))


def _parse_date(value: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip()[:10], fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def comments_import(*, draft: Draft, data: bytes, filename: str, channel: str, by: Any) -> ImportReport:
    """Import comments gathered elsewhere (conference minutes, letters, another portal) from CSV or XLSX.

    Columns (Vietnamese header, marks optional): nội dung (required), điều khoản ("Điều 5", "khoản 1
    Điều 5", "điểm đ khoản 1 Điều 5"; empty for the whole draft), loại (cá nhân / tổ chức / cơ quan /
    chuyên gia), họ tên, tổ chức, ngày (dd/mm/yyyy), mã (the source's own reference), kênh.
    Each row is checked on its own; refused rows are reported with their line number and reason and the
    rest are imported. Idempotent: a row's natural key (its source reference, else who, where and what
    it says, folded) is stored, and a row already imported is counted, not added again.
    """
    if channel not in Channel.values:
        raise ValidationError(_("Kênh không hợp lệ."))
    try:
        table = comment_table(data, filename)
    except UnreadableFile as exc:
        raise ValidationError(str(exc)) from exc
    cols = map_columns(table.header)
    if "text" not in cols:
        raise ValidationError(_("Không thấy cột \"Nội dung\" ở dòng tiêu đề (các cột đọc được: %(h)s).")
                              % {"h": ", ".join(table.header)})
    report = ImportReport(rows=len(table.rows), encodings=dict(table.encodings))
    provisions = _provision_index(draft)
    limit = conf.max_chars()
    pending: dict[str, Comment] = {}
    now = timezone.now()

    def get(row: list[str], name: str) -> str:
        return row[cols[name]].strip() if name in cols and cols[name] < len(row) else ""

    for offset, row in enumerate(table.rows):
        line = offset + 2  # the header is line 1
        text = to_nfc(get(row, "text"))
        if not text:
            report.refused.append((line, _("nội dung trống")))
            continue
        if len(text) > limit:
            report.refused.append((line, _("nội dung dài %(n)s ký tự, quá giới hạn %(limit)s") % {
                "n": len(text), "limit": limit}))
            continue
        ref = get(row, "provision")
        provision: Provision | None = None
        if ref and fold(ref) not in ("toan van", "toan bo", "chung", "toan bo du thao"):
            provision = provisions.get(_ref_key(ref))
            if provision is None:
                report.refused.append((line, _("không có “%(ref)s” trong phiên bản hiện hành của dự thảo") % {
                    "ref": ref}))
                continue
        kind_word = fold(get(row, "commenter_type"))
        commenter_type = _TYPE_WORDS.get(kind_word) if kind_word else CommenterType.PERSON
        if commenter_type is None:
            report.refused.append((line, _("loại người góp ý “%(value)s” không rõ (cá nhân, tổ chức, cơ quan, "
                                           "chuyên gia)") % {"value": get(row, "commenter_type")}))
            continue
        row_channel = channel
        if get(row, "channel"):
            found_channel = _CHANNEL_WORDS.get(fold(get(row, "channel")))
            if found_channel is None:
                report.refused.append((line, _("kênh “%(value)s” không rõ") % {"value": get(row, "channel")}))
                continue
            row_channel = found_channel
        received = now
        if get(row, "date"):
            try:
                day = _parse_date(get(row, "date"))
            except ValueError:
                report.refused.append((line, _("ngày “%(value)s” không đúng dạng ngày/tháng/năm") % {
                    "value": get(row, "date")}))
                continue
            assert day is not None
            if draft.closes_on is not None and day > draft.closes_on:
                report.refused.append((line, _("góp ý ngày %(day)s, sau hạn góp ý %(due)s") % {
                    "day": _d(day), "due": _d(draft.closes_on)}))
                continue
            if day > timezone.localdate(now):
                report.refused.append((line, _("ngày %(day)s ở tương lai") % {"day": _d(day)}))
                continue
            received = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        name, org, source_ref = get(row, "name"), get(row, "organization"), get(row, "ref")
        if source_ref:
            natural = f"ref|{fold(source_ref)}"
        else:
            natural = "|".join([fold(name), fold(org), provision.anchor if provision else "", fold(text)])
        key = "i:" + hashlib.sha256(natural.encode()).hexdigest()[:48]
        if key in pending:
            report.already_there += 1
            continue
        pending[key] = Comment(
            draft=draft, provision=provision, anchor=provision.anchor if provision else "",
            article_anchor=provision.article_anchor if provision else "", commenter_type=commenter_type,
            name=to_nfc(name)[:200], organization=to_nfc(org)[:300], text=text, channel=row_channel,
            status=Comment.Status.ACCEPTED, receipt=_receipt(), dedupe_key=key, source_ref=source_ref[:200],
            received_at=received,
        )
    with transaction.atomic():
        keys = list(pending)
        existing: set[str] = set()
        for start in range(0, len(keys), 2000):
            existing.update(k for k in Comment.objects.filter(draft=draft, dedupe_key__in=keys[start:start + 2000])
                            .values_list("dedupe_key", flat=True) if k)
        new = [c for k, c in pending.items() if k not in existing]
        Comment.objects.bulk_create(new, batch_size=1000)
        report.created = len(new)
        report.already_there += len(existing)
        audit_record(action="consultation.comments_import", obj=draft, by=by, data={
            "file": filename, "channel": channel, **{k: v for k, v in report.as_dict().items() if k != "refused"},
            "refused": len(report.refused)})
    return report


# ------------------------------------------------------------------------------------------- synthesis


def synthesis_start(*, draft: Draft, by: Any) -> SynthesisRun:
    """Queue a synthesis of the draft's accepted comments; the work runs in the background."""
    from danvan.consultation.tasks import synthesis_execute

    with transaction.atomic():
        active = draft.runs.filter(state__in=[SynthesisRun.State.QUEUED, SynthesisRun.State.RUNNING]).first()
        if active is not None:
            return active
        run = SynthesisRun.objects.create(draft=draft, created_by=by if getattr(by, "is_authenticated", False)
                                          else None)
        audit_record(action="consultation.synthesis_start", obj=run, by=by, data={"draft": draft.pk})
        synthesis_execute.enqueue(run_id=run.pk)
    return run


def synthesis_resume(*, stale_after: dt.timedelta | None = None) -> list[int]:
    """Queue again the runs left unfinished (a restart, a lost worker). With `stale_after`, only runs
    that have shown no progress for that long. The engine skips the partitions it had finished."""
    from danvan.consultation.tasks import synthesis_execute

    runs = SynthesisRun.objects.filter(state__in=[SynthesisRun.State.QUEUED, SynthesisRun.State.RUNNING])
    if stale_after is not None:
        cutoff = timezone.now() - stale_after
        runs = runs.filter(created_at__lt=cutoff).exclude(heartbeat__gte=cutoff)
    ids = list(runs.values_list("id", flat=True))
    for run_id in ids:
        with transaction.atomic():
            SynthesisRun.objects.filter(pk=run_id).update(heartbeat=timezone.now())
            synthesis_execute.enqueue(run_id=run_id)
    return ids


def synthesis_execute_now(*, run_id: int) -> None:
    """The background task's body: run the engine, store its result. Safe to call twice for one run:
    each call takes a new attempt number and an older attempt stops writing."""
    import polars as pl

    from textmining.consultation import group_comments

    run = SynthesisRun.objects.filter(pk=run_id).first()
    if run is None or run.state in (SynthesisRun.State.DONE, SynthesisRun.State.FAILED):
        return
    attempt = run.attempts + 1
    claimed = SynthesisRun.objects.filter(pk=run_id, attempts=run.attempts).update(
        attempts=attempt, state=SynthesisRun.State.RUNNING, heartbeat=timezone.now())
    if not claimed:
        return
    mine = SynthesisRun.objects.filter(pk=run_id, attempts=attempt)
    last = [0.0, 0.0]  # progress written, monotonic time written

    def report_progress(fraction: float) -> None:
        import time

        fraction = min(1.0, max(0.0, fraction))
        now = time.monotonic()
        if (fraction - last[0] >= 0.01 and now - last[1] >= 0.3) or fraction >= 1.0:
            mine.update(progress=fraction, heartbeat=timezone.now())
            last[0], last[1] = fraction, now

    try:
        rows = Comment.objects.filter(draft_id=run.draft_id, status=Comment.Status.ACCEPTED, received_at__lte=run.created_at)
        ids: list[int] = []
        articles: list[str] = []
        types: list[str] = []
        texts: list[str] = []
        for pk, article, anchor, ctype, text in rows.values_list(
                "id", "article_anchor", "anchor", "commenter_type", "text").order_by("id").iterator(chunk_size=20000):
            ids.append(pk)
            articles.append(article or anchor or WHOLE_DRAFT)
            types.append(ctype)
            texts.append(text)
        table = pl.DataFrame({"id": ids, "article": articles, "commenter_type": types, "text": texts},
                             schema={"id": pl.Int64, "article": pl.String, "commenter_type": pl.String, "text": pl.String})
        report_progress(0.05)
        workers = conf.workers() or (2 if len(ids) >= 200_000 else 1)
        workdir = conf.workdir_root() / f"run-{run_id}"
        result = group_comments(table, workers=workers, workdir=workdir,
                                progress=lambda f: report_progress(0.05 + 0.8 * f))
        _store_result(run_id=run_id, attempt=attempt, result=result, comments=len(ids),
                      progress=report_progress)
    except Exception as exc:
        mine.update(state=SynthesisRun.State.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
                    finished_at=timezone.now())
        raise


def _store_result(*, run_id: int, attempt: int, result: Any, comments: int,
                  progress: Callable[[float], None]) -> None:
    groups_df = result.groups
    terms = {gid: list(t or []) for gid, t in result.themes.select("group_id", "terms").iter_rows()}
    with transaction.atomic():
        run = SynthesisRun.objects.select_for_update().get(pk=run_id)
        if run.attempts != attempt:
            return  # a newer attempt owns the run
        run.comment_groups.all().delete()
        run.tallies.all().delete()
        objs = [
            CommentGroup(run=run, engine_id=gid, article_anchor="" if article == WHOLE_DRAFT else article,
                         stance=stance, count=count, variants=variants, representative_id=rep_id,
                         representative_text=rep_text, terms=terms.get(gid, []))
            for gid, article, stance, count, variants, rep_id, rep_text in groups_df.select(
                "group_id", "article", "stance", "count", "variants", "representative_id", "representative_text",
            ).iter_rows()
        ]
        CommentGroup.objects.bulk_create(objs, batch_size=2000)
        by_engine = dict(CommentGroup.objects.filter(run=run).values_list("engine_id", "id"))
        progress(0.9)
        batch: list[Assignment] = []
        for cid, gid in result.assignments.select("id", "group_id").iter_rows():
            batch.append(Assignment(run_id=run_id, comment_id=cid, group_id=by_engine[gid]))
            if len(batch) >= 5000:
                Assignment.objects.bulk_create(batch)
                batch = []
        Assignment.objects.bulk_create(batch)
        Tally.objects.bulk_create([
            Tally(run=run, article_anchor="" if article == WHOLE_DRAFT else article, commenter_type=ctype,
                  stance=stance, comments=n, groups=g)
            for article, ctype, stance, n, g in result.tallies.select(
                "article", "commenter_type", "stance", "comments", "groups").iter_rows()
        ], batch_size=2000)
        run.state = SynthesisRun.State.DONE
        run.progress = 1.0
        run.comments = comments
        run.groups = len(objs)
        run.finished_at = timezone.now()
        run.heartbeat = run.finished_at
        run.save(update_fields=["state", "progress", "comments", "groups", "finished_at", "heartbeat"])
        audit_record(action="consultation.synthesis_done", obj=run, actor_label="system", data={
            "draft": run.draft_id, "comments": comments, "groups": len(objs), "attempt": attempt})


# ------------------------------------------------------------------------------------------- review


def _recount(group: CommentGroup) -> None:
    group.count = group.assignments.count()
    first = group.assignments.order_by("comment_id").select_related("comment").first()
    if group.representative_id is None or not group.assignments.filter(comment_id=group.representative_id).exists():
        group.representative = first.comment if first else None
        group.representative_text = first.comment.text if first else ""


def group_split(*, group: CommentGroup, comment_ids: list[int], by: Any) -> CommentGroup:
    """Move the given comments of `group` into a new group of their own (same run, article and stance)."""
    with transaction.atomic():
        moving = list(group.assignments.filter(comment_id__in=comment_ids).values_list("comment_id", flat=True))
        if not moving:
            raise ValidationError(_("Chọn ít nhất một ý kiến của nhóm để tách."))
        if len(moving) == group.assignments.count():
            raise ValidationError(_("Không thể tách tất cả ý kiến ra khỏi nhóm."))
        first = Comment.objects.get(pk=min(moving))
        new = CommentGroup.objects.create(
            run=group.run, article_anchor=group.article_anchor, stance=group.stance, count=len(moving),
            representative=first, representative_text=first.text, review=CommentGroup.Review.CONFIRMED)
        Assignment.objects.filter(run=group.run, comment_id__in=moving).update(group=new)
        _recount(group)
        group.review = CommentGroup.Review.CONFIRMED
        group.save()
        audit_record(action="consultation.group_split", obj=group, by=by, data={"new_group": new.pk,
                                                                                "moved": len(moving)})
    return new


def group_merge(*, groups: list[CommentGroup], into: CommentGroup, by: Any) -> CommentGroup:
    """Put every comment of `groups` into `into` and delete the emptied groups (one run only)."""
    others = [g for g in groups if g.pk != into.pk]
    if not others:
        raise ValidationError(_("Chọn ít nhất hai nhóm để gộp."))
    if any(g.run_id != into.run_id for g in others):
        raise ValidationError(_("Chỉ gộp được các nhóm của cùng một lượt tổng hợp."))
    with transaction.atomic():
        Assignment.objects.filter(group__in=others).update(group=into)
        CommentGroup.objects.filter(pk__in=[g.pk for g in others]).delete()
        into.count = into.assignments.count()
        into.review = CommentGroup.Review.CONFIRMED
        into.save(update_fields=["count", "review"])
        audit_record(action="consultation.group_merge", obj=into, by=by, data={"merged": [g.pk for g in others]})
    return into


def group_confirm(*, group: CommentGroup, by: Any) -> CommentGroup:
    with transaction.atomic():
        group.review = CommentGroup.Review.CONFIRMED
        group.save(update_fields=["review"])
        audit_record(action="consultation.group_confirm", obj=group, by=by)
    return group


def group_respond(*, group: CommentGroup, response: str, explanation: str, by: Any) -> CommentGroup:
    """The drafting team's answer to a group: adopted, partly adopted, or not adopted with its reason."""
    explanation = to_nfc(explanation).strip()
    if response not in Response.values:
        raise ValidationError(_("Chọn tiếp thu, tiếp thu một phần hoặc không tiếp thu."))
    if response == Response.NOT_ADOPTED and not explanation:
        raise ValidationError(_("Không tiếp thu thì phải giải trình lý do."))
    with transaction.atomic():
        group.response, group.explanation = response, explanation
        group.responded_at = timezone.now()
        group.responded_by = by if getattr(by, "is_authenticated", False) else None
        group.review = CommentGroup.Review.CONFIRMED
        group.save(update_fields=["response", "explanation", "responded_at", "responded_by", "review"])
        audit_record(action="consultation.group_respond", obj=group, by=by, data={
            "response": response, "explanation": explanation})
    return group


# ---------------------------------------------------------------------------------------------- report


def report_publish(*, draft: Draft, by: Any, revised_version: DraftVersion | None = None,
                   issued_on: dt.date | None = None) -> Report:
    """Publish the synthesis report of the draft's latest finished run (every group must be answered)."""
    from danvan.consultation import report as rendering
    from danvan.consultation.selectors import latest_done_run

    run = latest_done_run(draft)
    if run is None:
        raise ValidationError(_("Chưa có lượt tổng hợp nào hoàn thành."))
    unanswered = run.comment_groups.filter(response="").count()
    if unanswered:
        raise ValidationError(_("Còn %(n)s nhóm ý kiến chưa có ý kiến tiếp thu, giải trình.") % {"n": unanswered})
    if revised_version is not None and revised_version.draft_id != draft.pk:
        raise ValidationError(_("Phiên bản dự thảo không thuộc dự thảo này."))
    docx = rendering.report_docx(draft=draft, run=run, issued_on=issued_on)
    xlsx = rendering.report_xlsx(draft=draft, run=run)
    with transaction.atomic():
        report = Report.objects.create(
            draft=draft, run=run, revised_version=revised_version, docx=docx, xlsx=xlsx,
            docx_sha256=hashlib.sha256(docx).hexdigest(),
            published_by=by if getattr(by, "is_authenticated", False) else None)
        audit_record(action="consultation.report_publish", obj=report, by=by, data={
            "draft": draft.pk, "run": run.pk, "sha256": report.docx_sha256,
            "revised_version": revised_version.number if revised_version else None})
    return report


__all__ = [
    "CommentRefused", "ImportReport", "SubmitResult", "comment_moderate", "comment_submit", "comments_import",
    "draft_create", "draft_set_period", "draft_version_import", "group_confirm", "group_merge", "group_respond",
    "group_split", "report_publish", "synthesis_execute_now", "synthesis_resume", "synthesis_start",
]
