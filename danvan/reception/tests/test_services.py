from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import make_official
from danvan.audit.models import Event
from danvan.org.models import Role
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import LAND_COMPLAINT, at, receive
from danvan.reception import services
from danvan.reception.models import Refusal, Representative, Session, Visit
from danvan.reception.selectors import leader_compliance, refusal_counts, visitor_history
from danvan.reception.services import Visitor
from danvan.rules.services import rule_in_force
from danvan.workcal.selectors import calendar_get

pytestmark = pytest.mark.django_db

AN = Visitor(full_name="Nguyễn Văn An", id_number="001085012345", address="Thôn 3, xã Hòa Vang, TP Đà Nẵng")


def visit(unit, officer, **overrides):
    values = {
        "unit": unit, "visited_on": timezone.localdate(), "visitor": AN, "content": LAND_COMPLAINT,
        "kind": "complaint", "handling": "accept", "by": officer,
    }
    values.update(overrides)
    return services.visit_record(**values)


def future_weekday(days_ahead: int = 14) -> date:
    cal = calendar_get()
    return cal.working_day_on_or_after(timezone.localdate() + timedelta(days=days_ahead))


def future_day_off() -> date:
    cal = calendar_get()
    day = timezone.localdate() + timedelta(days=7)
    while cal.is_working_day(day):
        day += timedelta(days=1)
    return day


# --- sessions ---


def test_a_periodic_day_on_a_day_off_moves_to_the_next_working_day(intake_unit, officials):
    off = future_day_off()
    session = services.session_create(unit=intake_unit, kind="periodic", on=off, host=officials["leader"],
                                      by=officials["reception_officer"])
    cal = calendar_get()
    assert session.planned_on == off
    assert session.on == cal.working_day_on_or_after(off) and session.on > off
    assert cal.is_working_day(session.on)
    assert "ngày nghỉ" in session.moved_reason


def test_a_session_in_the_past_cannot_be_scheduled_and_nothing_is_saved(intake_unit, officials):
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError, match="đã qua"):
        services.session_create(unit=intake_unit, kind="regular", on=yesterday, by=officials["reception_officer"])
    assert not Session.objects.exists()
    # Recording it as held is the lawful way.
    held = services.session_create(unit=intake_unit, kind="regular", on=yesterday, status="held",
                                   by=officials["reception_officer"])
    assert held.status == "held"


def test_a_future_session_cannot_be_recorded_as_held(intake_unit, officials):
    with pytest.raises(ValidationError, match="chưa đến"):
        services.session_create(unit=intake_unit, kind="regular", on=future_weekday(), status="held",
                                by=officials["reception_officer"])


def test_online_reception_is_refused_before_law_136_takes_effect(intake_unit, officials):
    with pytest.raises(ValidationError, match="trực tuyến"):
        services.session_create(unit=intake_unit, kind="regular", mode="online", on=date(2026, 6, 30),
                                status="held", by=officials["reception_officer"])
    assert not Session.objects.exists()
    ok = services.session_create(unit=intake_unit, kind="regular", mode="online", on=date(2026, 7, 1),
                                 status="held", by=officials["reception_officer"])
    assert ok.mode == "online"


def test_a_periodic_session_delegated_to_a_deputy_is_refused_from_july_2026(intake_unit, officials, ministry):
    deputy = make_official("thutruong2", Role.LEADER, ministry, "Ngô Văn Bình")
    with pytest.raises(ValidationError, match="không được ủy quyền"):
        services.session_create(unit=intake_unit, kind="periodic", on=date(2026, 7, 15), status="held",
                                host=officials["leader"], delegated_to=deputy, by=officials["reception_officer"])
    assert not Session.objects.exists()
    before = services.session_create(unit=intake_unit, kind="periodic", on=date(2026, 6, 15), status="held",
                                     host=officials["leader"], delegated_to=deputy, by=officials["reception_officer"])
    assert before.delegated_to == deputy


def test_compliance_takes_the_minimum_from_the_rule_pack_and_counts_days_once(intake_unit, officials, ministry):
    leader = officials["leader"]
    officer = officials["reception_officer"]
    deputy = make_official("thutruong2", Role.LEADER, ministry, "Ngô Văn Bình")
    # October 2026: two sessions on one day count as one day.
    for _ in range(2):
        services.session_create(unit=intake_unit, kind="periodic", on=date(2026, 10, 15), status="held",
                                host=leader, by=officer)
    # June 2026: a deputy held it, which the law then allowed.
    services.session_create(unit=intake_unit, kind="periodic", on=date(2026, 6, 16), status="held", host=leader,
                            delegated_to=deputy, by=officer)
    rows = {(r.year, r.month): r for r in leader_compliance(start=date(2026, 6, 1), end=date(2026, 10, 31),
                                                             leaders=[leader])}
    required = int(rule_in_force("reception.leader_minimum", date(2026, 10, 1)).values["normal"])
    october, june, august = rows[(2026, 10)], rows[(2026, 6)], rows[(2026, 8)]
    assert october.required == required and october.held_days == 1
    assert october.state == ("met" if required <= 1 else "not_met")
    assert june.delegated_days == 1 and june.state == "met"
    assert august.counted == 0 and august.state == "not_met"
    assert "Điều 18" in october.citation


# --- the reception book ---


