from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

# Machine clients' paths: the JSON API, Open311, and the consultation's JSON comment endpoint.
API_PREFIXES = ("/api/", "/open311/", "/gop-y/api/")


def request_language(path: str, cookie: str, accept_language: str) -> str:
    """The language to answer in: the visitor's chosen one (the language cookie), else for a machine
    client (API_PREFIXES) the first supported one its Accept-Language asks for, else Vietnamese."""
    supported = {code for code, _name in settings.LANGUAGES}
    if cookie in supported:
        return cookie
    if path.startswith(API_PREFIXES):
        for code, _quality in parse_accept_lang_header(accept_language):
            if code == "*":
                break
            try:
                return translation.get_supported_language_variant(code)
            except LookupError:
                continue
    return str(settings.LANGUAGE_CODE)


class PreferredLanguageMiddleware:
    """Vietnamese unless the visitor chose another language (the language cookie set by /i18n/setlang/).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Vietnamese agency's pages
    open in Vietnamese on any browser, and English is one click away. Machine clients of the APIs say
    what they want in Accept-Language, as HTTP intends.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request_language(request.path, request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
                                    request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
