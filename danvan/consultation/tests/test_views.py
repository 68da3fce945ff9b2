"""The public pages and the JSON endpoint (status codes, messages, the rate limit) and the desk pages."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from conftest import TEST_PASSWORD
from danvan.consultation.models import Comment
from danvan.consultation.tests.conftest import provision

pytestmark = pytest.mark.django_db


def _api(client: Client, draft, headers: dict[str, str] | None = None, **body):
    return client.post(reverse("gopy:api_comment", args=[draft.pk]), data=json.dumps(body),
                       content_type="application/json", headers=headers)


def test_the_public_page_shows_the_table_of_contents_and_a_comment_form(client, open_draft, version):
    point = provision(version, "điểm đ khoản 1 Điều 3")
    response = client.get(reverse("gopy:read", args=[open_draft.slug]), {"p": point.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#p-' in page and "Điều 5. Nguyên tắc bồi thường về đất" in page
    assert f'<option value="{point.pk}" selected>' in page
    assert "Gửi ý kiến góp ý" in page


def test_the_html_form_posts_with_csrf_and_gives_a_receipt(open_draft, version):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("gopy:read", args=[open_draft.slug]))
    token = page.cookies["csrftoken"].value
    stamp = page.context["stamp"]
    art = provision(version, "Điều 6")
    response = client.post(reverse("gopy:post", args=[open_draft.slug]), {
        "csrfmiddlewaretoken": token, "t": stamp, "client_key": "form-1", "provision": art.pk,
        "text": "Khu tái định cư cần có chợ.", "commenter_type": "person", "name": "Vũ Thị Lan"})
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert comment.receipt in response.content.decode() and comment.anchor == art.anchor
    assert comment.status == Comment.Status.ACCEPTED
    # Sending the same form twice (a double click) gives the same receipt.
    again = client.post(reverse("gopy:post", args=[open_draft.slug]), {
        "csrfmiddlewaretoken": token, "t": stamp, "client_key": "form-1", "provision": art.pk,
        "text": "Khu tái định cư cần có chợ.", "commenter_type": "person"})
    assert again.status_code == 200 and Comment.objects.count() == 1
    status = client.get(reverse("gopy:receipt", args=[comment.receipt]))
    assert "Đã tiếp nhận" in status.content.decode()


def test_a_form_filled_by_a_robot_is_held_and_its_author_sees_why(client, open_draft, settings):
    settings.DANVAN_CONSULTATION_MIN_SECONDS_ON_PAGE = 3
    response = client.post(reverse("gopy:post", args=[open_draft.slug]), {
        "text": "Góp ý rất nhanh.", "commenter_type": "person", "website": "", "t": "forged"})
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.HELD
    page = client.get(reverse("gopy:receipt", args=[comment.receipt])).content.decode()
    assert "Chờ kiểm duyệt" in page and "gửi quá nhanh" in page


def test_the_json_endpoint_answers_with_status_codes_and_messages(client, open_draft, version, settings):
    created = _api(client, open_draft, text="Đồng ý với Điều 5.", provision_id=provision(version, "Điều 5").pk,
                   client_key="phone-42")
    assert created.status_code == 201 and created.json()["status"] == "accepted"
    replay = _api(client, open_draft, text="Đồng ý với Điều 5.", client_key="phone-42")
    assert replay.status_code == 200 and replay.json()["receipt"] == created.json()["receipt"]
    assert _api(client, open_draft, text="  ").json()["error"] == "empty"
    settings.DANVAN_CONSULTATION_MAX_CHARS = 50
    too_long = _api(client, open_draft, text="x" * 51)
    assert too_long.status_code == 413 and "vượt quá giới hạn" in too_long.json()["message"]
    bad = client.post(reverse("gopy:api_comment", args=[open_draft.pk]), data="{", content_type="application/json")
    assert bad.status_code == 400
    assert _api(client, open_draft, text="x", provision_id=10**9).status_code == 400
    missing = client.post(reverse("gopy:api_comment", args=[10**6]), data=json.dumps({"text": "x"}),
                          content_type="application/json")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


def test_a_closed_period_refuses_with_403_and_the_closing_day(client, open_draft):
    open_draft.closes_on = open_draft.opens_on
    open_draft.save()
    from danvan.consultation import intake

    intake.draft_info_forget(open_draft.pk)
    response = _api(client, open_draft, text="Muộn rồi.")
    assert response.status_code == 403 and response.json()["error"] == "closed"
    assert f"hết ngày {open_draft.closes_on:%d/%m/%Y}" in response.json()["message"]
    html = client.post(reverse("gopy:post", args=[open_draft.slug]), {"text": "Muộn rồi."})
    assert html.status_code == 403 and "Đã hết thời gian lấy ý kiến" in html.content.decode()
    assert not Comment.objects.exists()


def test_the_rate_limit_answers_429_with_a_clear_message_and_keeps_what_was_taken(client, open_draft, settings):
    settings.DANVAN_CONSULTATION_RATE = "3/600"
    codes = [_api(client, open_draft, text=f"Ý kiến số {i}.").status_code for i in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    limited = _api(client, open_draft, text="Thêm nữa.")
    assert int(limited["Retry-After"]) > 0
    assert "thử lại sau" in limited.json()["message"] and "vẫn được giữ nguyên" in limited.json()["message"]
    assert Comment.objects.count() == 3
    html = client.post(reverse("gopy:post", args=[open_draft.slug]), {"text": "Qua biểu mẫu."})
    assert html.status_code == 429 and "thử lại sau" in html.content.decode()
    # Another address is not limited by this one.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert _api(other, open_draft, text="Từ máy khác.").status_code == 201


def test_behind_a_proxy_each_citizen_is_counted_in_the_cache_every_process_shares(client, open_draft, settings):
    # Behind the load balancer every request comes from its address: counting that address would let the
    # first twenty citizens of the hour stop everyone else. And several server processes must count together.
    from danvan.security import ratelimit

    settings.DANVAN_TRUSTED_PROXY_HOPS = 1
    settings.DANVAN_CONSULTATION_RATE = "2/600"
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    first = [_api(proxy, open_draft, {"X-Forwarded-For": "203.0.113.7"}, text=f"Ý kiến {i} của người thứ nhất.")
             .status_code for i in range(3)]
    other = _api(proxy, open_draft, {"X-Forwarded-For": "203.0.113.8"}, text="Ý kiến của người thứ hai.")
    assert first == [201, 201, 429] and other.status_code == 201
    assert ratelimit.count("comment", "203.0.113.7", ratelimit.Limit(2, 600)) == 3


def test_the_desk_needs_an_official_and_shows_the_draft(client, open_draft, officials):
    assert client.get(reverse("consultation:index")).status_code == 302  # to the login page
    client.login(username="giamsat", password=TEST_PASSWORD)  # a supervisor reads, never manages
    assert client.get(reverse("consultation:draft", args=[open_draft.pk])).status_code == 403
    client.login(username="xuly", password=TEST_PASSWORD)  # a petition handler sees the drafts, manages none
    index = client.get(reverse("consultation:index"))
    assert index.status_code == 200 and "Đang lấy ý kiến" in index.content.decode()  # the state's name, not "open"
    assert client.get(reverse("consultation:draft", args=[open_draft.pk])).status_code == 403
    assert client.post(reverse("consultation:index"), {"title": "Dự thảo khác"}).status_code == 403
    client.login(username="soanthao", password=TEST_PASSWORD)  # the drafting team
    page = client.get(reverse("consultation:draft", args=[open_draft.pk])).content.decode()
    assert open_draft.title in page and "Chạy tổng hợp" in page
    assert "Nghị định 78/2025" in page  # the period's legal minimum, cited


def test_the_desk_refuses_a_short_period_with_the_rule(client, draft, version, officials):
    client.login(username="soanthao", password=TEST_PASSWORD)
    response = client.post(reverse("consultation:period", args=[draft.pk]),
                           {"opens_on": "2026-03-02", "closes_on": "2026-03-10"}, follow=True)
    assert "tối thiểu là 20 ngày" in response.content.decode()


def _wsgi(path: str, body: bytes, addr: str = "127.0.0.1", **headers: str):
    import io

    from danvan.consultation.fastpath import application

    seen: dict = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": path, "CONTENT_LENGTH": str(len(body)),
               "wsgi.input": io.BytesIO(body), "REMOTE_ADDR": addr, "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
               "wsgi.url_scheme": "http", "HTTP_HOST": "127.0.0.1", **headers}
    out = b"".join(application(environ, start_response))
    return seen["status"], seen["headers"], json.loads(out)


def test_the_lean_wsgi_path_answers_like_the_django_view(open_draft, version, settings):
    path = f"/gop-y/api/drafts/{open_draft.pk}/comments"
    body = json.dumps({"text": "Qua đường nhanh.", "client_key": "fast-1",
                       "provision_id": provision(version, "Điều 5").pk}).encode()
    status, headers, data = _wsgi(path, body)
    assert status == "201 Created" and headers["X-Content-Type-Options"] == "nosniff"
    assert _wsgi(path, body)[2]["receipt"] == data["receipt"]
    assert Comment.objects.get().channel == "api"
    assert _wsgi(path, b'{"text": ""}')[0] == "400 Bad Request"
    settings.DANVAN_CONSULTATION_RATE = "1/600"
    assert _wsgi(path, b'{"text": "a"}', addr="10.1.1.1")[0] == "201 Created"
    status, headers, data = _wsgi(path, b'{"text": "b"}', addr="10.1.1.1")
    assert status == "429 Too Many Requests" and int(headers["Retry-After"]) > 0 and "thử lại" in data["message"]


def test_the_json_endpoint_answers_in_the_language_the_client_asks_for(client, open_draft):
    # Like the JSON API and Open311: Accept-Language for a machine client, Vietnamese when it asks nothing.
    path = f"/gop-y/api/drafts/{open_draft.pk}/comments"
    view = client.post(path, b'{"text": ""}', content_type="application/json", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    status, headers, lean = _wsgi(path, b'{"text": ""}', HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")

    assert view.status_code == 400 and view["Content-Language"] == "en"
    assert status == "400 Bad Request" and headers["Content-Language"] == "en"
    assert view.json() == lean and lean["message"] == "The comment is empty."
    assert _wsgi(path, b'{"text": ""}')[2]["message"] == "Nội dung góp ý đang để trống."
    assert _wsgi(path, b"[", HTTP_ACCEPT_LANGUAGE="en")[2]["message"] == "The submitted data is not valid JSON."


def test_the_drafting_team_signs_in_to_its_desk_and_sees_no_petition(client, officials):
    client.login(username="soanthao", password=TEST_PASSWORD)
    response = client.get(reverse("petitions:list"))
    assert response.status_code == 302 and response["Location"] == reverse("consultation:index")
    assert client.get(reverse("reception:book")).status_code == 403


def test_the_drafting_team_s_menu_shows_its_desk_only(client, officials):
    client.login(username="soanthao", password=TEST_PASSWORD)
    page = client.get(reverse("consultation:index")).content.decode()
    assert reverse("consultation:index") in page and reverse("reception:book") not in page
    client.login(username="xuly", password=TEST_PASSWORD)
    assert reverse("reception:book") in client.get(reverse("consultation:index")).content.decode()