def test_a_visit_with_a_petition_creates_it_through_the_desk_channel(intake_unit, officials):
    result = visit(intake_unit, officials["reception_officer"], create_petition=True, subject="Khiếu nại thu hồi đất",
                   province_code=48)
    petition = Petition.objects.get(pk=result.petition.pk)
    assert result.petition_created and petition.channel == "desk"
    assert result.visit.petition_id == petition.pk and result.visit.number == 1
    assert result.visit.person is not None and result.visit.person.id_number == AN.id_number
    assert Event.objects.filter(action="reception.visit", object_id=str(result.visit.pk)).exists()
    second = visit(intake_unit, officials["reception_officer"], content="Hỏi về thủ tục cấp giấy chứng nhận",
                   kind="recommendation", handling="guide", handling_target="UBND xã Hòa Vang")
    assert second.visit.number == 2 and second.petition is None


def test_a_returning_visitor_is_recognised_by_id_and_by_similar_content(intake_unit, officials):
    earlier = receive(intake_unit, received_at=at(date(2026, 9, 3)), letter_date=date(2026, 9, 1)).petition
    history = visitor_history(id_number=AN.id_number, content=LAND_COMPLAINT + " Tôi đề nghị xem xét lại.")
    assert history.returning
    assert [p.pk for p in history.petitions] == [earlier.pk]
    assert history.similar and history.similar[0][0].pk == earlier.pk
    # The petitions duplicate finder sees the new petition as a duplicate of the earlier one.
    result = visit(intake_unit, officials["reception_officer"], create_petition=True,
                   subject="Khiếu nại quyết định thu hồi đất",
                   content=LAND_COMPLAINT + " Đến nay tôi vẫn chưa nhận được trả lời.")
    assert earlier.pk in [m.petition_id for m in result.duplicates]
    assert visitor_history(id_number=AN.id_number).visits[0].pk == result.visit.pk


def test_a_visit_can_link_a_petition_already_on_file(intake_unit, officials):
    earlier = receive(intake_unit).petition
    result = visit(intake_unit, officials["reception_officer"], link_petition=earlier)
    assert result.visit.petition_id == earlier.pk and not result.petition_created
    assert Petition.objects.count() == 1


def test_a_complaint_visit_without_an_identified_person_is_refused_and_nothing_saved(intake_unit, officials):
    with pytest.raises(ValidationError, match="họ tên"):
        visit(intake_unit, officials["reception_officer"], visitor=Visitor(full_name="Nguyễn Văn An"),
              create_petition=True)
    with pytest.raises(ValidationError, match="họ tên"):
        visit(intake_unit, officials["reception_officer"], visitor=Visitor(full_name="", id_number="001085012345"))
    assert not Visit.objects.exists() and not Petition.objects.exists()


def test_a_group_above_the_representatives_limit_is_refused_with_the_citation(intake_unit, officials):
    reps = [Visitor(full_name=f"Người đại diện {i}") for i in range(3)]
    with pytest.raises(ValidationError) as error:
        visit(intake_unit, officials["reception_officer"], people_count=8, representatives=reps, create_petition=True)
    assert "tối đa 2" in str(error.value) and "Điều 6" in str(error.value)
    six = [Visitor(full_name=f"Người đại diện {i}") for i in range(6)]
    with pytest.raises(ValidationError, match="tối đa 5"):
        visit(intake_unit, officials["reception_officer"], people_count=30, representatives=six)
    with pytest.raises(ValidationError, match="phải cử người đại diện"):
        visit(intake_unit, officials["reception_officer"], people_count=12)
    assert not Visit.objects.exists() and not Representative.objects.exists() and not Petition.objects.exists()


def test_a_group_within_the_limits_is_recorded_with_its_representatives(intake_unit, officials):
    limit = int(rule_in_force("reception.group_representatives", timezone.localdate()).values["group_over_10_max"])
    reps = [Visitor(full_name=f"Người đại diện {i}", id_number=f"00108501234{i}") for i in range(limit)]
    result = visit(intake_unit, officials["reception_officer"], people_count=25, representatives=reps)
    assert result.visit.is_group and result.visit.representatives.count() == limit


def test_a_refusal_is_recorded_with_its_art_9_ground_and_counted(intake_unit, officials):
    today = timezone.localdate()
    refusal = services.refusal_record(unit=intake_unit, on=today, ground=2, note="Lớn tiếng xúc phạm cán bộ tiếp",
                                      full_name="Trần Văn Bảy", by=officials["reception_officer"])
    assert "đe dọa" in refusal.ground_text and "Điều 9" in refusal.citation
    with pytest.raises(ValidationError, match="căn cứ"):
        services.refusal_record(unit=intake_unit, on=today, ground=99, note="x", by=officials["reception_officer"])
    with pytest.raises(ValidationError, match="diễn biến"):
        services.refusal_record(unit=intake_unit, on=today, ground=1, note=" ", by=officials["reception_officer"])
    assert Refusal.objects.count() == 1
    counts = refusal_counts(unit_ids=None, start=today, end=today)
    assert [(c["ground"], c["n"]) for c in counts] == [(2, 1)]


def test_guiding_or_forwarding_names_the_competent_body(intake_unit, officials):
    with pytest.raises(ValidationError, match="cơ quan có thẩm quyền"):
        visit(intake_unit, officials["reception_officer"], handling="forward", kind="denunciation")
    assert not Visit.objects.exists()
