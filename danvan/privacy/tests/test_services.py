from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.audit.models import Event
from danvan.audit.services import audit_verify_chain
from danvan.people.models import Person
from danvan.petitions.models import Attachment, Kind, Petition, Supplement
from danvan.petitions.services import Outcome, PersonData, petition_classify, petition_decide, petition_supplement
from danvan.petitions.tests.factories import at, citizen, receive
from danvan.privacy.models import PrivacyRequest, Pseudonym, RetentionDone
from danvan.privacy.people import people_with_id_number, person_create
from danvan.privacy.policy import retention_policy
from danvan.privacy.services import (
    export_summary,
    person_export,
    privacy_request_create,
    privacy_request_decide,
    retention_apply,
    retention_plan,
)
from danvan.reception.services import Visitor, visit_record

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NAME = "Nguyễn Văn An"
ID = "001085012345"
RECOMMENDATION = (
    f"Tôi là {NAME}, số định danh {ID}, điện thoại 0912345678. Tôi phản ánh việc đổ trộm rác thải xây dựng "
    "ra bờ sông tại thôn 3, xã Hòa Vang, đề nghị cơ quan kiểm tra xử lý."
)


def _closed_recommendation(unit, officials, *, decided_years_ago: float = 0, **kw):
    receipt = receive(unit, subject="Phản ánh đổ trộm rác thải", content=RECOMMENDATION, **kw)
    petition = petition_classify(petition=receipt.petition, by=officials["handler"], kind=Kind.RECOMMENDATION,
                                 field=None)
    petition = petition_decide(petition=petition, by=officials["handler"], outcome=Outcome.ANSWER,
                               answer_text="Đã chuyển đơn vị chuyên môn kiểm tra.")
    if decided_years_ago:
        Petition.objects.filter(pk=petition.pk).update(
            decided_at=timezone.now() - timedelta(days=int(365.25 * decided_years_ago)))
    return Petition.objects.get(pk=petition.pk)


def _person() -> Person:
    return people_with_id_number(ID).get()


def test_every_retention_rule_cites_its_source_and_confidence():
    policy = retention_policy()
    assert {"petition.closed", "petition.open", "matter.complaint", "matter.denunciation", "reception.visit",
            "reception.refusal", "person.orphan"} <= set(policy)
    for rule in policy.values():
        assert rule.citation, rule.code
        assert rule.confidence in {"H", "M", "L"}, rule.code
    assert policy["matter.denunciation"].action == "keep"
    assert policy["matter.denunciation"].on_request == "refuse"


def test_export_lists_own_petitions_and_visits_names_no_co_petitioner_and_is_audited(intake_unit, officials):
    other = PersonData(full_name="Trần Thị Bình", id_number="001190054321", address="xã Hòa Vang")
    petition = receive(intake_unit, petitioners=[citizen(), other]).petition
    petition_supplement(petition=petition, text="Bổ sung bản sao biên bản đo đạc.")
    visit_record(unit=intake_unit, visited_on=timezone.localdate(), visitor=Visitor(NAME, ID, "Thôn 3"),
                 content="Hỏi tiến độ giải quyết đơn", kind="recommendation", handling="guide",
                 handling_target="UBND xã Hòa Vang", by=officials["reception_officer"])
    data = person_export(person=_person(), by=officials["administrator"])
    assert data["person"]["id_number"] == ID
    assert len(data["petitions"]) == 1 and data["petitions"][0]["co_petitioners"] == 1
    assert len(data["reception_visits"]) == 1
    assert "Trần Thị Bình" not in str(data)
    summary = export_summary(data)
    assert NAME in summary and "Lượt tiếp công dân: 1" in summary
    assert data["petitions"][0]["supplements"][0]["text"] == "Bổ sung bản sao biên bản đo đạc."
    assert "Bổ sung bản sao biên bản đo đạc." in summary
    event = Event.objects.filter(action="privacy.export").get()
    assert NAME not in str(event.data) and ID not in str(event.data)


def test_erasure_refused_while_the_petition_is_open_and_nothing_changes(intake_unit, officials):
    petition = receive(intake_unit).petition
    request = privacy_request_create(person=_person(), kind="erase", by=officials["administrator"])
    request = privacy_request_decide(request=request, by=officials["administrator"])
    assert request.status == PrivacyRequest.Status.REFUSED
    assert request.reasons[0]["record"].endswith(petition.code)
    assert "Nghị định 13/2023" in request.reasons[0]["citation"]
    assert _person().full_name == NAME
    assert Event.objects.filter(action="privacy.request_refused").count() == 1


