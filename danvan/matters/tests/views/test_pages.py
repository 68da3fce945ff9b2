from __future__ import annotations

import re
from datetime import date

from django.urls import reverse

from danvan.documents.selectors import documents_for
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


def test_the_verifier_reads_what_the_citizen_added_after_submitting(client, open_matter, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.petitions.services import petition_supplement
    from danvan.petitions.tests.services.test_petition_receive import PNG

    matter = open_matter(kind="complaint")
    petition_supplement(petition=matter.petitions.get(), text="Bổ sung: biên bản cắm mốc ngày 25/11.",
                        files=[SimpleUploadedFile("moc.png", PNG, content_type="image/png")])
    client.force_login(people["verifier"])
    page = client.get(reverse("matters:detail", args=[matter.code])).content.decode()
    added = page.split('class="supplement"')[1]
    assert "Bổ sung: biên bản cắm mốc ngày 25/11." in added and "1 tệp kèm theo" in added


def test_the_list_stays_at_a_fixed_number_of_queries(client, open_matter, people, django_assert_max_num_queries):
    for _ in range(6):
        open_matter()
    client.force_login(people["leader"])
    with django_assert_max_num_queries(8):
        assert client.get(reverse("matters:list")).status_code == 200


def test_a_step_issues_its_document_from_the_form_and_a_missing_value_is_named_not_hidden(client, open_matter, people):
    matter = open_matter()
    client.force_login(people["unit_head"])
    detail = reverse("matters:detail", args=[matter.code])
    page = client.get(detail).content.decode()
    # The acceptance step offers its notice, signed by default by the acting head.
    assert 'name="accept-doc-issue__thong-bao-thu-ly-khieu-nai"' in page and 'value="Phạm Thu Hà"' in page
    response = client.post(reverse("matters:step", args=[matter.code, "accept"]), {
        "accept-on": "2026-03-05", "accept-doc-issue__thong-bao-thu-ly-khieu-nai": "on",
        "accept-doc-signer_name": "Phạm Thu Hà", "accept-doc-signer_title": "Trưởng ban"}, follow=True)
    page = response.content.decode()
    assert "Đã ban hành 01/TB-BTCD" in page
    doc = documents_for(Matter.objects.get(pk=matter.pk)).get()
    download = reverse("matters:document_download", args=[matter.code, doc.pk])
    assert download in page
    got = client.get(download)
    assert got.status_code == 200 and got["Content-Disposition"].startswith("attachment")

    s.matter_assign_verifier(matter=doc_matter(matter), by=people["unit_head"], verifier=people["verifier"],
                             on=date(2026, 3, 6))
    s.matter_report_verification(matter=doc_matter(matter), by=people["verifier"], on=date(2026, 3, 20),
                                 text="Đã xác minh.")
    step = reverse("matters:step", args=[matter.code, "decide"])
    base = {"decide-finding": "wrong", "decide-text": "Giữ nguyên quyết định bị khiếu nại.", "decide-on": "2026-04-01",
            "decide-doc-issue__quyet-dinh-giai-quyet-khieu-nai-lan-dau": "on",
            "decide-doc-signer_name": "Phạm Thu Hà", "decide-doc-signer_title": "Trưởng ban"}
    page = client.post(step, base, follow=True).content.decode()
    assert "Chưa ban hành được văn bản, nên bước này chưa được ghi" in page and "Căn cứ pháp luật áp dụng" in page
    assert doc_matter(matter).state == "verified"
    page = client.post(step, {**base, "decide-doc-v__can_cu_phap_luat": "Luật Đất đai năm 2024",
                              "decide-doc-v__ket_luan": "khiếu nại là khiếu nại sai.",
                              "decide-doc-v__nguoi_bi_khieu_nai": "Cục trưởng Cục Quản lý đất đai",
                              "decide-doc-v__nguoi_giai_quyet_lan_hai": "Bộ trưởng"}, follow=True).content.decode()
    assert "Đã ban hành 01/QĐ-BTCD" in page and doc_matter(matter).state == "decided"


def doc_matter(matter: Matter) -> Matter:
    return Matter.objects.get(pk=matter.pk)


def test_a_document_can_be_issued_after_its_step_and_outsiders_cannot_download_it(client, open_matter, people):
    head = people["unit_head"]
    matter = s.matter_refuse(matter=open_matter(), by=head, ground=9, on=date(2026, 3, 5))
    client.force_login(head)
    page = client.get(reverse("matters:detail", args=[matter.code])).content.decode()
    assert 'id="step-documents"' in page and 'value="phieu-huong-dan"' in page
    issue = reverse("matters:document", args=[matter.code, "refuse"])
    page = client.post(issue, {"template": "phieu-huong-dan", "signer_name": "Phạm Thu Hà",
                               "signer_title": "Trưởng ban"}, follow=True).content.decode()
    assert "còn thiếu “Cơ quan có thẩm quyền (hướng dẫn đến)”" in page
    page = client.post(issue, {"template": "phieu-huong-dan", "signer_name": "Phạm Thu Hà", "signer_title": "Trưởng ban",
                               "v__co_quan_co_tham_quyen": "Chủ tịch UBND tỉnh Phú Thọ"}, follow=True).content.decode()
    assert "Đã ban hành 01/PHD-BTCD" in page
    doc = documents_for(matter).get()
    client.force_login(people["other_head"])
    assert client.get(reverse("matters:document_download", args=[matter.code, doc.pk])).status_code == 403
    assert client.post(issue, {"template": "thong-bao-khong-thu-ly-khieu-nai"}).status_code == 403


def test_a_long_list_says_more_than_instead_of_counting_and_its_pages_keep_the_filters(
        client, open_matter, people, monkeypatch):
    from danvan.matters import views

    monkeypatch.setattr(views, "COUNT_CAP", 3)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for _ in range(5):
        open_matter()
    client.force_login(people["leader"])
    page = client.get(reverse("matters:list"), {"due": "overdue", "kind": "complaint"}).content.decode()
    assert "Hơn 3 vụ việc" in page
    (next_link,) = re.findall(r'href="(\?[^"]*page=2)"', page)
    assert "due=overdue" in next_link and "kind=complaint" in next_link
    page = client.get(reverse("matters:list"), {"kind": "denunciation"}).content.decode()
    assert "0 vụ việc" in page


def test_the_history_names_each_step_in_the_desk_s_words(client, open_matter, people):
    from danvan.matters import workflow

    matter = s.matter_accept(matter=open_matter(), by=people["unit_head"], on=date(2026, 3, 5))
    client.force_login(people["unit_head"])
    page = client.get(reverse("matters:detail", args=[matter.code])).content.decode()
    assert "Mở vụ việc" in page and str(workflow.COMPLAINT["accept"].label) in page
    assert "matter.open" not in page and "matter.accept" not in page
    s.matter_assign_verifier(matter=matter, by=people["unit_head"], verifier=people["verifier"], on=date(2026, 3, 6))
    page = client.get(reverse("matters:detail", args=[matter.code])).content.decode()
    assert str(workflow.COMPLAINT["assign_verifier"].label) in page and "— assign_verifier" not in page
