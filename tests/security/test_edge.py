"""The public edge: rate limits, CSRF, the Content Security Policy, `check --deploy`, uploads out of reach."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views import static

from danvan.security.middleware import RATE_LIMITED

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tight_limits(settings):
    settings.DANVAN_RATE_LIMITS = {"submit": "2/3600", "track": "3/600"}


def test_tracking_past_the_limit_answers_429_with_a_clear_message(client, tight_limits, intake_unit):
    for _ in range(3):
        assert client.post(reverse("portal:track"), {"code": "ABCD-EFGH", "secret": "X"},
                           REMOTE_ADDR="10.1.1.1").status_code != 429
    response = client.post(reverse("portal:track"), {"code": "ABCD-EFGH", "secret": "X"}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    assert "quá nhiều yêu cầu" in response.content.decode() and int(response["Retry-After"]) > 0
    # Another client is not held back by the first one.
    assert client.post(reverse("portal:track"), {"code": "ABCD-EFGH", "secret": "X"},
                       REMOTE_ADDR="10.1.1.2").status_code != 429


def test_the_api_answers_429_in_json(client, tight_limits, intake_unit):
    for _ in range(2):
        client.post("/api/v1/petitions", data="{}", content_type="application/json", REMOTE_ADDR="10.2.2.2")
    response = client.post("/api/v1/petitions", data="{}", content_type="application/json", REMOTE_ADDR="10.2.2.2")
    assert response.status_code == 429 and "retry_after" in response.json()


def test_open311_submissions_are_limited_too(client, tight_limits, intake_unit):
    for _ in range(2):
        client.post("/open311/v2/requests.json", {}, REMOTE_ADDR="10.3.3.3")
    assert client.post("/open311/v2/requests.json", {}, REMOTE_ADDR="10.3.3.3").status_code == 429


def _patterns(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            namespace = f"{p.namespace}:" if p.namespace else ""
            yield from ((f"{namespace}{name}", route) for name, route in _patterns(p.url_patterns, prefix + str(p.pattern)))
        elif isinstance(p, URLPattern):
            yield p.name or "", prefix + str(p.pattern)


def test_every_rate_limited_name_is_a_real_url():
    names = {name for name, _route in _patterns(get_resolver().url_patterns)}
    for name, _method in RATE_LIMITED:
        assert name in names, f"{name} is rate limited but no URL has that name"


PUBLIC_WRITES = {"portal:submit", "api-v1:petition_submit", "open311_requests", "portal:track", "portal:supplement", "portal:withdraw",
                 "api-v1:petition_supplement_add"}


def test_every_public_submission_and_tracking_url_is_rate_limited():
    limited = {name for name, _method in RATE_LIMITED}
    assert limited >= PUBLIC_WRITES | {"portal:status", "api-v1:petition_status"}


@pytest.mark.parametrize("url", ["/gui-don/", "/tra-cuu/", "/login/"])
def test_a_form_posted_without_its_csrf_token_is_refused(url):
    forged = Client(enforce_csrf_checks=True)
    assert forged.post(url, {"username": "x", "password": "y", "code": "ABCD-EFGH", "secret": "X"}).status_code == 403


def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in csp and response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_desk_pages_are_not_cached(client, officials):
    client.force_login(officials["handler"])
    assert "no-store" in client.get(reverse("petitions:list"))["Cache-Control"]


INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for path in (ROOT / "danvan").rglob("templates/**/*.html"):
        text = path.read_text()
        if INLINE_HANDLER.search(text) or INLINE_SCRIPT.search(text) or "javascript:" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_manage_py_check_deploy_is_clean():
    # A production process's environment: not the test run's (the browser tests allow async-unsafe calls).
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**inherited, "DJANGO_SETTINGS_MODULE": "danvan.settings", "DANVAN_HTTPS": "1",
           "DANVAN_SECRET_KEY": "k" * 10 + "-a-long-random-production-secret-" + "x9Q" * 12}
    done = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_uploaded_files_are_served_by_no_url(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    stored = tmp_path / "petitions" / "ab" / "abcdef.pdf"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"%PDF-1.4 secret")
    for url in ("/media/petitions/ab/abcdef.pdf", "/petitions/ab/abcdef.pdf",
                f"/{django_settings.MEDIA_URL.strip('/')}/petitions/ab/abcdef.pdf", "/static/../media/x"):
        assert client.get(url).status_code == 404, url
    assert not any(getattr(p, "callback", None) is static.serve for p in _flat(get_resolver().url_patterns))
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))


def _flat(patterns):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _flat(p.url_patterns)
        else:
            yield p


def test_an_upload_over_the_size_cap_is_refused(settings):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.petitions.uploads import check_upload

    settings.DANVAN_UPLOAD_MAX_BYTES = 1000
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * 2000, content_type="application/pdf")
    with pytest.raises(ValidationError):
        check_upload(big)

