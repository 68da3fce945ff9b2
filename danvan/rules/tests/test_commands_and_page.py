from __future__ import annotations

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from danvan.org.models import Role, User

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[3]


def test_deadline_command_prints_the_date_and_the_derivation():
    out = StringIO()
    # Accepted Tue 10 Feb 2026, complex: +45 = Fri 27 Mar 2026, a working day.
    call_command("deadline", "--rule", "complaint.first_resolution", "--start", "2026-02-10", "--complex",
                 stdout=out)
    text = out.getvalue()
    assert text.splitlines()[0] == "2026-03-27"
    assert "Luật Khiếu nại 02/2011/QH13, Điều 28" in text
    assert "Hạn cuối: hết ngày Thứ Sáu 27/03/2026" in text


def test_deadline_command_refuses_bad_input():
    with pytest.raises(CommandError, match="unknown rule"):
        call_command("deadline", "--rule", "complaint.nope", "--start", "2026-02-10")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("deadline", "--rule", "complaint.first_resolution", "--start", "10/02/2026")
    with pytest.raises(CommandError, match="at most 2 extension"):
        call_command("deadline", "--rule", "denunciation.resolution", "--start", "2026-02-10", "--complex",
                     "--extensions", "3")


def test_deadline_command_exits_non_zero_on_bad_input():
    result = subprocess.run(
        [sys.executable, "manage.py", "deadline", "--rule", "complaint.nope", "--start", "2026-02-10"],
        cwd=BASE_DIR, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode != 0
    assert "unknown rule" in result.stderr


def _user(username: str, roles: list[str]) -> User:
    return User.objects.create_user(username=username, password="mat-khau-thu-nghiem-2026", roles=roles)


def test_rules_page_lists_rules_in_force_with_sources(client):
    client.force_login(_user("rules-xuly", [Role.HANDLER.value]))
    response = client.get("/desk/rules/?on=2026-03-02")
    assert response.status_code == 200
    body = response.content.decode()
    assert "complaint.first_resolution" in body
    assert "Luật Khiếu nại 02/2011/QH13, Điều 28" in body
    assert "reception.no_delegation" not in body

    later = client.get("/desk/rules/?on=2026-07-01").content.decode()
    assert "reception.no_delegation" in later and "complaints@2026.1" in later


def test_rules_page_needs_an_official(client):
    assert client.get("/desk/rules/").status_code == 302
    client.force_login(_user("rules-noone", []))
    assert client.get("/desk/rules/").status_code == 403


def test_rules_page_says_when_the_date_is_bad(client):
    client.force_login(_user("rules-xuly2", [Role.HANDLER.value]))
    response = client.get("/desk/rules/?on=hom-nay")
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.content.decode()
    # A day the calendar holds but no page can ask about, in the official's second language.
    client.cookies["django_language"] = "en"
    english = client.get("/desk/rules/?on=9999-12-31")
    assert english.status_code == 400
    assert "Invalid date" in english.content.decode() and "today" in english.content.decode()
