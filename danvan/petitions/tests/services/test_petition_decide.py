import pytest
from django.core.exceptions import ValidationError

from danvan.audit.selectors import events_for
from danvan.matters.models import Matter
from danvan.petitions.models import Kind, PetitionLink, Status
from danvan.petitions.services import Outcome, petition_classify, petition_decide, petition_link
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(intake_unit, officials):
    petition = receive(intake_unit).petition
    return petition_classify(petition=petition, by=officials["handler"], kind=Kind.COMPLAINT, field=None)


def test_classifying_records_the_kind_and_its_history(complaint, officials):
    assert complaint.status == Status.CLASSIFIED and complaint.kind == Kind.COMPLAINT
    event = events_for(complaint).get(action="petition.classify")
    assert event.actor == officials["handler"] and event.data["kind"] == "complaint"


def test_an_eligible_complaint_is_accepted_and_opens_a_matter(complaint, officials):
    petition = petition_decide(petition=complaint, by=officials["unit_head"], outcome=Outcome.ACCEPT)
    assert petition.status == Status.ACCEPTED
    assert petition.matter is not None and petition.matter.kind == Matter.Kind.COMPLAINT
    assert events_for(petition).filter(action="petition.accept").exists()


def test_a_complaint_that_names_no_decision_cannot_be_accepted_and_says_what_is_missing(intake_unit, officials):
    petition = receive(intake_unit, decision_text="", letter_date=None).petition
    petition_classify(petition=petition, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    with pytest.raises(ValidationError) as error:
        petition_decide(petition=petition, by=officials["unit_head"], outcome=Outcome.ACCEPT)
    text = " ".join(error.value.messages)
    assert "quyết định hành chính" in text and "ngày" in text
    petition.refresh_from_db()
    assert petition.status == Status.CLASSIFIED and not Matter.objects.exists()


def test_an_unclassified_petition_cannot_be_decided(intake_unit, officials):
    petition = receive(intake_unit).petition
    with pytest.raises(ValidationError, match="phân loại"):
        petition_decide(petition=petition, by=officials["handler"], outcome=Outcome.ARCHIVE, reason="trùng")


def test_archiving_needs_a_reason(complaint, officials):
    with pytest.raises(ValidationError):
        petition_decide(petition=complaint, by=officials["handler"], outcome=Outcome.ARCHIVE, reason="  ")
    archived = petition_decide(petition=complaint, by=officials["handler"], outcome=Outcome.ARCHIVE,
                               reason="Đơn trùng nội dung đã được giải quyết")
    assert archived.status == Status.ARCHIVED


def test_guiding_names_the_competent_body(complaint, officials):
    with pytest.raises(ValidationError):
        petition_decide(petition=complaint, by=officials["handler"], outcome=Outcome.GUIDE)
    guided = petition_decide(petition=complaint, by=officials["handler"], outcome=Outcome.GUIDE,
                             target="Chủ tịch UBND xã Hòa Vang")
    assert guided.status == Status.GUIDED and guided.outcome_target == "Chủ tịch UBND xã Hòa Vang"


def test_a_complaint_outside_competence_is_guided_not_forwarded(complaint, officials):
    with pytest.raises(ValidationError, match="hướng dẫn"):
        petition_decide(petition=complaint, by=officials["handler"], outcome=Outcome.FORWARD, target="UBND xã")


def test_a_content_already_guided_once_is_not_guided_again(intake_unit, officials):
    from datetime import date

    from danvan.petitions.tests.factories import at

    first = receive(intake_unit, received_at=at(date(2026, 9, 1))).petition
    petition_classify(petition=first, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    petition_decide(petition=first, by=officials["handler"], outcome=Outcome.GUIDE, target="UBND xã Hòa Vang")
    second = receive(intake_unit).petition
    assert PetitionLink.objects.filter(petition=second, other=first, kind=PetitionLink.Kind.DUPLICATE).exists()
    petition_classify(petition=second, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    with pytest.raises(ValidationError, match=first.code):
        petition_decide(petition=second, by=officials["handler"], outcome=Outcome.GUIDE, target="UBND xã")


def test_a_decided_petition_cannot_be_decided_again(complaint, officials):
    petition_decide(petition=complaint, by=officials["handler"], outcome=Outcome.ARCHIVE, reason="Trùng")
    with pytest.raises(ValidationError, match="đã được xử lý"):
        petition_decide(petition=complaint, by=officials["unit_head"], outcome=Outcome.ACCEPT)


def test_a_recommendation_cannot_be_accepted_as_a_matter(intake_unit, officials):
    petition = receive(intake_unit).petition
    petition_classify(petition=petition, by=officials["handler"], kind=Kind.RECOMMENDATION, field=None)
    with pytest.raises(ValidationError):
        petition_decide(petition=petition, by=officials["unit_head"], outcome=Outcome.ACCEPT)


def test_linking_two_petitions_links_both_ways_and_refuses_a_self_link(intake_unit, officials):
    a = receive(intake_unit).petition
    b = receive(intake_unit, content="Một nội dung khác hẳn về khai thác cát trái phép trên sông Hồng.").petition
    petition_link(petition=a, other=b, kind=PetitionLink.Kind.RELATED, by=officials["handler"])
    assert PetitionLink.objects.filter(petition=b, other=a, confirmed=True).exists()
    with pytest.raises(ValidationError):
        petition_link(petition=a, other=a, kind=PetitionLink.Kind.RELATED, by=officials["handler"])


def test_a_new_day_off_moves_the_time_limit_of_open_petitions_only(intake_unit, officials):
    from datetime import date

    from danvan.petitions.services import petition_recompute_deadlines
    from danvan.workcal.services import workcal_day_set

    open_one = receive(intake_unit).petition
    closed = receive(intake_unit, content="Phản ánh về việc khai thác cát trái phép trên sông Lô kéo dài.").petition
    petition_classify(petition=closed, by=officials["handler"], kind=Kind.RECOMMENDATION, field=None)
    petition_decide(petition=closed, by=officials["handler"], outcome=Outcome.ARCHIVE, reason="Không rõ địa chỉ")
    assert open_one.processing_due == date(2026, 12, 10)
    workcal_day_set(date=date(2026, 12, 1), is_working=False, reason="Nghỉ bù (thử nghiệm)", by=officials["administrator"])
    assert petition_recompute_deadlines() == 1
    open_one.refresh_from_db()
    closed.refresh_from_db()
    assert open_one.processing_due == date(2026, 12, 11)
    assert closed.processing_due == date(2026, 12, 10)


def test_an_anonymous_denunciation_with_concrete_content_opens_an_anonymous_report(intake_unit, officials):
    petition = receive(intake_unit, petitioners=[], signed=False, letter_date=None, subject="Tố cáo khai thác cát",
                       content="Tố cáo chủ tàu hút cát trái phép trên sông Lô hằng đêm, có ảnh và video kèm theo.",
                       decision_text="Các chủ tàu hút cát trên sông Lô").petition
    petition_classify(petition=petition, by=officials["handler"], kind=Kind.DENUNCIATION, field=None)
    petition = petition_decide(petition=petition, by=officials["unit_head"], outcome=Outcome.ACCEPT)
    assert petition.matter is not None and petition.matter.kind == "anonymous"


def test_an_anonymous_complaint_cannot_be_accepted(intake_unit, officials):
    petition = receive(intake_unit, petitioners=[]).petition
    petition_classify(petition=petition, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    with pytest.raises(ValidationError, match="nặc danh"):
        petition_decide(petition=petition, by=officials["unit_head"], outcome=Outcome.ACCEPT)


def test_a_decision_made_earlier_is_recorded_on_its_day_and_judged_against_the_limit(intake_unit, officials):
    from datetime import date

    from danvan.petitions.tests.factories import at

    petition = receive(intake_unit, received_at=at(date(2026, 10, 1))).petition  # limit: 15/10/2026
    petition_classify(petition=petition, by=officials["handler"], kind=Kind.RECOMMENDATION, field=None)
    late = petition_decide(petition=petition, by=officials["handler"], outcome=Outcome.ANSWER,
                           answer_text="Đã trả lời.", decided_at=at(date(2026, 10, 20)))
    assert late.decided_at == at(date(2026, 10, 20))
    event = events_for(late).get(action="petition.answer")
    assert event.data["overdue"] is True and event.data["decided_on"] == "2026-10-20"


@pytest.mark.parametrize("offset", [-1, +1])  # before the receipt / in the future
def test_a_decision_date_outside_receipt_to_today_is_refused(complaint, officials, offset):
    from datetime import timedelta

    from django.utils import timezone

    when = complaint.received_at - timedelta(days=1) if offset < 0 else timezone.now() + timedelta(days=1)
    with pytest.raises(ValidationError, match="Ngày xử lý"):
        petition_decide(petition=complaint, by=officials["handler"], outcome=Outcome.ARCHIVE, reason="Trùng.",
                        decided_at=when)
    complaint.refresh_from_db()
    assert complaint.status == Status.CLASSIFIED
