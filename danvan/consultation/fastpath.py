"""A WSGI entry point with a lean path for the public JSON comment POST, for deployments that expect bursts
(the last days of a national consultation):

    gunicorn danvan.consultation.fastpath:application ...

`POST /gop-y/api/drafts/<id>/comments` is answered here without Django's middleware stack and URL
resolution (sessions, CSRF, auth and messages serve no purpose on an anonymous JSON write); it runs the
same validation, rate limit and single INSERT as the Django view (public_views.comment_api), answers in
the language the middleware would choose (danvan.middleware.request_language), and sends the same
security headers. Every other request goes to the ordinary Django application.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from django.http.cookie import parse_cookie
from django.utils import translation

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
django_application = get_wsgi_application()

from danvan.consultation import intake  # noqa: E402  (after Django is set up)
from danvan.consultation.models import Channel, CommenterType  # noqa: E402
from danvan.consultation.services import CommentRefused, comment_submit  # noqa: E402
from danvan.middleware import request_language  # noqa: E402
from danvan.security.ratelimit import client_address  # noqa: E402

_PATH = re.compile(r"^/gop-y/api/drafts/(\d+)/comments$")
_MAX_BODY = 256 * 1024
_HEADERS = [("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"), ("Cache-Control", "no-store")]
_STATUS = {200: "200 OK", 201: "201 Created", 400: "400 Bad Request", 403: "403 Forbidden", 404: "404 Not Found",
           413: "413 Payload Too Large", 429: "429 Too Many Requests", 503: "503 Service Unavailable"}

StartResponse = Callable[..., Any]


def _reply(start_response: StartResponse, status: int, body: dict[str, Any],
           extra: list[tuple[str, str]] | None = None) -> Iterable[bytes]:
    data = json.dumps(body, ensure_ascii=False).encode()
    start_response(_STATUS[status], [*_HEADERS, ("Content-Length", str(len(data))),
                                     ("Content-Language", translation.get_language() or settings.LANGUAGE_CODE),
                                     *(extra or [])])
    return [data]


def _tidy_connections() -> None:
    # What Django does at the start and end of each request (drop broken or expired connections); not
    # inside a transaction, where it would drop a connection in use (the test client runs in one).
    if not connection.in_atomic_block:
        close_old_connections()


def comment(environ: dict[str, Any], start_response: StartResponse, draft_id: int) -> Iterable[bytes]:
    allowed, retry_after = intake.rate_limit_hit(client_address(environ))
    language = request_language(environ.get("PATH_INFO", ""),
                                parse_cookie(environ.get("HTTP_COOKIE", "")).get(settings.LANGUAGE_COOKIE_NAME, ""),
                                environ.get("HTTP_ACCEPT_LANGUAGE", ""))
    with translation.override(language):
        if not allowed:
            return _reply(start_response, 429, {
                "error": "rate_limited", "retry_after": retry_after,
                "message": translation.gettext("Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Xin thử lại sau %(s)s "
                                               "giây; các ý kiến đã gửi trước đó vẫn được giữ nguyên.")
                % {"s": retry_after}}, [("Retry-After", str(retry_after))])
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > _MAX_BODY:
            return _reply(start_response, 413, {"error": "too_long",
                                                "message": translation.gettext("Dữ liệu gửi lên quá lớn.")})
        try:
            body = json.loads(environ["wsgi.input"].read(length) or b"{}")
            if not isinstance(body, dict) or not isinstance(body.get("text", ""), str):
                raise ValueError
            provision = body.get("provision_id")
            provision_id = int(provision) if provision not in (None, "") else None
        except (ValueError, TypeError):
            return _reply(start_response, 400, {"error": "bad_request",
                                                "message": translation.gettext(
                                                    "Dữ liệu gửi lên không phải JSON hợp lệ.")})
        _tidy_connections()
        try:
            result = comment_submit(
                draft_id=draft_id, text=body.get("text", ""), provision_id=provision_id,
                commenter_type=str(body.get("commenter_type") or CommenterType.PERSON),
                name=str(body.get("name") or ""), organization=str(body.get("organization") or ""),
                contact=str(body.get("contact") or ""), channel=Channel.API,
                client_key=str(body.get("client_key") or ""), flags=intake.spam_signals(body.get("text", "")),
            )
        except CommentRefused as exc:
            return _reply(start_response, exc.status, {"error": exc.code, "message": exc.messages[0]})
        finally:
            _tidy_connections()
        return _reply(start_response, 201 if result.created else 200, {
            "receipt": result.receipt, "status": result.status, "created": result.created,
            "reasons": list(result.reasons)})


def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    if environ.get("REQUEST_METHOD") == "POST":
        match = _PATH.match(environ.get("PATH_INFO", ""))
        if match:
            return comment(environ, start_response, int(match.group(1)))
    return django_application(environ, start_response)
