from __future__ import annotations

from datetime import date

from django.urls import reverse

from danvan.matters import services as s
from danvan.matters.models import Matter


def test_the_list_filters_overdue_and_due_soon_per_unit_and_official(client, open_matter, people):
    waiting = open_matter()  # acceptance due 16 March 2026: long overdue by now
    Matter.objects.filter(pk=waiting.pk).update(assignee=people["handler"])
    accepted = s.matter_accept(matter=open_matter(), by=people["unit_head"], on=date(2026, 3, 5))
    client.force_login(people["unit_head"])
    url = reverse("matters:list")
    page = client.get(url, {"due": "overdue"}).content.decode()
    assert waiting.code in page and accepted.code in page
    page = client.get(url, {"due": "overdue", "official": people["handler"].pk}).content.decode()
    assert waiting.code in page and accepted.code not in page
    page = client.get(url, {"due": "soon"}).content.decode()
    assert waiting.code not in page
    client.force_login(people["other_head"])
    assert waiting.code not in client.get(url).content.decode()


def test_the_detail_shows_each_limit_with_its_derivation_and_only_the_allowed_steps(client, open_matter, people):
    matter = s.matter_accept(matter=open_matter(), by=people["unit_head"], on=date(2026, 3, 5))
    client.force_login(people["unit_head"])
    page = client.get(reverse("matters:detail", args=[matter.code])).content.decode()
    assert "06/04/2026" in page and "<details" in page and "Điều 28" in page
    assert 'id="step-assign_verifier"' in page and 'id="step-suspend"' in page
    assert 'id="step-decide"' not in page and 'id="step-accept"' not in page
    client.force_login(people["handler"])
    page = client.get(reverse("matters:detail", args=[matter.code])).content.decode()
    assert 'id="step-assign_verifier"' not in page and 'id="step-withdraw"' in page


def test_posting_a_step_runs_it_and_a_refused_step_says_why(client, open_matter, people):
    matter = open_matter(kind="denunciation", complexity="complex")
    client.force_login(people["unit_head"])
    response = client.post(reverse("matters:step", args=[matter.code, "accept"]), {"accept-on": "2026-03-09"})
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.state == "accepted" and matter.accepted_on == date(2026, 3, 9)
    step = reverse("matters:step", args=[matter.code, "extend"])
    client.post(step, {"extend-reason": "Xác minh tại hai địa điểm", "extend-on": "2026-04-01"})
    page = client.post(step, {"extend-reason": "Thêm lần nữa"}, follow=True).content.decode()
    assert "Đã gia hạn 1 lần" in page
    matter.refresh_from_db()
    assert matter.extensions == 1
    client.force_login(people["handler"])
    assert client.post(step, {"extend-reason": "x"}).status_code == 403


def test_the_verifier_reads_a_denunciation_without_the_denouncer(client, open_matter, people):
    matter = open_matter(kind="denunciation")
    head = people["unit_head"]
    matter = s.matter_accept(matter=matter, by=head, on=date(2026, 3, 9))
    matter = s.matter_assign_verifier(matter=matter, by=head, verifier=people["verifier"], on=date(2026, 3, 10))
    client.force_login(people["verifier"])
    page = client.get(reverse("matters:detail", args=[matter.code])).content.decode()
    assert "Trần Văn Bình" in page  # the content, with the person denounced
    assert "Nguyễn Văn An" not in page and "Hòa Vang, TP Đà Nẵng" not in page
    assert "giữ bí mật" in page
    assert 'id="step-report_verification"' in page
    client.force_login(head)
    # Even the head sees the denouncer only after stating a purpose, which the audit log keeps.
    assert "Nguyễn Văn An" not in client.get(reverse("matters:detail", args=[matter.code])).content.decode()
    identity = reverse("petitions:identity", args=[matter.petitions.get().code])
    assert "Nguyễn Văn An" in client.post(identity, {"purpose": "contact"}).content.decode()


def test_the_list_stays_at_a_fixed_number_of_queries(client, open_matter, people, django_assert_max_num_queries):
    for _ in range(6):
        open_matter()
    client.force_login(people["leader"])
    with django_assert_max_num_queries(8):
        assert client.get(reverse("matters:list")).status_code == 200
