"""Every form of the project gets the hostile strings.

The forms are not listed by hand (a list would miss the next one someone adds): the test signs in as each
kind of official, crawls the site from its menus, and collects every <form> it meets — public, desk, and
administration pages alike. Each form is then posted with every hostile string in every text field:
no server error; a refused post (the form shows errors) stores nothing; and afterwards no page shows
a stored payload unescaped. Each POST form is also posted with a forged (missing) CSRF token: 403, and
nothing stored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from conftest import TEST_PASSWORD
from tests.hostile.conftest import HOSTILE, changed_tables, table_counts

SEEDS = ["/", "/gui-don/", "/tra-cuu/", "/thong-ke/", "/lich-tiep-cong-dan/", "/login/", "/desk/", "/desk/receive/",
         "/desk/reception/", "/desk/matters/", "/desk/reports/", "/desk/dashboard/", "/desk/rules/",
         "/desk/privacy/", "/desk/consultation/", "/account/", "/y-kien-du-thao/"]
SKIP_PREFIXES = ("/static/", "/admin/", "/logout/", "/api/", "/open311/", "/i18n/", "/media/")
SKIP_SUFFIXES = (".xlsx", ".pdf", ".docx", ".json", ".xml", ".csv", ".txt", "/download", "/print/")
MAX_PAGES_PER_USER = 45
USERS = ["tiepdan", "xuly", "truongban", "thutruong", "quantri", None]
RAW_PAYLOADS = ('<script>alert("xss")</script>', '"><img src=x onerror=alert(1)>')
# The strings every form gets (the API tests send the full list; a form post costs a page render).
FORM_HOSTILE = {k: HOSTILE[k] for k in ("script", "attribute", "sql_quote", "fts_syntax", "nul", "control", "bidi",
                                         "long")}
TEXT_TYPES = {"text", "search", "email", "tel", "url", "number", "date", "datetime-local", "password", "", "month"}


@dataclass
class FormSpec:
    page: str
    method: str
    action: str
    user: str | None
    fields: dict[str, str] = field(default_factory=dict)  # name -> baseline value
    text_fields: list[str] = field(default_factory=list)
    checkboxes: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str, tuple[str, ...]]:
        try:
            view = resolve(urlsplit(self.action).path).view_name
        except Resolver404:
            view = self.action
        return (self.method, view, str(self.user), tuple(sorted(self.fields)))


class _Parser(HTMLParser):
    def __init__(self, page: str, user: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.user = page, user
        self.links: list[str] = []
        self.forms: list[FormSpec] = []
        self._form: FormSpec | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.page, a["href"]))
        elif tag == "form":
            self._form = FormSpec(self.page, (a.get("method") or "get").lower(),
                                  urljoin(self.page, a.get("action") or self.page), self.user)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            name = a["name"]
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if kind == "checkbox":
                    self._form.checkboxes.append(name)
                if "checked" in a or name not in self._form.fields:
                    self._form.fields[name] = a.get("value", "on")
                return
            self._form.fields[name] = a.get("value", "")
            if kind in TEXT_TYPES and name != "csrfmiddlewaretoken":
                self._form.text_fields.append(name)
        elif tag == "select":
            self._select, self._select_value = a["name"], None
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form.fields[a["name"]] = ""
            self._form.text_fields.append(a["name"])
        if tag == "option" and self._form is not None and self._select:
            value = a.get("value", "")
            if "selected" in a or (self._select_value in (None, "") and value):
                self._select_value = value

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._form is not None and self._select:
            self._form.fields[self._select] = self._select_value or ""
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _client(user: str | None, **kw: object) -> Client:
    client = Client(raise_request_exception=False, **kw)  # type: ignore[arg-type]
    if user:
        assert client.login(username=user, password=TEST_PASSWORD), user
    return client


def _crawl(user: str | None) -> tuple[list[FormSpec], list[str]]:
    client = _client(user)
    queue, seen, forms, failures = list(SEEDS), set(), [], []
    while queue and len(seen) < MAX_PAGES_PER_USER:
        url = queue.pop(0)
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.netloc not in ("", "testserver") or path in seen or path.startswith(SKIP_PREFIXES) \
                or parts.path.endswith(SKIP_SUFFIXES) or "page=" in parts.query:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code >= 500:
            failures.append(f"GET {path} as {user}: {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Parser(path, user)
        parser.feed(response.content.decode())
        forms.extend(parser.forms)
        queue.extend(link for link in parser.links if link not in seen)
    return forms, failures


def _is_refused(response) -> bool:  # type: ignore[no-untyped-def]
    if response.status_code in (400, 403, 404, 405, 409, 413, 422):
        return True
    body = response.content.decode(errors="replace") if response.status_code == 200 else ""
    return 'class="errorlist' in body or 'class="errors' in body


@pytest.fixture
def site(officials, land_department, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    with open(os.devnull, "w") as quiet:
        call_command("demo_load", petitions=12, seed=11, stdout=quiet)
    for user in officials.values():
        user.set_password(TEST_PASSWORD)
        user.save()
    from danvan.org.models import User

    for user in User.objects.exclude(pk__in=[u.pk for u in officials.values()]):
        user.set_password(TEST_PASSWORD)
        user.save()
    forms: dict[tuple[str, str, str, tuple[str, ...]], FormSpec] = {}
    failures: list[str] = []
    for username in USERS:
        found, failed = _crawl(username)
        failures += failed
        for form in found:
            forms.setdefault(form.key, form)
    return list(forms.values()), failures


@pytest.mark.django_db
def test_every_form_refuses_hostile_input_safely_escapes_what_it_stores_and_checks_csrf(site):
    """One crawl (it is the slow part) serves the three checks."""
    forms, failures = site
    _hostile_strings_never_fail(forms, failures)
    _forged_csrf_is_refused(forms)
    _stored_text_is_escaped(forms)


def _hostile_strings_never_fail(forms: list[FormSpec], failures: list[str]) -> None:
    names = {f.key[1] for f in forms}
    # The crawl must reach the forms that matter; a broken crawl would pass vacuously.
    assert {"portal:submit", "portal:track", "petitions:receive", "petitions:classify", "petitions:decide",
            "reception:visit_new", "privacy:requests", "login"} <= names, sorted(names)
    posted = 0
    for form in forms:
        client = _client(form.user)
        for name, value in FORM_HOSTILE.items():
            data = dict(form.fields)
            for text_field in form.text_fields:
                data[text_field] = value
            before = table_counts()
            path = urlsplit(form.action).path
            response = client.post(path, data) if form.method == "post" else client.get(path, data)
            posted += 1
            if response.status_code >= 500:
                failures.append(f"{form.method.upper()} {path} ({form.key[1]}) as {form.user} with {name}: "
                                f"{response.status_code}")
            elif form.method == "post" and _is_refused(response):
                changed = changed_tables(before, table_counts(), ignore=("sessions.", "security.", "audit.Event"))
                if changed:
                    failures.append(f"{path} as {form.user} with {name}: refused but stored {changed}")
    assert posted > 100
    assert failures == []


def _stored_text_is_escaped(forms: list[FormSpec]) -> None:
    for form in forms:
        if form.method != "post":
            continue
        data = dict(form.fields)
        for i, text_field in enumerate(form.text_fields):
            data[text_field] = RAW_PAYLOADS[i % 2] + " Nội dung phản ánh về môi trường tại địa phương."
        _client(form.user).post(urlsplit(form.action).path, data)
    leaks = []
    pages = sorted({(f.user, f.page) for f in forms}, key=lambda p: (p[0] or "", p[1]))
    for username, page in pages:
        body = _client(username).get(page).content.decode(errors="replace")
        leaks += [f"{page} as {username}" for raw in RAW_PAYLOADS if raw in body]
    assert leaks == []


def _forged_csrf_is_refused(forms: list[FormSpec]) -> None:
    post_forms = [f for f in forms if f.method == "post"]
    assert len(post_forms) >= 8
    failures = []
    for form in post_forms:
        client = _client(form.user, enforce_csrf_checks=True)
        data = {k: v for k, v in form.fields.items() if k != "csrfmiddlewaretoken"}
        data["csrfmiddlewaretoken"] = "forged" * 8
        before = table_counts()
        response = client.post(urlsplit(form.action).path, data)
        changed = changed_tables(before, table_counts(), ignore=("sessions.", "security."))
        if response.status_code != 403 or changed:
            failures.append(f"{form.action} ({form.key[1]}) as {form.user}: {response.status_code} {changed}")
    assert failures == []
