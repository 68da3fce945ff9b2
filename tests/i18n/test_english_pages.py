"""In English, no page shows Vietnamese chrome: every role's pages are crawled and read.

The pages are not listed by hand (a list would miss the next one someone adds): as in tests/hostile, the
test signs in as each kind of official (and visits as a citizen), with English chosen, and crawls the site
from its menus, following links and sending its GET forms with their defaults; every POST form it meets is
then sent empty, for its refusals and messages. On each page it reads what a reader is shown: text, and
the placeholder, aria-label, title and alt attributes and the labels of buttons; not what people typed into
fields.

A text holding a Vietnamese letter (ă â đ ê ô ơ ư, or a tone mark) fails, unless it is data. Data is:
- what is stored: every text column of every model, and every string in a JSON column (names, units,
  fields, places, petition and comment texts, law titles and citations people typed), except the system's
  own words kept for the record (a time limit's Vietnamese label and derivation sentences), which pages
  must draw in the reader's language;
- the repository's data files: rule packs (descriptions, citations, items), the report layouts (form
  titles, column titles), the other YAML data of the apps;
- the names of provinces and wards;
- and anything inside an element declared Vietnamese with lang="vi" (a language's own name, a file
  format's Vietnamese column names).
Data may be part of a longer text ("Guide: Ủy ban nhân dân tỉnh Nghệ An", "Điều 5. Nguyên tắc ..."): the
stored phrases are taken out of it, word for word, before what is left is read. A stored phrase of one word
counts only when it stands alone between punctuation ("đ)" of a legal point), so that a stored "Năm" does
not excuse "Quý IV năm 2026".

The API errors (JSON API, Open311, the consultation's JSON endpoint) are checked with Accept-Language: en.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import lxml.html
import pytest
import yaml
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import Resolver404, resolve

from danvan.org.models import User

VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)
WORD = re.compile(r"\w+")
# A run of punctuation splits a text into segments; a one-word stored phrase is data only as a whole segment.
SEGMENT = re.compile(r"[^\w\s]+")

SEEDS = ["/", "/gui-don/", "/tra-cuu/", "/thong-ke/", "/lich-tiep-cong-dan/", "/gop-y/", "/login/", "/desk/",
         "/desk/receive/", "/desk/reception/", "/desk/matters/", "/desk/reports/", "/desk/dashboard/", "/desk/rules/",
         "/desk/privacy/", "/desk/consultation/", "/account/2fa/"]
SKIP_PREFIXES = ("/static/", "/admin/", "/logout/", "/api/", "/open311/", "/i18n/", "/media/")
USERS = [None, "tiepdan", "xuly", "xacminh", "truongban", "thutruong", "thanhtra", "giamsat", "quantri", "soanthao"]
PER_VIEW = 3  # pages of one view read per visitor (a petition's page, a matter's ...): enough for its states
NOT_POSTED = {"set_language", "logout", "login", "account:two_factor"}
# The system's own words, stored in Vietnamese for the record; pages show them in the reader's language.
RECORD_FIELDS = {"matters.TimeLimit.label"}
DATA_FILES = ("*/data/*.yaml", "rules/packs/*.yaml", "reports/layouts/*.json")
READ_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")


def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(unicodedata.normalize("NFC", text).casefold()))


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, leaving out a time limit's derivation sentences (its "text")."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        derivation = "rule" in value and "due" in value
        for key, item in value.items():
            if not (derivation and key == "text"):
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class Data:
    """The stored phrases (see the module's docstring), and what of a text is left once they are taken out."""

    def __init__(self, phrases: Iterable[str]) -> None:
        starting: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self.whole: set[tuple[str, ...]] = set()
        for phrase in phrases:
            words = _words(phrase)
            if not words or not VIETNAMESE.search(phrase):
                continue
            self.whole.add(words)
            if len(words) > 1:
                starting[words[0]].add(words)
        self.starting = {w: sorted(c, key=len, reverse=True) for w, c in starting.items()}

    def vietnamese_left(self, text: str) -> list[str]:
        """The Vietnamese words of `text` that are not part of stored data ([] when it is all data)."""
        segments = [_words(s) for s in SEGMENT.split(text)]
        words = [w for segment in segments for w in segment]
        covered = [False] * len(words)
        start = 0
        for segment in segments:  # a segment that is a stored phrase, however short
            if segment and segment in self.whole:
                covered[start:start + len(segment)] = [True] * len(segment)
            start += len(segment)
        clipped = text.rstrip().endswith(("…", "..."))  # a long value cut short by truncatechars
        i = 0
        while i < len(words):  # stored phrases of two words or more, across punctuation
            for candidate in self.starting.get(words[i], ()):
                end = i + len(candidate)
                cut_short = clipped and end > len(words) and _cut_from(words[i:], candidate)
                if tuple(words[i:end]) == candidate or cut_short:
                    covered[i:end] = [True] * (min(end, len(words)) - i)
                    i = end
                    break
            else:
                i += 1
        return [w for w, done in zip(words, covered, strict=True) if not done and VIETNAMESE.search(w)]


def _cut_from(words: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether `words` are the start of `phrase` cut short, the last one maybe in the middle of a word."""
    *whole, last = words
    return tuple(whole) == phrase[:len(whole)] and phrase[len(whole)].startswith(last)


def stored_phrases() -> set[str]:
    out: set[str] = set()
    for model in apps.get_models():
        text_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
                       and f"{model._meta.label}.{f.name}" not in RECORD_FIELDS]
        json_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
        if text_fields:
            for row in model._base_manager.values_list(*text_fields):  # decrypts the identity vault's fields
                out.update(v for v in row if isinstance(v, str))
        for name in json_fields:
            for value in model._base_manager.values_list(name, flat=True):
                out.update(_strings(value))
    root = Path(settings.BASE_DIR) / "danvan"
    for pattern in DATA_FILES:
        for path in root.glob(pattern):
            text = path.read_text(encoding="utf-8")
            out.update(_strings(yaml.safe_load(text) if path.suffix == ".yaml" else json.loads(text)))
    from danvan.org import places

    for code, name in places.provinces():
        out.add(name)
        out.update(ward for _code, ward in places.wards(code))
    return out


@dataclass
class Finding:
    where: str  # "GET /desk/p/ABCD-1234/ as xuly"
    element: str  # "<th>" or "<input placeholder>"
    text: str
    words: list[str]

    def __str__(self) -> str:
        return f"{self.where}: {self.element} {self.text[:160]!r} (Vietnamese: {', '.join(self.words[:6])})"


def _declared_vietnamese(element: Any) -> bool:
    lang = next((e.get("lang") for e in (element, *element.iterancestors()) if e.get("lang")), "")
    return str(lang).split("-")[0] == "vi"


def read_page(html: str, where: str, data: Data) -> list[Finding]:
    """What a reader of the page is shown in Vietnamese that is not data."""
    found = []
    for element in lxml.html.fromstring(html).iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "textarea", "html"):
            continue
        shown = [(f"<{element.tag}>", element.text or "")]
        shown += [(f"<{element.tag}>", child.tail) for child in element if isinstance(child.tag, str) and child.tail]
        shown += [(f"<{element.tag} {a}>", element.get(a)) for a in READ_ATTRIBUTES if element.get(a)]
        if element.tag == "input" and element.get("type") in ("submit", "button", "reset"):
            shown.append((f"<{element.tag} value>", element.get("value") or ""))
        for where_in_page, raw in shown:
            text = " ".join(raw.split())
            if not VIETNAMESE.search(text) or _declared_vietnamese(element):
                continue
            words = data.vietnamese_left(text)
            if words:
                found.append(Finding(where, where_in_page, text, words))
    return found


@dataclass
class Crawl:
    data: Data
    findings: list[Finding] = field(default_factory=list)
    views: set[str] = field(default_factory=set)
    post_forms: dict[tuple[str, str], tuple[str, dict[str, str]]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def visit(self, client: Client, who: str, seeds: list[str]) -> None:
        queue, seen, per_view = list(seeds), set(), defaultdict[str, int](int)
        while queue:
            parts = urlsplit(queue.pop(0))
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.netloc not in ("", "testserver") or path in seen or path.startswith(SKIP_PREFIXES) \
                    or "page=" in parts.query or "format=" in parts.query:
                continue
            seen.add(path)
            try:
                view = resolve(parts.path).view_name
            except Resolver404:
                continue
            per_view[view] += 1
            if per_view[view] > PER_VIEW:
                continue
            response = client.get(path)
            if response.status_code >= 500:
                self.failures.append(f"GET {path} as {who}: {response.status_code}")
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            self.views.add(view)
            page = lxml.html.fromstring(response.content)
            queue.extend(urljoin(path, a.get("href")) for a in page.iter("a") if a.get("href"))
            for form in page.iter("form"):
                self._form(form, path, who, queue)
            self.findings += read_page(response.content.decode(), f"GET {path} as {who}", self.data)

    def _form(self, form: Any, page: str, who: str, queue: list[str]) -> None:
        action = urljoin(page, form.get("action") or page)
        if (form.get("method") or "get").lower() == "get":
            values = []
            for field_ in form.iter("input", "select"):
                name = field_.get("name")
                if not name or field_.get("type") in ("submit", "checkbox", "radio", "button"):
                    continue
                if field_.tag == "select":
                    options = list(field_.iter("option"))
                    chosen = [o for o in options if o.get("selected") is not None] or \
                        [o for o in options if o.get("value")] or options
                    values.append((name, chosen[0].get("value", "") if chosen else ""))
                else:
                    values.append((name, field_.get("value", "")))
            queue.append(f"{urlsplit(action).path}?{urlencode(values)}")
            return
        try:
            view = resolve(urlsplit(action).path).view_name
        except Resolver404:
            return
        if view not in NOT_POSTED:
            # Sent empty (hidden fields kept): what the form answers when it is refused.
            fields = {f.get("name"): (f.get("value", "") if f.get("type") == "hidden" else "")
                      for f in form.iter("input", "textarea", "select") if f.get("name")}
            self.post_forms.setdefault((who, view), (action, fields))

    def post_every_form(self, clients: dict[str, Client]) -> None:
        for (who, _view), (action, fields) in self.post_forms.items():
            parts = urlsplit(action)
            response = clients[who].post(parts.path + (f"?{parts.query}" if parts.query else ""), fields, follow=True)
            if response.status_code >= 500:
                self.failures.append(f"POST {parts.path} as {who}: {response.status_code}")
            if "text/html" in response.get("Content-Type", "") and response.content:
                self.findings += read_page(response.content.decode(), f"POST {parts.path} as {who}", self.data)


def english_client(user: User | None = None) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


Site = tuple[dict[str, Client], dict[str | None, list[str]]]


@pytest.fixture
def site(db: None, settings: Any, tmp_path: Path) -> Site:
    """The demo agency, with the states that have pages of their own: a synthesis of the draft's comments,
    a comment held for moderation, a privacy request, and a petition the citizen tracks."""
    from danvan.consultation import services as consultation
    from danvan.consultation.models import Draft, SynthesisRun
    from danvan.petitions.models import Kind
    from danvan.petitions.services import Outcome, petition_classify, petition_decide
    from danvan.petitions.tests.factories import receive
    from danvan.privacy.services import privacy_request_create

    settings.MEDIA_ROOT = tmp_path
    settings.DANVAN_CONSULTATION_WORKDIR = str(tmp_path / "synthesis")
    settings.DANVAN_RATE_LIMITS = {scope: "1000000/60" for scope in getattr(settings, "DANVAN_RATE_LIMITS", {})}
    settings.DANVAN_CONSULTATION_RATE = "0/60"
    with open(os.devnull, "w") as quiet:
        call_command("demo_load", petitions=12, seed=11, stdout=quiet)
    users = {u.username: u for u in User.objects.filter(username__in=[u for u in USERS if u])}
    draft = Draft.objects.exclude(opens_on=None).first()
    assert draft is not None
    held = consultation.comment_submit(draft_id=draft.pk, text="Xem http://a.example http://b.example http://c.example",
                                       flags=["chứa nhiều đường dẫn đến trang web khác"])
    run = SynthesisRun.objects.create(draft=draft)
    consultation.synthesis_execute_now(run_id=run.pk)
    unit = users["tiepdan"].unit
    assert unit is not None
    receipt = receive(unit, received_at=None, letter_date=date(2026, 11, 20))
    petition = petition_classify(petition=receipt.petition, by=users["xuly"], kind=Kind.COMPLAINT, field=None)
    petition_decide(petition=petition, by=users["truongban"], outcome=Outcome.ACCEPT)
    sender = receipt.petition.petitioners.first()
    assert sender is not None
    privacy_request_create(person=sender.person, kind="export", by=users["quantri"])
    citizen = english_client()
    citizen.post("/tra-cuu/", {"code": receipt.petition.code, "secret": receipt.secret})
    tracked, receipt_page = f"/tra-cuu/{receipt.petition.code}/", f"/gop-y/bien-nhan/{held.receipt}/"
    seeds: dict[str | None, list[str]] = {None: [*SEEDS, tracked, receipt_page]}
    clients = {"citizen": citizen, **{name: english_client(user) for name, user in users.items()}}
    return clients, seeds


def test_every_page_speaks_english_to_every_role(site: Site) -> None:
    clients, seeds = site
    crawl = Crawl(Data(stored_phrases()))
    for username in USERS:
        who = username or "citizen"
        crawl.visit(clients[who], who, seeds.get(username, SEEDS))
    crawl.post_every_form(clients)

    # The crawl must reach the pages that matter; a broken crawl would pass vacuously.
    assert {"portal:home", "portal:submit", "portal:status", "gopy:read", "gopy:receipt", "petitions:list",
            "petitions:detail", "matters:detail", "reception:book", "reception:visit", "reports:report",
            "reports:cell", "insights:dashboard", "rules:list", "privacy:detail", "consultation:draft",
            "consultation:groups", "consultation:moderation", "consultation:import"} <= crawl.views, sorted(crawl.views)
    assert crawl.failures == []
    # What the crawl's own posts stored (the title of a document it issued) is data as well.
    data_now = Data(stored_phrases())
    unique: dict[tuple[str, str], Finding] = {}
    for finding in crawl.findings:  # each text once, with the first page it was seen on
        if data_now.vietnamese_left(finding.text):
            unique.setdefault((finding.element, finding.text), finding)
    assert not unique, "Vietnamese chrome on English pages:\n" + "\n".join(str(f) for f in unique.values())


def test_the_check_tells_vietnamese_chrome_from_data() -> None:
    data = Data(["Ủy ban nhân dân tỉnh Nghệ An", "Điều 5", "Nguyên tắc bồi thường về đất", "Năm", "đ",
                 "Gia đình tôi bị thu hồi 320 m² đất nông nghiệp tại xã Hòa Vang"])
    page = """<html lang="en"><body><table><tr><th>Ngày nhận</th><th>Received</th></tr>
      <tr><td>Guide: Ủy ban nhân dân tỉnh Nghệ An</td><td title="Hạn xử lý">Điều 5. Nguyên tắc bồi thường về đất</td>
      <td>Gia đình tôi bị thu hồi 320 m² đất nông…</td></tr></table>
      <select><option lang="vi">Tiếng Việt</option><option>Quý IV năm 2026</option></select>
      <p>đ) a point of law</p><p><code lang="vi">Nội dung</code> holds the comment</p>
      <input type="submit" value="Lưu"><input name="q" placeholder="Tìm đơn" value="đất đai"></body></html>"""

    found = {(f.element, f.text): f.words for f in read_page(page, "GET /x/", data)}

    assert found == {
        ("<th>", "Ngày nhận"): ["ngày", "nhận"],
        ("<td title>", "Hạn xử lý"): ["hạn", "xử", "lý"],
        ("<option>", "Quý IV năm 2026"): ["quý", "năm"],
        ("<input value>", "Lưu"): ["lưu"],
        ("<input placeholder>", "Tìm đơn"): ["tìm", "đơn"],
    }


# --- the APIs ---------------------------------------------------------------------------------------


def _texts(value: Any) -> list[str]:
    return [s for s in _strings(value) if VIETNAMESE.search(s)]


@pytest.mark.django_db
def test_the_apis_refuse_in_english_when_asked(client: Client, intake_unit: Any) -> None:
    english = {"Accept-Language": "en"}
    json_ = "application/json"
    answers = {
        "JSON API, empty petition": client.post("/api/v1/petitions", "{}", content_type=json_, headers=english),
        "JSON API, bad petition": client.post("/api/v1/petitions", json.dumps(
            {"full_name": "A", "content": "ngắn", "province_code": 999, "id_number": "12", "phone": "1"}),
            content_type=json_, headers=english),
        "JSON API, not JSON": client.post("/api/v1/petitions", "{", content_type=json_, headers=english),
        "JSON API, unknown code": client.get("/api/v1/petitions/ABCD-EFGH/status?secret=x", headers=english),
        "JSON API, no token": client.get("/api/v1/staff/petitions", headers=english),
        "Open311, services": client.get("/open311/v2/services.json", headers=english),
        "Open311, unknown service": client.get("/open311/v2/services/nope.json", headers=english),
        "Open311, bad date": client.get("/open311/v2/requests.json?start_date=hôm-nay", headers=english),
        "Open311, no key": client.post("/open311/v2/requests.json", {"service_code": "complaint"}, headers=english),
        "comments, empty": client.post("/gop-y/api/drafts/1/comments", '{"text": ""}', content_type=json_,
                                       headers=english),
    }
    vietnamese = {name: _texts(r.json()) for name, r in answers.items()}

    assert all(r["Content-Language"] == "en" for r in answers.values())
    assert vietnamese == {name: [] for name in answers}
