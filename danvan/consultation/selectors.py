"""Reads shared by the consultation pages, the report and the API."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from danvan.consultation.models import (
    Comment,
    CommenterType,
    CommentGroup,
    Draft,
    DraftVersion,
    Provision,
    Report,
    SynthesisRun,
    Tally,
)
from danvan.insights import hotspots
from danvan.reports.datasets import local_midnight


def drafts_public() -> QuerySet[Draft]:
    """Drafts whose comment period has been set (posted), newest first."""
    return Draft.objects.filter(opens_on__isnull=False).select_related("unit").order_by("-opens_on", "-id")


def latest_version(draft: Draft) -> DraftVersion | None:
    return draft.versions.order_by("-number").first()


def provisions_of(version: DraftVersion) -> list[Provision]:
    return list(version.provisions.order_by("order"))


def latest_done_run(draft: Draft) -> SynthesisRun | None:
    return draft.runs.filter(state=SynthesisRun.State.DONE).order_by("-id").first()


def latest_report(draft: Draft) -> Report | None:
    return draft.reports.defer("docx", "xlsx").order_by("-published_at").first()


def comment_counts(draft: Draft) -> dict[str, int]:
    counts = {s: 0 for s in Comment.Status.values}
    for status, n in draft.comments.values_list("status").annotate(n=Count("id")).values_list("status", "n"):
        counts[status] = n
    counts["total"] = sum(counts[s] for s in Comment.Status.values)
    return counts


def comment_counts_by_anchor(draft: Draft) -> dict[str, int]:
    """Accepted comments per anchor (a provision across versions)."""
    rows = (draft.comments.filter(status=Comment.Status.ACCEPTED).values("anchor").annotate(n=Count("id"))
            .values_list("anchor", "n"))
    return dict(rows)


def held_comments(draft: Draft) -> QuerySet[Comment]:
    return draft.comments.filter(status=Comment.Status.HELD).select_related("provision").order_by("id")


def article_labels(draft: Draft) -> dict[str, tuple[str, str]]:
    """anchor -> (label, title) of each provision, as the newest version that has it names it."""
    out: dict[str, tuple[str, str]] = {}
    for anchor, label, title in (Provision.objects.filter(version__draft=draft)
                                 .order_by("-version__number", "order").values_list("anchor", "label", "title")):
        out.setdefault(anchor, (label, title))
    return out


def article_order(draft: Draft) -> dict[str, tuple[int, int]]:
    """anchor -> a sort key that follows the newest version that has the provision."""
    out: dict[str, tuple[int, int]] = {}
    for anchor, number, order in (Provision.objects.filter(version__draft=draft)
                                  .order_by("-version__number", "order").values_list("anchor", "version__number",
                                                                                     "order")):
        out.setdefault(anchor, (-number, order))
    return out


@dataclass
class ArticleGroups:
    anchor: str
    label: str
    title: str
    comments: int = 0
    groups: list[CommentGroup] = field(default_factory=list)


def groups_by_article(run: SynthesisRun, *, limit_per_article: int | None = None) -> list[ArticleGroups]:
    """The run's groups under their article, in the draft's order (comments on the whole draft first)."""
    labels = article_labels(run.draft)
    order = article_order(run.draft)
    out: dict[str, ArticleGroups] = {}
    for g in run.comment_groups.order_by("-count", "id"):
        a = out.get(g.article_anchor)
        if a is None:
            whole = (gettext("Toàn văn dự thảo"), "")
            label, title = labels.get(g.article_anchor, whole) if g.article_anchor else whole
            a = out[g.article_anchor] = ArticleGroups(g.article_anchor, label, title)
        a.comments += g.count
        if limit_per_article is None or len(a.groups) < limit_per_article:
            a.groups.append(g)
    return sorted(out.values(), key=lambda a: (a.anchor != "", order.get(a.anchor, (0, 10**9))))


def group_comments(group: CommentGroup, *, limit: int = 50) -> list[Comment]:
    return list(Comment.objects.filter(id__in=group.assignments.values("comment_id")).order_by("id")[:limit])


def tallies_by_type(run: SynthesisRun) -> dict[str, dict[str, int]]:
    """commenter type -> stance -> comments, over the whole draft."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for t in Tally.objects.filter(run=run):
        out[t.commenter_type][t.stance] += t.comments
    return {k: dict(v) for k, v in out.items()}


