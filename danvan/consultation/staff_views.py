"""The drafting team's desk: drafts, versions, the comment period, moderation, import, synthesis, review
and the report. Thin views over services and selectors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.consultation import selectors, services
from danvan.consultation.models import Channel, Comment, CommentGroup, Draft, Response, SynthesisRun
from danvan.consultation.public_views import report_response
from danvan.consultation.report import report_docx, report_xlsx
from danvan.insights import hotspots
from danvan.org.models import Unit, User
from danvan.params import int_param

STALE_RUN = dt.timedelta(minutes=10)


def _staff(request: HttpRequest, perm: str = "consultation.manage_draft") -> User:
    user = request.user
    if not isinstance(user, User) or not user.has_perm(perm):
        raise PermissionDenied
    return user


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


def _flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for m in _errors(exc):
        messages.error(request, m)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = _staff(request, "consultation.view_drafts")
    if request.method == "POST":
        if not user.has_perm("consultation.manage_draft"):
            raise PermissionDenied
        title = request.POST.get("title", "").strip()
        unit = Unit.objects.filter(pk=request.POST.get("unit") or 0).first() or user.unit
        slug = slugify(request.POST.get("slug") or "") or slugify(_ascii(title))[:60] or "du-thao"
        base, i = slug, 1
        while Draft.objects.filter(slug=slug).exists():
            i += 1
            slug = f"{base}-{i}"
        if unit is None:
            messages.error(request, _("Chọn cơ quan chủ trì soạn thảo."))
        else:
            try:
                draft = services.draft_create(title=title, slug=slug, unit=unit, by=user,
                                              doc_type=request.POST.get("doc_type") or "Luật")
                return redirect("consultation:draft", draft.pk)
            except ValidationError as exc:
                _flash_errors(request, exc)
    drafts = Draft.objects.select_related("unit").order_by("-created_at")
    return render(request, "consultation/staff/index.html", {
        "drafts": drafts, "units": Unit.objects.exclude(kind=Unit.Kind.EXTERNAL).order_by("name"),
        "default_unit": user.unit_id})


def _ascii(text: str) -> str:
    from textmining.normalize import fold

    return fold(text)


def _draft(request: HttpRequest, pk: int, perm: str = "consultation.manage_draft") -> tuple[User, Draft]:
    user = _staff(request, perm)
    return user, get_object_or_404(Draft.objects.select_related("unit"), pk=pk)


@login_required
def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _user, draft = _draft(request, pk)
    services.synthesis_resume(stale_after=STALE_RUN)
    versions = list(draft.versions.order_by("-number"))
    latest = versions[0] if versions else None
    return render(request, "consultation/staff/draft.html", {
        "draft": draft, "versions": versions, "latest": latest,
        "warnings": [selectors.warning_text(w) for w in latest.warnings] if latest else [],
        "provisions": selectors.provisions_of(latest) if latest else [],
        "counts": selectors.comment_counts(draft), "runs": list(draft.runs.all()[:5]),
        "done_run": selectors.latest_done_run(draft), "report": selectors.latest_report(draft),
        "channels": [c for c in Channel.choices if c[0] not in (Channel.WEB, Channel.API)],
    })


@login_required
def hot_articles(request: HttpRequest, pk: int) -> HttpResponse:
    """The articles drawing a sudden rush of comments. Its own request (the draft page loads it after it has
    drawn), because at national scale it reads every comment of the last weeks."""
    _user, draft = _draft(request, pk)
    fragment = request.headers.get("HX-Request") == "true"
    return render(request, f"consultation/staff/{'_' if fragment else ''}hot_articles.html", {
        "draft": draft, "hot": selectors.hot_articles(draft), "days": hotspots.DAYS,
        "weeks": hotspots.BASELINE_DAYS // 7})


@login_required
@require_POST
def version_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user, draft = _draft(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Chọn tệp dự thảo (DOCX hoặc TXT)."))
        return redirect("consultation:draft", pk)
    try:
        version = services.draft_version_import(draft=draft, data=upload.read(), filename=upload.name or "",
                                                by=user, note=request.POST.get("note", ""))
    except ValidationError as exc:
        _flash_errors(request, exc)
        return redirect("consultation:draft", pk)
    messages.success(request, _("Đã nhập phiên bản %(n)s: %(p)s điều khoản.") % {
        "n": version.number, "p": version.provisions.count()})
    for w in version.warnings[:10]:
        messages.warning(request, selectors.warning_text(w))
    return redirect("consultation:draft", pk)


@login_required
@require_POST
def period_set(request: HttpRequest, pk: int) -> HttpResponse:
    user, draft = _draft(request, pk)
    try:
        opens_on = dt.date.fromisoformat(request.POST.get("opens_on", ""))
        closes_on = dt.date.fromisoformat(request.POST.get("closes_on", ""))
    except ValueError:
        messages.error(request, _("Nhập ngày đăng tải và ngày kết thúc."))
        return redirect("consultation:draft", pk)
    try:
        services.draft_set_period(draft=draft, opens_on=opens_on, closes_on=closes_on, by=user)
        messages.success(request, _("Đã đặt thời gian lấy ý kiến."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("consultation:draft", pk)


@login_required
def comments_import(request: HttpRequest, pk: int) -> HttpResponse:
    user, draft = _draft(request, pk)
    report = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Chọn tệp CSV hoặc XLSX."))
        else:
            try:
                report = services.comments_import(draft=draft, data=upload.read(), filename=upload.name or "",
                                                  channel=request.POST.get("channel", Channel.CONFERENCE), by=user)
            except ValidationError as exc:
                _flash_errors(request, exc)
    return render(request, "consultation/staff/import.html", {
        "draft": draft, "report": report, "channels": [c for c in Channel.choices if c[0] not in (Channel.WEB,
                                                                                                    Channel.API)]})


@login_required
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    user, draft = _draft(request, pk, "consultation.moderate_comment")
    if request.method == "POST":
        comment = get_object_or_404(Comment, pk=request.POST.get("comment") or 0, draft=draft)
        try:
            services.comment_moderate(comment=comment, accept=request.POST.get("decision") == "accept",
                                      reason=request.POST.get("reason", ""), by=user)
            messages.success(request, _("Đã kiểm duyệt ý kiến %(r)s.") % {"r": comment.receipt})
        except ValidationError as exc:
            _flash_errors(request, exc)
        return redirect("consultation:moderation", pk)
    return render(request, "consultation/staff/moderation.html", {
        "draft": draft, "comments": selectors.held_comments(draft)[:200]})


@login_required
@require_POST
def synthesis_start(request: HttpRequest, pk: int) -> HttpResponse:
    user, draft = _draft(request, pk, "consultation.review_synthesis")
    services.synthesis_start(draft=draft, by=user)
    return redirect("consultation:draft", pk)


@login_required
def run_progress(request: HttpRequest, run_id: int) -> HttpResponse:
    _staff(request, "consultation.view_synthesis")
    run = get_object_or_404(SynthesisRun, pk=run_id)
    return render(request, "consultation/staff/_run.html", {"run": run})


@login_required
def groups(request: HttpRequest, pk: int) -> HttpResponse:
    _user, draft = _draft(request, pk, "consultation.view_synthesis")
    run = selectors.latest_done_run(draft)
    articles = selectors.groups_by_article(run) if run else []
    wanted = request.GET.get("a")
    if wanted is not None:
        articles = [a for a in articles if a.anchor == wanted]
    return render(request, "consultation/staff/groups.html", {
        "draft": draft, "run": run, "articles": articles, "responses": Response.choices,
        "tallies": selectors.tallies_by_type(run) if run else {}, "labels": selectors.STANCE_LABELS,
        "types": selectors.COMMENTER_LABELS, "answered": selectors.response_counts(run) if run else {},
    })


def _group(request: HttpRequest, gid: int) -> tuple[User, CommentGroup]:
    user = _staff(request, "consultation.review_synthesis")
    return user, get_object_or_404(CommentGroup.objects.select_related("run__draft"), pk=gid)


@login_required
def group_detail(request: HttpRequest, gid: int) -> HttpResponse:
    _user, group = _group(request, gid)
    return render(request, "consultation/staff/group.html", {
        "group": group, "draft": group.run.draft, "comments": selectors.group_comments(group, limit=200),
        "responses": Response.choices, "labels": selectors.STANCE_LABELS,
        "siblings": group.run.comment_groups.filter(article_anchor=group.article_anchor).exclude(pk=group.pk)
        .order_by("-count")[:50]})


@login_required
@require_POST
def group_action(request: HttpRequest, gid: int) -> HttpResponse:
    user, group = _group(request, gid)
    action = request.POST.get("action")
    back: Any = request.POST.get("next") or None
    try:
        if action == "respond":
            services.group_respond(group=group, response=request.POST.get("response", ""),
                                   explanation=request.POST.get("explanation", ""), by=user)
            messages.success(request, _("Đã lưu ý kiến tiếp thu, giải trình."))
        elif action == "confirm":
            services.group_confirm(group=group, by=user)
        elif action == "split":
            ids = [n for x in request.POST.getlist("comments") if (n := int_param(x)) is not None]
            new = services.group_split(group=group, comment_ids=ids, by=user)
            messages.success(request, _("Đã tách %(n)s ý kiến thành nhóm mới.") % {"n": new.count})
            return redirect("consultation:group", new.pk)
        elif action == "merge":
            ids = [n for x in request.POST.getlist("groups") if (n := int_param(x)) is not None]
            others = list(CommentGroup.objects.filter(pk__in=ids, run=group.run))
            services.group_merge(groups=[group, *others], into=group, by=user)
            messages.success(request, _("Đã gộp nhóm."))
            return redirect("consultation:group", group.pk)
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    if request.headers.get("HX-Request"):
        group.refresh_from_db()
        return render(request, "consultation/staff/_group_card.html", {
            "g": group, "responses": Response.choices, "labels": selectors.STANCE_LABELS,
            "error": request.POST.get("action") == "respond" and not group.response})
    if back and back.startswith("/"):
        return redirect(back)
    return redirect("consultation:groups", group.run.draft_id)


@login_required
def report_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    _user, draft = _draft(request, pk, "consultation.view_synthesis")
    if kind not in ("docx", "xlsx"):
        raise Http404
    run = selectors.latest_done_run(draft)
    if run is None:
        messages.error(request, _("Chưa có lượt tổng hợp nào hoàn thành."))
        return redirect("consultation:draft", pk)
    try:
        data = report_docx(draft=draft, run=run) if kind == "docx" else report_xlsx(draft=draft, run=run)
    except ValidationError as exc:
        _flash_errors(request, exc)
        return redirect("consultation:draft", pk)
    return report_response(draft, data, kind)


@login_required
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user, draft = _draft(request, pk, "consultation.review_synthesis")
    revised = draft.versions.filter(pk=request.POST.get("revised_version") or 0).first()
    try:
        services.report_publish(draft=draft, by=user, revised_version=revised)
        messages.success(request, _("Đã công bố báo cáo tổng hợp trên trang lấy ý kiến."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("consultation:draft", pk)
