import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_pages_open_in_vietnamese_whatever_the_browser_asks(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi">' in response.content.decode()


def test_a_visitor_who_chose_english_gets_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/")
    assert response["Content-Language"] == "en"


def test_the_language_switch_sets_the_cookie(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_api_clients_are_answered_in_the_language_they_ask_for(client):
    response = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"


def _header(html: str) -> str:
    return html.split('<header class="top">', 1)[1].split("</header>", 1)[0]


def test_the_header_drawn_once_per_language_follows_each_visitor(client, officials):
    # The public header is cached per process and language (base.html): each visitor still gets their own.
    vietnamese = _header(client.get("/").content.decode())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _header(client.get("/").content.decode())
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    vietnamese_again = _header(client.get("/tra-cuu/").content.decode())

    assert "Tra cứu" in vietnamese and "Cán bộ đăng nhập" in vietnamese and 'value="vi" selected' in vietnamese
    assert "Look up" in english and "Staff sign-in" in english and 'value="en" selected' in english
    assert "Tra cứu" not in english
    assert 'value="/tra-cuu/"' in vietnamese_again and "Cán bộ đăng nhập" in vietnamese_again

    client.force_login(officials["handler"])
    staff = _header(client.get("/desk/").content.decode())
    assert "Sổ đơn" in staff and "Cán bộ đăng nhập" not in staff