def tallies_by_article(run: SynthesisRun) -> dict[str, dict[str, int]]:
    """article anchor -> commenter type -> comments."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for t in Tally.objects.filter(run=run):
        out[t.article_anchor][t.commenter_type] += t.comments
    return {k: dict(v) for k, v in out.items()}


def response_counts(run: SynthesisRun) -> dict[str, int]:
    rows = run.comment_groups.values_list("response").annotate(n=Count("id")).values_list("response", "n")
    return {r or "": n for r, n in rows}


# How each structure warning (consultation.structure) is worded; its facts fill the placeholders.
_WARNING_TEXTS = {
    "section_outside_chapter": gettext_noop("%(line)s: mục nằm ngoài chương"),
    "article_gap": gettext_noop("Điều %(number)s: đánh số không liên tục (sau Điều %(after)s)"),
    "clause_gap": gettext_noop("khoản %(number)s %(article)s: đánh số không liên tục"),
    "point_order": gettext_noop("điểm %(letter)s %(clause)s: thứ tự chữ cái không liên tục (chờ %(expected)s)"),
    "point_letter": gettext_noop("“%(letter)s)” trong %(clause)s: chữ %(letter)s không dùng để đánh điểm"),
}


def warning_text(warning: dict[str, str] | str) -> str:
    """A structure warning in the active language; a warning stored as a sentence (before they were stored
    as facts) is given as stored."""
    if isinstance(warning, str):
        return warning
    template = _WARNING_TEXTS.get(warning.get("code", ""))
    if template is None:
        return ", ".join(f"{k}: {v}" for k, v in warning.items())
    try:
        return gettext(template) % warning
    except (KeyError, TypeError, ValueError):
        return ", ".join(f"{k}: {v}" for k, v in warning.items())


COMMENTER_LABELS = dict(CommenterType.choices)
STANCE_LABELS = {"support": gettext_lazy("Đồng tình"), "oppose": gettext_lazy("Không đồng tình"),
                 "add": gettext_lazy("Đề nghị bổ sung"), "remove": gettext_lazy("Đề nghị bỏ"),
                 "other": gettext_lazy("Ý kiến khác")}


@dataclass(frozen=True)
class HotArticle:
    anchor: str  # "" for comments on the whole draft
    label: str
    title: str
    count: int  # accepted comments of the last days
    usual: float  # what those days usually brought
    p_value: float

    @property
    def ratio(self) -> float:
        return self.count / self.usual


def hot_articles(draft: Draft, today: dt.date | None = None) -> list[HotArticle] | None:
    """The articles whose comments of the last days jump above their own rate since the draft opened (or the
    eight weeks before, if longer ago), by the hot-issue test of danvan.insights.hotspots; None while the
    consultation has not yet run as many days before them as it compares with."""
    today = today or timezone.localdate()
    days = hotspots.DAYS
    recent_start = today - dt.timedelta(days=days - 1)
    if draft.opens_on is None or (recent_start - draft.opens_on).days < days:
        return None
    baseline_start = max(draft.opens_on, recent_start - dt.timedelta(days=hotspots.BASELINE_DAYS))
    baseline_days = (recent_start - baseline_start).days
    since, split = local_midnight(baseline_start), local_midnight(recent_start)
    rows = (draft.comments.filter(status=Comment.Status.ACCEPTED, received_at__gte=since).order_by()
            .values_list("anchor").annotate(recent=Count("id", filter=Q(received_at__gte=split)),
                                            before=Count("id", filter=Q(received_at__lt=split))))
    labels = article_labels(draft)
    found = []
    for anchor, recent, before in rows:
        p = hotspots.jump(recent, before, days=days, baseline_days=baseline_days)
        if p is not None:
            label, title = labels.get(anchor, ("", "")) if anchor else (gettext("Toàn văn dự thảo"), "")
            found.append(HotArticle(anchor, label or anchor, title, recent, round(hotspots.usual_rate(
                before, days=days, baseline_days=baseline_days), 1), p))
    return sorted(found, key=lambda h: (h.p_value, -h.count))
