"""The public edge: rate limits on what citizens and apps may call without logging in, security headers,
and sessions that end when an official walks away."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from danvan.security.ratelimit import Limit, client_id, hit

# (URL name, method) → the scope of its limit in settings.DANVAN_RATE_LIMITS. Keyed by URL name, not by
# path, so a moved URL keeps its limit; tests/security check that every public write is listed.
RATE_LIMITED: dict[tuple[str, str], str] = {
    ("portal:submit", "POST"): "submit",
    ("api-v1:petition_submit", "POST"): "submit",
    ("api-v1:petition_supplement_add", "POST"): "submit",
    ("open311_requests", "POST"): "submit",
    ("portal:track", "POST"): "track",
    ("portal:supplement", "POST"): "submit",
    ("portal:withdraw", "POST"): "submit",
    ("portal:status", "GET"): "track",
    ("portal:status", "POST"): "track",
    ("api-v1:petition_status", "GET"): "track",
    ("open311_request", "GET"): "track",
    ("open311_token", "GET"): "track",
}
MACHINE_PREFIXES = ("/api/", "/open311/")


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    message = _("Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau %(minutes)s phút.") % {
        "minutes": max(1, (retry_after + 59) // 60)}
    response: HttpResponse
    if request.path.startswith("/open311/"):
        # Open311 clients read errors only in the spec's format, and in XML when they asked for XML.
        from danvan.api.open311 import error_response

        response = error_response(request.path, 429, [message])
    elif request.path.startswith(MACHINE_PREFIXES):
        response = JsonResponse({"detail": message, "retry_after": retry_after}, status=429)
    else:
        response = HttpResponse(render_to_string("security/429.html", {"message": message}, request=request),
                                status=429)
    response["Retry-After"] = str(retry_after)
    return response


class NulByteMiddleware:
    """Refuses a URL whose path or query string holds a NUL byte (%00), before any view reads it.

    No name, code or filter here contains one, and PostgreSQL refuses NUL in text: a view that looked the
    value up (a petition code in the path, a filter in the query) would fail with a server error instead of
    finding nothing. Forms and JSON bodies refuse NUL field by field with their own messages.
    Each kind of client is answered in its own shape: people get a page (400); Open311 clients its error
    list (400); the JSON API what it answers for the same mistake elsewhere: 404 for a path that names
    nothing, 422 naming the query parameter.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        in_path = "\x00" in request.path
        bad_params = [key for key, values in request.GET.lists() if "\x00" in key or any("\x00" in v for v in values)]
        if not (in_path or bad_params):
            return self.get_response(request)
        message = _("Địa chỉ (URL) có ký tự NUL, không dùng được ở đây. Xin kiểm tra lại đường dẫn hoặc tham số.")
        if request.path.startswith("/open311/"):
            from danvan.api.open311 import error_response

            return error_response(request.path, 400, [message])
        if request.path.startswith("/api/"):
            if in_path:
                return JsonResponse({"detail": message, "errors": {}}, status=404)
            field = bad_params[0].replace("\x00", "\\x00")
            return JsonResponse({"detail": message, "errors": {field: [message]}}, status=422)
        return HttpResponse(render_to_string("security/400.html", {"message": message}, request=request),
                            status=400)


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        scope = RATE_LIMITED.get((view_name, request.method or ""))
        if scope is None:
            return None
        key = client_id(request)
        if view_name == "open311_requests" and request.method == "POST":
            # A civic app's server (FixMyStreet and the like) files every citizen's report from one address:
            # counted by address it would stop at the 21st report of the hour. A registered application is
            # counted by its key under its own limit; a POST without a valid key stays counted by address.
            from danvan.api.open311 import posting_client

            app = posting_client(request)
            if app is not None:
                scope, key = "open311_client", f"open311-client:{app.pk}"
        limit = Limit.parse(settings.DANVAN_RATE_LIMITS[scope])
        allowed, retry_after = hit(scope, key, limit)
        return None if allowed else too_many_requests(request, retry_after)


CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    # Inline style attributes remain in templates; styles cannot run code, scripts can (no 'unsafe-inline').
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
PROTECTED_PREFIXES = ("/desk/", "/documents/", "/api/v1/staff", "/admin/", "/account/")
# Open data any web page may read: Open311's services, requests and discovery hold nothing personal, and civic
# apps and dashboards that run in the browser on their own sites read them (posting still needs an api_key).
OPEN_READ_PREFIXES = ("/open311/",)


class SecurityHeadersMiddleware:
    """A Content Security Policy with no inline scripts, and no caching of pages that show protected data."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        if request.path.startswith(OPEN_READ_PREFIXES) and request.method in ("GET", "HEAD"):
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path.startswith(PROTECTED_PREFIXES):
            response.headers["Cache-Control"] = "no-store, private"
        return response


class IdleSessionMiddleware:
    """Log an official out after DANVAN_SESSION_IDLE_SECONDS without a request, and after
    SESSION_COOKIE_AGE in any case (a session kept alive by activity still ends)."""

    SEEN = "_danvan_seen"
    STARTED = "_danvan_started"
    # Writing the session on every request would cost a write per page; a minute's precision is enough.
    GRANULARITY = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            seen = int(session.get(self.SEEN, now))
            started = int(session.get(self.STARTED, now))
            if now - seen > settings.DANVAN_SESSION_IDLE_SECONDS or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)
                if request.path.startswith(MACHINE_PREFIXES):
                    return JsonResponse({"detail": _("Phiên làm việc đã hết hạn.")}, status=401)
                messages.info(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
                return redirect_to_login(request.get_full_path())
            if self.STARTED not in session:
                session[self.STARTED] = now
            if now - seen >= self.GRANULARITY or self.SEEN not in session:
                session[self.SEEN] = now
        return self.get_response(request)
