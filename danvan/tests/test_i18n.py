"""English is the second language of every page: the catalog is complete and the key pages use it.

Source strings are Vietnamese (msgid = Vietnamese); locale/en/LC_MESSAGES/django.po holds the English and
django.mo beside it is what Django reads. docs/i18n.md says how to add and update translations.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from danvan.matters.services import matter_open
from danvan.org.models import Unit, User
from danvan.petitions.models import Petition
from danvan.petitions.services import petition_classify
from danvan.petitions.tests.factories import at, receive

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"

# Everyday words of the Vietnamese UI; none of them belongs on a page served in English. Stored data
# (names, units, fields, provinces, the petition's own text) stays Vietnamese, so the petition below is
# worded without these words.
VIETNAMESE_UI_WORDS = [
    "Đơn", "đơn", "Tra cứu", "Gửi", "Trạng thái", "Ngày nhận", "Hạn xử lý", "Lọc", "Tìm", "Đăng xuất",
    "Đăng nhập", "Khiếu nại", "khiếu nại", "Tố cáo", "tố cáo", "Kiến nghị", "Vụ việc", "vụ việc", "Báo cáo",
    "Họ và tên", "Nội dung", "Trang sau", "Người gửi", "Lưu", "Chọn", "Quá hạn", "Xem", "Ngôn ngữ", "Tất cả",
    "Cán bộ", "Hướng dẫn", "Thống kê", "Lịch tiếp",
]

LAND = ("Gia đình tôi bị thu hồi 320 m² đất nông nghiệp tại xã Hòa Vang nhưng giá bồi thường thấp hơn giá "
        "thị trường và chưa có phương án tái định cư cho hộ gia đình.")


def visible_text(html: str) -> str:
    """The words a reader sees: no scripts, styles, tags or attribute values.

    Left out: the language switcher's "Tiếng Việt" (a language is named in itself) and the derivation of a
    time limit (<details class="explain">), whose citation and the event it counts from ("ngày nhận được
    đơn") are rule-pack data; its sentences are checked in tests/i18n.
    """
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    html = re.sub(r'<details class="explain">.*?</details>', " ", html, flags=re.S)
    html = re.sub(r"<option[^>]*>\s*Tiếng Việt\s*</option>", " ", html)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def untranslated(html: str) -> list[str]:
    text = visible_text(html)
    return [w for w in VIETNAMESE_UI_WORDS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def english(client: Client, url: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Language"] == "en"
    html = response.content.decode()
    assert '<html lang="en">' in html
    return html


@pytest.fixture
def petition(intake_unit: Unit) -> Petition:
    return receive(intake_unit, subject="Bồi thường thu hồi đất nông nghiệp ở Hòa Vang", content=LAND,
                   decision_text="Quyết định số 456/QĐ-UBND ngày 12/8/2026",
                   request_text="Bồi thường theo giá thị trường", received_at=at(date(2026, 11, 2)),
                   letter_date=date(2026, 10, 30)).petition


def test_the_language_test_notices_vietnamese(client: Client, intake_unit: Unit) -> None:
    # Without the cookie the same page is Vietnamese, and the word list says so.
    html = client.get("/").content.decode()

    assert {"Gửi", "Tra cứu"} <= set(untranslated(html))


@pytest.mark.django_db
def test_the_portal_home_and_the_submission_form_speak_english(client: Client, intake_unit: Unit) -> None:
    home = english(client, "/")
    form = english(client, "/gui-don/")

    assert "Submit a petition online" in home and "Check the result" in home
    assert "Ministry of Agriculture and Environment" in home
    assert "Contact address" in form and "Province or city where it happened" in form
    assert "Submit a petition" in form
    assert untranslated(home) == [] and untranslated(form) == []


def test_the_staff_petition_list_and_detail_speak_english(
    client: Client, officials: dict[str, User], petition: Petition,
) -> None:
    client.force_login(officials["handler"])

    register = english(client, "/desk/")
    detail = english(client, f"/desk/p/{petition.code}/")

    assert "Petition register" in register and "Processing deadline" in register and petition.code in register
    assert "Sign out" in register and "Newly received" in register
    assert "Processing history" in detail and "Classification" in detail and "Sender" in detail
    assert untranslated(register) == [] and untranslated(detail) == []


def test_matters_reception_and_reports_speak_english(
    client: Client, officials: dict[str, User], petition: Petition,
) -> None:
    classified = petition_classify(petition=petition, by=officials["handler"], kind="complaint", field=None)
    matter = matter_open(petition=classified, by=officials["unit_head"])
    Petition.objects.filter(pk=petition.pk).update(matter=matter)
    client.force_login(officials["unit_head"])

    matters = english(client, "/desk/matters/")
    client.force_login(officials["reception_officer"])
    reception = english(client, "/desk/reception/sessions/")
    client.force_login(officials["inspector"])
    reports = english(client, "/desk/reports/")

    assert "Complaint and denunciation matters" in matters and matter.code in matters
    assert "Citizen reception sessions" in reception
    assert "Periodic reports" in reports
    assert untranslated(matters) == [] and untranslated(reception) == []


# --- the catalog ------------------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


def read_po(path: Path) -> list[Entry]:
    """A tiny .po reader: enough for GNU gettext's own output (no msgctxt is used in this project)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal entry
        if entry.msgid or entry.msgstr:
            entries.append(entry)
        entry = Entry()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            entry.obsolete = True
            continue
        if not line:
            flush()
            target = None
        elif line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt"):
            raise AssertionError(f"msgctxt is not handled by this reader: {line}")
        elif line.startswith("msgid_plural "):
            entry.msgid_plural, target = ast.literal_eval(line[13:]), ("plural", 0)
        elif line.startswith("msgid "):
            if entry.msgstr:
                flush()
            entry.msgid, target = ast.literal_eval(line[6:]), ("msgid", 0)
        elif line.startswith("msgstr["):
            n = int(line[7:line.index("]")])
            entry.msgstr[n], target = ast.literal_eval(line[line.index("]") + 2:]), ("msgstr", n)
        elif line.startswith("msgstr "):
            entry.msgstr[0], target = ast.literal_eval(line[7:]), ("msgstr", 0)
        elif line.startswith('"') and target:
            more = ast.literal_eval(line)
            kind, n = target
            if kind == "msgid":
                entry.msgid += more
            elif kind == "plural":
                entry.msgid_plural += more
            else:
                entry.msgstr[n] += more
    flush()
    return [e for e in entries if not e.obsolete]


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def test_the_catalog_is_complete_and_keeps_every_placeholder() -> None:
    entries = read_po(LC_MESSAGES / "django.po")
    header, messages = entries[0], entries[1:]

    assert header.msgid == "" and "fuzzy" not in header.flags
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]
    assert len(messages) > 1000
    assert [e.msgid for e in messages if "fuzzy" in e.flags] == []
    assert [e.msgid for e in messages if not all(e.msgstr.get(n) for n in ([0, 1] if e.msgid_plural else [0]))] == []
    wrong = [e.msgid for e in messages for s in e.msgstr.values()
             if sorted(PLACEHOLDER.findall(e.msgid)) != sorted(PLACEHOLDER.findall(s))]
    assert wrong == []


def test_the_compiled_catalog_is_the_current_one() -> None:
    # Django reads the .mo; a .po edited without compilemessages would change nothing on the pages.
    messages = read_po(LC_MESSAGES / "django.po")[1:]
    with (LC_MESSAGES / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    stale = [e.msgid for e in messages if not e.msgid_plural and compiled.gettext(e.msgid) != e.msgstr[0]]
    stale += [e.msgid for e in messages if e.msgid_plural
              and compiled.ngettext(e.msgid, e.msgid_plural, 2) != e.msgstr[1]]
    assert stale == []


TRANSLATION_FUNCTIONS = {"gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy",
                         "gettext_noop"}


def marked_strings() -> dict[str, str]:
    """Every literal passed to a Django translation function in the code, whatever name it was imported as."""
    found: dict[str, str] = {}
    root = Path(settings.BASE_DIR)
    for path in sorted((root / "danvan").rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.asname or alias.name for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
                 for alias in node.names if alias.name in TRANSLATION_FUNCTIONS}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_every_marked_string_is_in_the_catalog() -> None:
    catalog = {e.msgid for e in read_po(LC_MESSAGES / "django.po")}

    missing = {text: where for text, where in marked_strings().items() if text not in catalog}

    assert missing == {}
