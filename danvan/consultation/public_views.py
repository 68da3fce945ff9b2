"""The public side of consultation: read a draft, comment on it, follow a comment by its receipt, read the
report. The comment endpoints do no heavy work: validation and one INSERT (services.comment_submit)."""

from __future__ import annotations

import json
import time
from typing import Any

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from danvan.consultation import intake, selectors
from danvan.consultation.models import Channel, Comment, CommenterType, Draft, Report
from danvan.consultation.services import CommentRefused, comment_submit
from danvan.documents.spreadsheet import XLSX_CONTENT_TYPE
from danvan.security.ratelimit import client_id

_FORM_SALT = "consultation.form"


def _too_many(retry_after: int, *, as_json: bool, request: HttpRequest, draft: Draft | None = None) -> HttpResponse:
    message = _("Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Xin thử lại sau %(s)s giây; các ý kiến đã gửi "
                "trước đó vẫn được giữ nguyên.") % {"s": retry_after}
    if as_json:
        response: HttpResponse = JsonResponse({"error": "rate_limited", "message": message,
                                               "retry_after": retry_after}, status=429)
    else:
        response = render(request, "consultation/public/refused.html", {"message": message, "draft": draft},
                          status=429)
    response["Retry-After"] = str(retry_after)
    return response


@require_GET
def draft_list(request: HttpRequest) -> HttpResponse:
    drafts = list(selectors.drafts_public())
    return render(request, "consultation/public/list.html", {"drafts": drafts, "today": timezone.localdate()})


@require_GET
def draft_read(request: HttpRequest, slug: str) -> HttpResponse:
    draft = get_object_or_404(Draft.objects.select_related("unit"), slug=slug, opens_on__isnull=False)
    versions = list(draft.versions.order_by("number"))
    if not versions:
        raise Http404
    wanted = request.GET.get("v")
    version = next((v for v in versions if str(v.number) == wanted), versions[-1])
    provisions = selectors.provisions_of(version)
    selected = request.GET.get("p", "")
    counts = selectors.comment_counts_by_anchor(draft)
    for p in provisions:
        p.n_comments = counts.get(p.anchor, 0)  # type: ignore[attr-defined]
    report = selectors.latest_report(draft)
    return render(request, "consultation/public/read.html", {
        "draft": draft, "version": version, "versions": versions, "provisions": provisions,
        "toc": [p for p in provisions if p.kind in ("chapter", "section", "article")],
        "counts": counts, "selected": selected, "open": draft.accepts_comments_on(timezone.localdate()),
        "types": CommenterType.choices, "stamp": signing.TimestampSigner(salt=_FORM_SALT).sign(str(time.time())),
        "report": report, "form": {}, "client_key": get_random_string(24),
    })


@require_POST
def comment_post(request: HttpRequest, slug: str) -> HttpResponse:
    """The HTML form (with CSRF). Errors come back on the same page with the status they deserve."""
    draft = get_object_or_404(Draft, slug=slug)
    allowed, retry_after = intake.rate_limit_hit(client_id(request))
    if not allowed:
        return _too_many(retry_after, as_json=False, request=request, draft=draft)
    post = request.POST
    seconds: float | None = None
    try:
        stamp = signing.TimestampSigner(salt=_FORM_SALT).unsign(post.get("t", ""), max_age=24 * 3600)
        seconds = time.time() - float(stamp)
    except (signing.BadSignature, ValueError):
        seconds = 0.0  # no valid stamp: not from our page, or a day old; held, not refused
    provision = post.get("provision") or None
    try:
        result = comment_submit(
            draft_id=draft.pk, text=post.get("text", ""), provision_id=int(provision) if provision else None,
            commenter_type=post.get("commenter_type", CommenterType.PERSON), name=post.get("name", ""),
            organization=post.get("organization", ""), contact=post.get("contact", ""), channel=Channel.WEB,
            client_key=post.get("client_key", ""),
            flags=intake.spam_signals(post.get("text", ""), honeypot=post.get("website", ""), seconds_on_page=seconds),
        )
    except (CommentRefused, ValueError) as exc:
        status = getattr(exc, "status", 400)
        message = exc.messages[0] if isinstance(exc, CommentRefused) else _("Điều khoản không hợp lệ.")
        return render(request, "consultation/public/refused.html", {"message": message, "draft": draft,
                                                                   "form": post}, status=status)
    comment = Comment.objects.select_related("provision").get(receipt=result.receipt)
    return render(request, "consultation/public/receipt.html", {"comment": comment, "result": result,
                                                               "draft": draft}, status=201 if result.created else 200)


