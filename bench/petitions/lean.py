"""An upper bound, not a product path: the portal POST answered with only what a submission cannot do
without, to see how close any lean entry point could bring it to the trivial view.

    .venv/bin/python bench/petitions/submit.py --app bench.petitions.lean:application --phases ping,portal,ping

`POST /gui-don/` with a form body is answered here without Django's middleware, URL resolver and form: the
CSRF token checked against its cookie, the rate limit, `submission_accept` (intake's checks, the retry
check and the one INSERT) and the receipt page from its template. Field validation is left out (the
benchmark's bodies are valid; anything this path cannot read goes to Django), which is what makes it an
upper bound. Every other request goes to the benchmark's Django application.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.http.cookie import parse_cookie
from django.middleware.csrf import _unmask_cipher_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.crypto import constant_time_compare

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.petitions.settings")
django_application = get_wsgi_application()

from django.contrib.auth.models import AnonymousUser  # noqa: E402  (after Django is set up)

from danvan.petitions.models import Channel  # noqa: E402
from danvan.petitions.services import PersonData  # noqa: E402
from danvan.petitions.submissions import submission_accept  # noqa: E402
from danvan.security.ratelimit import Limit, client_address, hit  # noqa: E402

_LIMIT = Limit.parse(settings.DANVAN_RATE_LIMITS["submit"])
_FIELDS = ("full_name", "id_number", "phone", "address", "subject", "content", "decision_text", "request_text",
           "province_code", "ward_code", "place_text", "csrfmiddlewaretoken")


def _submit(environ: dict[str, Any], start_response: Callable[..., Any], data: dict[str, str],
            csrf_secret: str) -> Iterable[bytes]:
    allowed, _retry_after = hit("submit", client_address(environ), _LIMIT)
    if not allowed:
        start_response("429 Too Many Requests", [("Content-Type", "text/plain")])
        return [b"too many"]
    close_old_connections()
    with translation.override(settings.LANGUAGE_CODE):
        receipt = submission_accept(
            channel=Channel.PORTAL, idempotency_key=data.get("idempotency_key") or None,
            subject=data["subject"], content=data["content"], decision_text=data["decision_text"],
            request_text=data["request_text"], province_code=int(data["province_code"]),
            ward_code=int(data["ward_code"]) if data["ward_code"] else None, place_text=data["place_text"],
            petitioners=[PersonData(full_name=data["full_name"], id_number=data["id_number"], phone=data["phone"],
                                    address=data["address"])],
        )
        # The page's language form needs the request (its path, its CSRF token).
        request = WSGIRequest({**environ, "REQUEST_METHOD": "GET", "CSRF_COOKIE": csrf_secret})
        request.user = AnonymousUser()
        page = render_to_string("portal/receipt.html", {"receipt": receipt}, request=request).encode()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page)))])
    return [page]


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if (environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO") == "/gui-don/"
            and environ.get("CONTENT_TYPE") == "application/x-www-form-urlencoded"):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        data = {k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
        secret = parse_cookie(environ.get("HTTP_COOKIE", "")).get(settings.CSRF_COOKIE_NAME, "")
        token = data.get("csrfmiddlewaretoken", "")
        if (all(data.get(f) is not None for f in _FIELDS) and len(token) == 64 and len(secret) == 32
                and constant_time_compare(_unmask_cipher_token(token), secret)):
            return _submit(environ, start_response, data, secret)
        environ = {**environ, "wsgi.input": io.BytesIO(body)}
    return django_application(environ, start_response)