def test_erasure_refused_for_a_denunciation_file_even_when_closed(intake_unit, officials):
    receipt = receive(intake_unit, subject="Tố cáo cán bộ địa chính", content=(
        "Tôi tố cáo ông Lê Văn Cường, cán bộ địa chính xã Hòa Vang, nhận tiền của người dân để làm sổ đỏ "
        "nhanh, vi phạm quy định về phòng chống tham nhũng."))
    petition = petition_classify(petition=receipt.petition, by=officials["handler"], kind=Kind.DENUNCIATION,
                                 field=None)
    petition_decide(petition=petition, by=officials["handler"], outcome=Outcome.FORWARD,
                    target="UBND tỉnh", reason="Thuộc thẩm quyền địa phương")
    Petition.objects.filter(pk=petition.pk).update(decided_at=timezone.now() - timedelta(days=365 * 30))
    request = privacy_request_create(person=_person(), kind="erase", by=officials["administrator"])
    request = privacy_request_decide(request=request, by=officials["administrator"])
    assert request.status == PrivacyRequest.Status.REFUSED
    assert "Luật Tố cáo" in request.reasons[0]["citation"]
    assert request.reasons[0]["confidence"] == "H"
    # Nor does the retention run ever touch it.
    assert not [p for p in retention_plan(today=timezone.localdate()) if p.object_id == petition.pk]


def test_erasure_of_closed_petitions_pseudonymizes_them_stably_erases_files_and_the_person(
        intake_unit, officials, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    scan = SimpleUploadedFile("cmnd-nguyen-van-an.pdf", PDF, content_type="application/pdf")
    first = _closed_recommendation(intake_unit, officials, files=[scan])
    second = _closed_recommendation(intake_unit, officials, received_at=at(date(2026, 10, 1)),
                                    decision_text="", request_text="Đề nghị kiểm tra")
    stored = Attachment.objects.get(petition=first)
    path = stored.file.path
    # Added from the tracking page while the petition was open: the citizen named themselves again.
    Supplement.objects.create(petition=first, text=f"Tôi là {NAME}, CCCD {ID}, gửi thêm ảnh.",
                              received_at=first.received_at)
    person = _person()
    request = privacy_request_create(person=person, kind="erase", by=officials["administrator"])
    request = privacy_request_decide(request=request, by=officials["administrator"])

    assert request.status == PrivacyRequest.Status.DONE, request.reasons
    assert request.result["person_erased"] is True and request.result["files_erased"] == 1
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Attachment.objects.exists()
    assert not (tmp_path / path).exists()
    first.refresh_from_db()
    second.refresh_from_db()
    pseudonym = Pseudonym.objects.get().pseudonym
    assert request.requester_label == pseudonym
    for petition in (first, second):
        assert petition.petitioners.get().person.full_name == pseudonym
        assert NAME not in petition.content and ID not in petition.content and "0912345678" not in petition.content
        assert pseudonym in petition.content
        assert petition.kind == Kind.RECOMMENDATION and petition.answer_text  # the record stays
    assert Supplement.objects.get().text == f"Tôi là {pseudonym}, CCCD {pseudonym}, gửi thêm ảnh."
    assert audit_verify_chain().ok
    assert not Event.objects.filter(data__icontains=ID).exists()


def test_retention_dry_run_lists_and_changes_nothing_then_apply_runs_once(intake_unit, officials):
    old = _closed_recommendation(intake_unit, officials, decided_years_ago=6)
    recent = _closed_recommendation(intake_unit, officials, decided_years_ago=1,
                                    petitioners=[citizen("Phạm Thị Hoa", "001190011111")],
                                    received_at=at(date(2026, 10, 2)))
    long_ago = timezone.localdate() - timedelta(days=365 * 21)
    visit = visit_record(unit=intake_unit, visited_on=long_ago, visitor=Visitor("Đỗ Văn Hùng", "", "Thôn 5"),
                         content="Đỗ Văn Hùng hỏi về bồi thường", kind="complaint", handling="guide",
                         handling_target="UBND xã", by=officials["reception_officer"]).visit

    plan = retention_apply(dry_run=True)
    assert {(p.object_type, p.object_id) for p in plan} == {("reception.visit", visit.pk),
                                                            ("petitions.petition", old.pk)}
    old.refresh_from_db()
    assert old.petitioners.get().person.full_name == NAME
    events_before = Event.objects.count()

    retention_apply()
    old.refresh_from_db()
    visit.refresh_from_db()
    recent.refresh_from_db()
    assert old.petitioners.get().person.full_name.startswith("Ẩn danh")
    assert visit.full_name.startswith("Ẩn danh") and "Đỗ Văn Hùng" not in visit.content
    assert recent.petitioners.get().person.full_name == "Phạm Thị Hoa"
    assert RetentionDone.objects.count() == 2
    assert Event.objects.count() == events_before + 2
    assert retention_apply() == []
    assert audit_verify_chain().ok


def test_retention_erases_a_person_no_record_names_after_a_year(db):
    person = person_create(full_name="Lê Thị Thu")
    Person.objects.filter(pk=person.pk).update(created_at=timezone.now() - timedelta(days=400))
    plan = retention_apply()
    assert [(p.action, p.object_id) for p in plan] == [("erase", person.pk)]
    assert not Person.objects.filter(pk=person.pk).exists()