@require_GET
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    code = code.strip().upper()
    if len(code) > 16 or not code.isprintable():
        raise Http404
    comment = get_object_or_404(Comment.objects.select_related("draft", "provision"), receipt=code)
    return render(request, "consultation/public/receipt.html", {"comment": comment, "draft": comment.draft})


@require_GET
def receipt_lookup(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "").strip().upper()
    # A receipt is a short printable code; anything else (a NUL byte, a page of text) finds nothing.
    found = bool(code) and len(code) <= 16 and code.isprintable()
    comment = Comment.objects.select_related("draft", "provision").filter(receipt=code).first() if found else None
    if comment is None:
        return render(request, "consultation/public/lookup.html", {"code": code, "missing": bool(code)},
                      status=404 if code else 200)
    return render(request, "consultation/public/receipt.html", {"comment": comment, "draft": comment.draft})


@csrf_exempt
@require_POST
def comment_api(request: HttpRequest, draft_id: int) -> HttpResponse:
    """POST /gop-y/api/drafts/<id>/comments — JSON for apps and other portals.

    Body: {"text": "...", "provision_id": 12 | null, "commenter_type": "person", "name": "...",
    "organization": "...", "client_key": "..."}. 201 {"receipt", "status"} when stored; 200 with the same
    receipt when the client_key was seen before; 400/403/404/413 {"error", "message"}; 429 with Retry-After.
    No cookie or CSRF token: nothing here acts on a signed-in user's behalf.
    """
    allowed, retry_after = intake.rate_limit_hit(client_id(request))
    if not allowed:
        return _too_many(retry_after, as_json=True, request=request)
    try:
        body: Any = json.loads(request.body or b"{}")
        if not isinstance(body, dict):
            raise ValueError
        provision = body.get("provision_id")
        provision_id = int(provision) if provision not in (None, "") else None
    except (ValueError, TypeError):
        return JsonResponse({"error": "bad_request", "message": _("Dữ liệu gửi lên không phải JSON hợp lệ.")},
                            status=400)
    text = body.get("text", "")
    if not isinstance(text, str):
        return JsonResponse({"error": "bad_request", "message": _("Trường text phải là chuỗi.")}, status=400)
    try:
        result = comment_submit(
            draft_id=draft_id, text=text, provision_id=provision_id,
            commenter_type=str(body.get("commenter_type") or CommenterType.PERSON), name=str(body.get("name") or ""),
            organization=str(body.get("organization") or ""), contact=str(body.get("contact") or ""),
            channel=Channel.API, client_key=str(body.get("client_key") or ""),
            flags=intake.spam_signals(text),
        )
    except CommentRefused as exc:
        return JsonResponse({"error": exc.code, "message": exc.messages[0]}, status=exc.status)
    return JsonResponse({"receipt": result.receipt, "status": result.status, "created": result.created,
                         "reasons": list(result.reasons)}, status=201 if result.created else 200)


def _report_file(slug: str, kind: str) -> HttpResponse:
    draft = get_object_or_404(Draft, slug=slug)
    report = Report.objects.filter(draft=draft).order_by("-published_at").first()
    if report is None:
        raise Http404
    return report_response(draft, bytes(report.docx if kind == "docx" else report.xlsx), kind)


def report_response(draft: Draft, data: bytes, kind: str) -> HttpResponse:
    content_type = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document" if kind == "docx"
                    else XLSX_CONTENT_TYPE)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-tong-hop-{draft.slug}.{kind}"'
    return response


@require_GET
def report_docx(request: HttpRequest, slug: str) -> HttpResponse:
    return _report_file(slug, "docx")


@require_GET
def report_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    return _report_file(slug, "xlsx")
