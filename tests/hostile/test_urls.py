"""Every URL pattern with hostile path parameters, query strings, methods and headers: never a 500.

The patterns are not listed by hand: they come from the resolver, so a new page is walked the day it is added.
Each path parameter gets the values its converter lets through that commonly break Django apps (integers past
2**63, which SQLite cannot bind and PostgreSQL refuses; NUL bytes, which PostgreSQL refuses in text; invalid
UTF-8; very long values), one parameter at a time with the others real, so the view's own lookups run.
The query parameters each list, search and report page reads are named in QUERY (read from the views, their
filter forms and selectors) and each gets the hostile query values; every page also gets a few generic hostile
query strings, the HTTP methods it does not serve and hostile headers. A page may refuse (400, 404, 405...)
or ignore the value and say so; it must not fail, and nothing it refuses may change a table.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from danvan.org.models import User
from tests.hostile.conftest import changed_tables, table_counts

SKIP_ROUTES = ("admin/",)
_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")

# Path values per converter, already percent-encoded as a client would send them.
HUGE_INTS = {"int64_plus_one": str(2**63), "uint64_plus_one": str(2**64), "forty_nines": "9" * 40,
             "zero": "0"}
HOSTILE_TEXT = {"nul": "ab%00cd", "bad_utf8": "%ff%fe", "overlong_slash": "%c0%af", "surrogate": "%ed%a0%80",
                "long": "A" * 4000, "sql": "x'%20OR%20'1'='1", "bidi_emoji": "%E2%80%AE%F0%9F%8F%A0",
                "dots": "..", "huge_digits": "9" * 40}
PATH_VALUES: dict[str, dict[str, str]] = {
    "int": HUGE_INTS,
    "str": HOSTILE_TEXT,
    "slug": {"long": "a" * 4000, "huge_digits": "9" * 40, "dash": "-", "underscore": "_"},
    "fmt": {},  # json | xml only: the regex lets nothing else through
}

# Query values, already percent-encoded. (A lone surrogate or overlong UTF-8 decodes to U+FFFD like bad_utf8.)
QUERY_VALUES = {
    "int64_plus_one": str(2**63), "negative": "-1",
    "superscript_two": quote("²"),  # str.isdigit() says yes, int() says no
    "fullwidth_digits": quote("１２"),  # int() says 12
    "feb_30": "2026-02-30", "year_99999": "99999-01-01", "year_0": "0000-01-01", "max_date": "9999-12-31",
    "min_date": "0001-01-01", "max_datetime": "9999-12-31T23:59:59-12:00",
    "nul": "1%00", "bad_utf8": "%ff%c0%af", "long": "9" * 10_000, "unknown_choice": "khong-co",
}
# Parameters that choose a unit or an official: also sent as one unit's head, whose pages are scoped to it.
SCOPING = {"unit", "row", "official"}
# Sent to every page, whatever it reads.
GENERIC_QUERIES = {
    "page_huge": "page=" + "9" * 30, "page_superscript": "page=" + quote("²"), "page_negative": "page=-3",
    "repeated": "page=1&page=2&unit=1&unit=2&format=xlsx&format=html", "nul_key": "%00=1&format=%00",
    "bad_utf8_key": "%ff=%fe", "too_many_fields": "&".join(f"f{i}=1" for i in range(1200)),
    "long_value": "q=" + "x" * 20_000, "unit_huge": "unit=" + str(2**64), "format_unknown": "format=exe",
}

# What each page reads from its query string (read from the view, its filter form and selectors), and the
# other parameters that must be real for the hostile one to reach the code that reads it.
FILTERS = ["q", "kind", "field", "unit", "status", "province", "received_from", "received_to", "due"]


@dataclass(frozen=True)
class Query:
    params: tuple[str, ...]
    base: tuple[tuple[str, str], ...] = ()


QUERY: dict[str, list[Query]] = {
    "petitions:list": [Query((*FILTERS, "page"))],
    "matters:list": [Query(("due", "kind", "state", "unit", "official", "page"))],
    "reception:book": [Query(("start", "end", "unit", "format")), Query(("start", "end", "unit"), (("format", "xlsx"),))],
    "reception:visit_new": [Query(("id_number",))],
    "reception:compliance": [Query(("year",))],
    "rules:list": [Query(("on",))],
    "reports:report": [Query(("period", "unit", "format")), Query(("period", "unit"), (("format", "xlsx"),))],
    "reports:cell": [Query(("period", "col", "unit", "row"), (("col", "tong"),))],
    "reports:records": [],  # one Query per dataset, added by _queries()
    "insights:dashboard": [Query(("start", "end"))],
    "insights:scorecards": [Query(("start", "end", "format")), Query(("start", "end"), (("format", "xlsx"),))],
    "emulation:list": [Query(("year", "domain", "status"))],
    "privacy:requests": [Query(("q",))],
    "consultation:groups": [Query(("a",))],
    "gopy:read": [Query(("v", "p"))],
    "gopy:lookup": [Query(("code",))],
    "ward_options": [Query(("province_code",))],
    "open311_requests": [Query(("service_request_id", "service_code", "status", "start_date", "end_date",
                                "jurisdiction_id", "api_key"))],
    "api-v1:staff_petitions": [Query((*FILTERS, "limit", "offset"))],
}


def _queries(name: str) -> list[Query]:
    if name != "reports:records":
        return QUERY.get(name, [])
    from danvan.reports.datasets import DATASETS

    return [Query((*dataset.dimensions, "unit", "start", "end"),
                  (("dataset", key), ("start", "2025-01-01"), ("end", "2026-12-31")))
            for key, dataset in DATASETS.items()] + [Query(("dataset",))]


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    converters: dict[str, str]  # parameter -> int | str | slug | fmt

    def url(self, values: dict[str, str]) -> str:
        return "/" + _PARAM.sub(lambda m: values[m["name"]], self.route)


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            kinds = {m["name"]: (m["conv"] or "str") for m in _PARAM.finditer(route)}
            yield Route(namespace + (p.name or ""), route, kinds)


def routes() -> list[Route]:
    return [r for r in _walk(get_resolver().url_patterns) if not r.route.startswith(SKIP_ROUTES)]


@dataclass
class World:
    users: dict[str, User | None]
    valid: dict[str, dict[str, str]]  # route name -> real values of its parameters

    def values(self, route: Route) -> dict[str, str]:
        real = self.valid.get(route.name, {})
        return {name: real.get(name, {"int": "1", "fmt": "json"}.get(kind, "x"))
                for name, kind in route.converters.items()}


@pytest.fixture
def world(db, settings, tmp_path) -> World:  # type: ignore[no-untyped-def]
    from danvan.api.catalog import SERVICES
    from danvan.consultation.models import Comment, Draft
    from danvan.matters.models import Matter
    from danvan.petitions.models import Petition
    from danvan.reception.models import Session, Visit
    from danvan.reports.layouts import layouts

    settings.MEDIA_ROOT = tmp_path
    with open(os.devnull, "w") as quiet:
        call_command("demo_load", petitions=12, seed=11, stdout=quiet)
    petition = Petition.objects.order_by("id").first()
    matter = Matter.objects.order_by("id").first()
    draft = Draft.objects.get()
    comment = Comment.objects.order_by("id").first()
    visit, session = Visit.objects.order_by("id").first(), Session.objects.order_by("id").first()
    assert petition and matter and comment and visit and session, "the demo agency lost its data"
    p, m, d = {"code": petition.code}, {"code": matter.code}, {"pk": str(draft.pk)}
    valid = {
        **{f"petitions:{n}": p for n in ("detail", "classify", "decide", "link", "find_duplicates", "attachment",
                                         "identity")},
        "matters:detail": m, "matters:step": {**m, "name": "accept"}, "matters:document_download": m,
        "matters:document": {**m, "step": "accept"},
        "reception:visit": {"pk": str(visit.pk)}, "reception:session_held": {"pk": str(session.pk)},
        "reports:report": {"slug": next(iter(layouts()))}, "reports:cell": {"slug": next(iter(layouts()))},
        **{f"consultation:{n}": d for n in ("draft", "version_upload", "period", "import", "moderation",
                                            "synthesis_start", "groups", "publish")},
        "consultation:report": {**d, "kind": "docx"},
        **{f"gopy:{n}": {"slug": draft.slug} for n in ("read", "post", "report_docx", "report_xlsx")},
        "gopy:receipt": {"code": comment.receipt}, "gopy:api_comment": {"draft_id": str(draft.pk)},
        "api_docs_asset": {"name": "favicon.svg"},
        "api-v1:petition_status": p, "api-v1:staff_petition": p,
        "open311_service": {"service_code": next(iter(SERVICES))}, "open311_request": {"request_id": petition.code},
        "portal:status": p, "portal:supplement": p, "portal:withdraw": p, "portal:document": p, "privacy:export": {"fmt": "json"},
    }
    users: dict[str, User | None] = {
        "administrator": User.objects.get(username="quantri"),  # every unit, every page
        "unit_head": User.objects.get(username="truongban"),  # one unit: scope checks run
        "anonymous": None,
    }
    return World(users, valid)


@dataclass
class Walker:
    """Sends requests and collects every server error with the exception behind it."""

    world: World
    failures: dict[tuple[str, ...], str] = field(default_factory=dict)
    sent: int = 0
    failed: int = 0

    def __post_init__(self) -> None:
        self._clients: dict[str, Client] = {}
        self._exception: BaseException | None = None

    def client(self, who: str) -> Client:
        if who not in self._clients:
            client = Client(raise_request_exception=False)
            user = self.world.users[who]
            if user is not None:
                client.force_login(user)
            self._clients[who] = client
        return self._clients[who]

    def _caught(self, **kwargs: Any) -> None:
        self._exception = sys.exc_info()[1]

    def send(self, who: str, method: str, url: str, label: str, **extra: Any) -> int:
        self._exception = None
        got_request_exception.connect(self._caught)
        try:
            # Each request in its own savepoint, as each runs in its own transaction in production: on
            # PostgreSQL one failed statement would otherwise fail every request after it.
            with transaction.atomic():
                response = self.client(who).generic(method, url, **extra)
                if response.status_code >= 500:
                    transaction.set_rollback(True)
        finally:
            got_request_exception.disconnect(self._caught)
        self.sent += 1
        if response.status_code >= 500:
            exc = self._exception
            cause = f"{type(exc).__name__}: {str(exc)[:160]!r}" if exc else ""
            # One line per kind of failure (the parameter, without the value's name, and the exception type),
            # with one example: a broken converter fails hundreds of requests the same way.
            kind = (method, re.sub(r"\?.*", "", url)[:80], label.partition("=")[0], type(exc).__name__)
            self.failures.setdefault(kind, f"{method} {url[:200]} as {who} ({label}): {response.status_code} "
                                           f"{cause}")
            self.failed += 1
        return response.status_code

    def assert_none_failed(self) -> None:
        assert not self.failures, f"{self.failed} server errors, {len(self.failures)} kinds:\n" + "\n".join(
            self.failures.values())


WHO_FOR_PATHS = ("administrator", "anonymous")


def test_no_path_parameter_makes_any_page_fail(world: World) -> None:
    """Each parameter of each pattern, with the hostile values its converter lets through; GET and POST
    (an empty body), signed in with every right and anonymously. A refused POST stores nothing."""
    walker = Walker(world)
    all_routes = routes()
    with_params = [r for r in all_routes if r.converters]
    assert len(with_params) >= 40, "the resolver walk lost the patterns"
    before = table_counts()
    for route in with_params:
        for param, kind in route.converters.items():
            for label, value in PATH_VALUES[kind].items():
                url = route.url({**world.values(route), param: value})
                for who in WHO_FOR_PATHS:
                    for method in ("GET", "POST"):
                        walker.send(who, method, url, f"{param}={label}")
    assert walker.sent > 600
    walker.assert_none_failed()
    # Every value above names no object, so no request may have changed anything.
    assert changed_tables(before, table_counts(), ignore=("sessions.", "security.", "audit.Event")) == {}


def test_no_query_string_makes_any_page_fail(world: World) -> None:
    """The parameters each page reads get every hostile value, signed in (with every right, and as one
    unit's head, where the page scopes by unit) and anonymously; every page gets the generic hostile
    query strings."""
    walker = Walker(world)
    named = set()
    for route in routes():
        path = route.url(world.values(route))
        for query in _queries(route.name):
            named.add(route.name)
            base = "&".join(f"{k}={quote(v)}" for k, v in query.base)
            for param in query.params:
                rest = "&".join(f"{k}={quote(v)}" for k, v in query.base if k != param)
                for label, value in QUERY_VALUES.items():
                    qs = "&".join(filter(None, [rest, f"{param}={value}"]))
                    for who in ("administrator", "anonymous", *(("unit_head",) if param in SCOPING else ())):
                        walker.send(who, "GET", f"{path}?{qs}", f"{param}={label}")
                # The same parameter twice, one good and one hostile, and the hostile one alone as the key.
                walker.send("administrator", "GET", f"{path}?{base}&{param}=1&{param}=%00", f"{param} repeated")
        for label, qs in GENERIC_QUERIES.items():
            walker.send("administrator", "GET", f"{path}?{qs}", label)
            walker.send("anonymous", "GET", f"{path}?{qs}", label)
    # A page added to QUERY under a wrong name would be walked with nothing: every entry must be a route.
    assert named == set(QUERY)
    assert walker.sent > 2500
    walker.assert_none_failed()


HOSTILE_HEADERS: dict[str, dict[str, str]] = {
    "accept_language_garbage": {"HTTP_ACCEPT_LANGUAGE": "x" * 500 + ";q=abc, *;q=-1, vi-" + "a" * 200 + ",,;;"},
    "accept_language_nul": {"HTTP_ACCEPT_LANGUAGE": "vi\x00en;q=0.5"},
    "language_cookie": {"HTTP_COOKIE": "django_language=\x00%ff; sessionid=../../x; csrftoken=" + "x" * 5000},
    "content_length_huge_on_get": {"CONTENT_LENGTH": str(2**64)},
    "content_length_negative": {"CONTENT_LENGTH": "-1"},
    "range_garbage": {"HTTP_RANGE": "bytes=99999999999999999999-1,-0,abc"},
    "range_many": {"HTTP_RANGE": "bytes=" + ",".join(f"{i}-{i}" for i in range(500))},
    "forwarded_for": {"HTTP_X_FORWARDED_FOR": "\x00, ::ffff:999.1.1.1, " + "1," * 500},
    "bearer_garbage": {"HTTP_AUTHORIZATION": "Bearer " + "\x00" * 3 + "x" * 5000},
    "basic_garbage": {"HTTP_AUTHORIZATION": "Basic %%%%"},
    "tracking_secret_nul": {"HTTP_X_TRACKING_SECRET": "\x00" * 12},
    "idempotency_nul": {"HTTP_IDEMPOTENCY_KEY": "\x00"},
    "htmx": {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "\x00"},
    "conditional_garbage": {"HTTP_IF_MODIFIED_SINCE": "Mon, 99 Foo 99999 99:99:99 GMT", "HTTP_IF_NONE_MATCH": "\x00"},
    "accept_garbage": {"HTTP_ACCEPT": "*/*;q=abc, text/html;level=" + "9" * 100},
    "host_with_port_garbage": {"HTTP_X_FORWARDED_PROTO": "\x00https"},
}
METHODS = ("HEAD", "OPTIONS", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND")


def test_no_header_or_method_makes_any_page_fail(world: World) -> None:
    """Every page with real parameters, with hostile headers (signed in and anonymously) and with the
    methods it does not serve (signed in). What these refuse changes nothing."""
    walker = Walker(world)
    before = table_counts()
    for route in routes():
        url = route.url(world.values(route))
        for label, headers in HOSTILE_HEADERS.items():
            for who in ("administrator", "anonymous"):
                walker.send(who, "GET", url, label, **headers)
        for method in METHODS:
            walker.send("administrator", method, url, method, data=b"x" * 100,
                        content_type="application/octet-stream")
    assert walker.sent > 2000
    walker.assert_none_failed()
    assert changed_tables(before, table_counts(), ignore=("sessions.", "security.", "audit.Event")) == {}


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "status", "says"), [
    ("/desk/dashboard/?start=9999-12-31", 400, "Ngày không hợp lệ: “9999-12-31”"),
    ("/desk/dashboard/?end=2026-02-30", 400, "Ngày không hợp lệ: “2026-02-30”"),
    ("/desk/reports/records/?dataset=petitions&start=0001-01-01&end=2026-12-31", 400, "Ngày không hợp lệ"),
    ("/desk/reports/records/?dataset=petitions&start=2026-01-01", 400, "Cần cả ngày bắt đầu"),
    ("/desk/reports/records/?dataset=petitions&start=2026-01-01&end=2026-12-31&province=%C2%B2", 400,
     "Giá trị không hợp lệ cho province: “²”"),
    ("/desk/reports/records/?dataset=matters&start=2026-01-01&end=2026-12-31&resolved=khong", 400,
     "Giá trị không hợp lệ cho resolved"),
    ("/desk/reports/records/?dataset=petitions&start=2026-01-01&end=2026-12-31&kind=khong-co", 400,
     "Giá trị không hợp lệ cho kind: “khong-co”"),
    ("/desk/reception/compliance/?year=0", 400, "Năm không hợp lệ: “0”"),
    ("/desk/reception/compliance/?year=2010", 400, "nằm ngoài thời gian hiệu lực"),  # before any rule pack
    ("/desk/p/AB%00CD/", 400, "có ký tự NUL"),
    ("/desk/?q=%00", 400, "có ký tự NUL"),
])
def test_a_refused_value_is_named_in_a_clear_message(officials: dict[str, User], url: str, status: int,
                                                     says: str) -> None:
    client = Client()
    client.force_login(officials["leader"])
    response = client.get(url)
    assert response.status_code == status
    assert says in response.content.decode()


@pytest.mark.django_db
def test_the_refusal_speaks_english_to_who_chose_it(officials: dict[str, User]) -> None:
    client = Client()
    client.force_login(officials["leader"])
    client.cookies["django_language"] = "en"
    body = client.get("/desk/dashboard/?start=2026-02-30").content.decode()
    assert "Invalid date: “2026-02-30”" in body
    body = client.get("/desk/reception/compliance/?year=2010").content.decode()
    assert "2010-01-01 is outside every rule pack that defines &#x27;reception.leader_minimum&#x27;" in body
    assert "contains a NUL character" in client.get("/desk/p/AB%00CD/").content.decode()
    api = Client().get("/api/v1/staff/petitions/AB%00CD", HTTP_ACCEPT_LANGUAGE="en")
    nul = "The address (URL) contains a NUL character, which cannot be used here. Please check the path or the " \
          "parameters."
    assert (api.status_code, api.json()) == (404, {"detail": nul, "errors": {}})
    api = Client().get("/api/v1/staff/petitions?q=a%00", HTTP_ACCEPT_LANGUAGE="en")
    assert (api.status_code, api.json()) == (422, {"detail": nul, "errors": {"q": [nul]}})
    open311 = Client().get("/open311/v2/requests.json?status=%00", HTTP_ACCEPT_LANGUAGE="en")
    assert (open311.status_code, open311.json()) == (400, [{"code": 400, "description": nul}])


@pytest.mark.django_db
def test_a_malformed_page_number_shows_the_first_page(officials: dict[str, User]) -> None:
    client = Client()
    client.force_login(officials["leader"])
    for page in ("%C2%B2", str(2**63), "-3", "0"):
        response = client.get(f"/desk/?page={page}")
        assert (response.status_code, response.context["page_number"]) == (200, 1), page
    assert client.get("/desk/?page=7").context["page_number"] == 7
