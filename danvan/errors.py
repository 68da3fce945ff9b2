"""What a request gets when the server fails: 503 with Retry-After when the database is out of reach (nothing
was stored; the same request may be sent again), else Django's 500."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this inside the `except` that caught the error, so the error is still at hand.
    if not isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return defaults.server_error(request)
    message = _("Hệ thống tạm thời không lưu được dữ liệu. Yêu cầu của bạn chưa được ghi nhận; xin gửi lại sau "
                "ít phút.")
    response: HttpResponse
    # Each API answers in its own error shape.
    if request.path.startswith("/open311/"):
        from danvan.api.open311 import error_response

        response = error_response(request.path, 503, [message])
    elif request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    elif request.path.startswith("/gop-y/api/"):
        response = JsonResponse({"error": "unavailable", "message": message}, status=503)
    else:
        response = HttpResponse(loader.get_template("503.html").render({"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
