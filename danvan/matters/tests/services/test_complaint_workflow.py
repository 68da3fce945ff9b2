from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.audit.selectors import events_for
from danvan.matters import services as s
from danvan.matters.models import Matter, MatterRecord, TimeLimit


def limits(matter: Matter) -> dict[str, TimeLimit]:
    return {t.key: t for t in TimeLimit.objects.filter(matter=matter)}


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as exc:
        call(*args, **kwargs)
    return " ".join(exc.value.messages)


def verified(matter: Matter, people) -> Matter:
    """Accepted on Thu 5 March 2026, verified by the assigned verifier."""
    head = people["unit_head"]
    matter = s.matter_accept(matter=matter, by=head, on=date(2026, 3, 5))
    matter = s.matter_assign_verifier(matter=matter, by=head, verifier=people["verifier"], on=date(2026, 3, 6))
    return s.matter_report_verification(matter=matter, by=people["verifier"], on=date(2026, 3, 20),
                                        text="Giá bồi thường áp dụng đúng bảng giá đất năm 2026.")


def test_opening_a_complaint_counts_ten_working_days_for_acceptance(open_matter):
    matter = open_matter()
    assert matter.state == "received" and matter.kind == "complaint" and matter.code.startswith("KN-2026-")
    acceptance = limits(matter)["acceptance"]
    # Received Mon 2 March 2026; two weekends skipped: the 10th working day is Mon 16 March.
    assert acceptance.due == date(2026, 3, 16)
    assert matter.next_due == date(2026, 3, 16) and matter.next_due_key == "acceptance"
    assert [e.action for e in events_for(matter)] == ["matter.open"]


def test_acceptance_starts_the_first_resolution_clock(open_matter, people):
    matter = s.matter_accept(matter=open_matter(), by=people["unit_head"], on=date(2026, 3, 5))
    found = limits(matter)
    assert matter.state == "accepted" and matter.accepted_on == date(2026, 3, 5)
    assert found["acceptance"].status == TimeLimit.Status.MET
    # 30 days from 5 March end on Sat 4 April: the limit moves to Mon 6 April (Civil Code Art. 148).
    assert found["resolution"].due == date(2026, 4, 6)
    assert found["resolution"].explained["rule"] == "complaint.first_resolution"
    assert "Điều 28" in found["resolution"].explained["citation"]
    assert matter.next_due == date(2026, 4, 6)


def test_complex_and_remote_complaints_get_the_longer_limits(open_matter, people, intake_unit):
    intake_unit.remote_area = True
    intake_unit.save()
    matter = open_matter(complexity="complex")
    assert matter.remote
    matter = s.matter_accept(matter=matter, by=people["unit_head"], on=date(2026, 3, 5))
    # Remote and complex: 60 days from 5 March is Mon 4 May.
    assert limits(matter)["resolution"].due == date(2026, 5, 4)


def test_refusal_needs_an_article_11_ground(open_matter, people):
    matter = open_matter()
    message = refused(s.matter_refuse, matter=matter, by=people["unit_head"], ground=99)
    assert "căn cứ không thụ lý" in message
    matter = s.matter_refuse(matter=matter, by=people["unit_head"], ground=8, on=date(2026, 3, 6))
    assert matter.state == "refused" and matter.closed_on == date(2026, 3, 6)
    record = MatterRecord.objects.get(matter=matter, transition="refuse")
    assert "chữ ký" in record.text and "Điều 11" in record.text
    assert matter.next_due is None


def test_a_decision_before_verification_is_refused_with_the_reason(open_matter, people):
    matter = s.matter_accept(matter=open_matter(), by=people["unit_head"], on=date(2026, 3, 5))
    message = refused(s.matter_decide, matter=matter, by=people["unit_head"], finding="wrong", text="Bác đơn")
    assert "Chưa có báo cáo kết quả xác minh" in message
    matter.refresh_from_db()
    assert matter.state == "accepted"
    assert [e.action for e in events_for(matter)] == ["matter.open", "matter.accept"]


def test_only_the_assigned_verifier_writes_the_report(open_matter, people):
    head = people["unit_head"]
    matter = s.matter_accept(matter=open_matter(), by=head, on=date(2026, 3, 5))
    message = refused(s.matter_assign_verifier, matter=matter, by=head, verifier=people["handler"])
    assert "vai trò xác minh" in message
    matter = s.matter_assign_verifier(matter=matter, by=head, verifier=people["verifier"], on=date(2026, 3, 6))
    assert matter.state == "verifying"
    with pytest.raises(PermissionDenied):
        s.matter_report_verification(matter=matter, by=people["verifier_2"], text="Báo cáo")
    assert "nội dung" in refused(s.matter_report_verification, matter=matter, by=people["verifier"], text="  ")


def test_full_first_resolution_to_enforcement(open_matter, people):
    head, handler = people["unit_head"], people["handler"]
    matter = verified(open_matter(), people)
    matter = s.matter_record_dialogue(matter=matter, by=handler, on=date(2026, 3, 24),
                                      text="Đối thoại với ông An; ông giữ nguyên yêu cầu.")
    assert matter.state == "verified"
    matter = s.matter_decide(matter=matter, by=head, on=date(2026, 4, 1), finding="wrong",
                             text="Giữ nguyên Quyết định 456/QĐ-UBND.")
    found = limits(matter)
    assert matter.state == "decided" and found["resolution"].met_on == date(2026, 4, 1)
    # Final 30 days after issue: Fri 1 May is a holiday and the weekend follows: Mon 4 May.
    assert found["finality"].due == date(2026, 5, 4)
    matter = s.matter_notify(matter=matter, by=handler, on=date(2026, 4, 3))
    window = limits(matter)["second_window"]
    assert window.due == date(2026, 5, 4) and not window.for_agency
    message = refused(s.matter_finalize, matter=matter, by=head, on=date(2026, 5, 4))
    assert "chưa có hiệu lực pháp luật" in message and "04/05/2026" in message
    matter = s.matter_finalize(matter=matter, by=head, on=date(2026, 5, 5))
    matter = s.matter_enforce(matter=matter, by=head, on=date(2026, 5, 12), text="Đã chi trả bồi thường.")
    assert matter.state == "enforced" and matter.next_due is None
    actions = [e.action for e in events_for(matter)]
    assert actions == ["matter.open", "matter.accept", "matter.assign_verifier", "matter.report_verification",
                       "matter.record_dialogue", "matter.decide", "matter.notify", "matter.finalize",
                       "matter.enforce"]


def test_second_complaint_within_the_window_opens_the_second_tier(open_matter, people):
    head, handler = people["unit_head"], people["handler"]
    matter = verified(open_matter(), people)
    matter = s.matter_decide(matter=matter, by=head, on=date(2026, 4, 1), finding="wrong", text="Bác đơn khiếu nại.")
    matter = s.matter_notify(matter=matter, by=handler, on=date(2026, 4, 3))
    # The window from 3 April runs 30 days to Sun 3 May, then to the next working day, Mon 4 May.
    message = refused(s.matter_second_complaint, matter=matter, by=handler, on=date(2026, 5, 5))
    assert "quá thời hạn" in message and "Điều 33" in message
    matter = s.matter_second_complaint(matter=matter, by=handler, on=date(2026, 5, 4))
    assert matter.state == "received" and matter.tier == 2 and matter.received_on == date(2026, 5, 4)
    matter = s.matter_accept(matter=matter, by=head, on=date(2026, 5, 11))
    found = limits(matter)
    assert found["resolution"].rule == "complaint.second_resolution"
    assert found["resolution"].due == date(2026, 6, 25)  # 45 days from 11 May
    assert found["resolution_1"].due == date(2026, 4, 6)  # the first tier stays on the file
    matter = s.matter_assign_verifier(matter=matter, by=head, verifier=people["verifier"], on=date(2026, 5, 12))
    matter = s.matter_report_verification(matter=matter, by=people["verifier"], text="Xác minh lại.")
    matter = s.matter_decide(matter=matter, by=head, on=date(2026, 6, 10), finding="wrong",
                             text="Công nhận quyết định lần đầu.")
    matter = s.matter_notify(matter=matter, by=handler, on=date(2026, 6, 12))
    assert "lần hai" in refused(s.matter_second_complaint, matter=matter, by=handler, on=date(2026, 6, 15))


def test_a_second_complaint_may_follow_a_first_tier_that_ran_out_without_a_decision(open_matter, people):
    # Law on Complaints Art. 33: 30 days "from the day the resolution time limit expired without the complaint
    # being resolved". Accepted Thu 5 March 2026: the first resolution ran to Mon 6 April (see above); the window
    # then runs 30 days to Wed 6 May.
    handler = people["handler"]
    matter = s.matter_accept(matter=open_matter(), by=people["unit_head"], on=date(2026, 3, 5))
    # The desk offers the step once the first tier is overdue (today is after 6 April 2026).
    assert "second_complaint" in {t.name for t in s.transitions_allowed(matter=matter, by=handler)}
    message = refused(s.matter_second_complaint, matter=matter, by=handler, on=date(2026, 4, 6))
    assert "chưa hết" in message and "06/04/2026" in message and "Điều 33" in message
    message = refused(s.matter_second_complaint, matter=matter, by=handler, on=date(2026, 5, 7))
    assert "quá thời hạn" in message and "06/05/2026" in message
    matter = s.matter_second_complaint(matter=matter, by=handler, on=date(2026, 5, 6))
    assert matter.state == "received" and matter.tier == 2 and matter.received_on == date(2026, 5, 6)
    found = limits(matter)
    # The first tier's missed limit stays on the file, ended the day the second complaint came, late.
    assert found["resolution_1"].status == TimeLimit.Status.MET and found["resolution_1"].met_on == date(2026, 5, 6)
    assert found["resolution_1"].due == date(2026, 4, 6)
    assert matter.next_due == found["acceptance"].due and found["acceptance"].status == TimeLimit.Status.RUNNING


def test_withdrawal_closes_the_matter_and_a_later_decision_is_refused(open_matter, people):
    matter = verified(open_matter(), people)
    matter = s.matter_withdraw(matter=matter, by=people["handler"], on=date(2026, 3, 23),
                               text="Ông An có đơn rút khiếu nại ngày 23/3/2026.")
    assert matter.state == "withdrawn" and matter.next_due is None
    assert all(t.status != TimeLimit.Status.RUNNING for t in TimeLimit.objects.filter(matter=matter))
    message = refused(s.matter_decide, matter=matter, by=people["unit_head"], finding="wrong", text="Bác đơn")
    assert "đã được rút ngày 23/03/2026" in message


def test_suspension_stops_the_clock_and_resumption_adds_the_days(open_matter, people):
    head = people["unit_head"]
    matter = s.matter_accept(matter=open_matter(), by=head, on=date(2026, 3, 5))
    assert "lý do" in refused(s.matter_suspend, matter=matter, by=head, reason="")
    matter = s.matter_suspend(matter=matter, by=head, on=date(2026, 3, 10),
                              reason="Chờ kết quả giám định của Tòa án.")
    assert matter.state == "suspended" and matter.next_due is None
    assert limits(matter)["resolution"].status == TimeLimit.Status.PAUSED
    assert "tạm đình chỉ từ ngày 10/03/2026" in refused(
        s.matter_assign_verifier, matter=matter, by=head, verifier=people["verifier"])
    assert "trước ngày tạm đình chỉ" in refused(s.matter_resume, matter=matter, by=head, reason="Có kết quả",
                                                 on=date(2026, 3, 9))
    matter = s.matter_resume(matter=matter, by=head, on=date(2026, 3, 20), reason="Đã có kết quả giám định.")
    # 10 days stopped do not count: 30 + 10 days from 5 March end on Tue 14 April (a working day).
    resolution = limits(matter)["resolution"]
    assert matter.state == "accepted" and matter.suspended_days == 10
    assert resolution.suspended_days == 10 and resolution.status == TimeLimit.Status.RUNNING
    assert resolution.due == date(2026, 4, 14)
    assert resolution.explained["suspended_days"] == 10
    # A second suspension adds to the first.
    matter = s.matter_suspend(matter=matter, by=head, on=date(2026, 3, 25), reason="Chờ ý kiến Sở Tài chính.")
    matter = s.matter_resume(matter=matter, by=head, on=date(2026, 3, 30), reason="Đã có ý kiến.")
    assert matter.suspended_days == 15 and limits(matter)["resolution"].due == date(2026, 4, 20)


def test_a_late_complaint_is_not_accepted(open_matter, people):
    # Knew of the decision on 1 November 2025: 90 days end on Fri 30 January 2026; received 2 March.
    matter = open_matter(decision_known_on=date(2025, 11, 1))
    assert limits(matter)["complaint_window"].due == date(2026, 1, 30)
    message = refused(s.matter_accept, matter=matter, by=people["unit_head"], on=date(2026, 3, 5))
    assert "thời hiệu khiếu nại đã hết" in message and "Điều 9" in message


def test_disciplinary_complaints_have_their_own_limits(open_matter, people):
    head, handler = people["unit_head"], people["handler"]
    late = open_matter(received=date(2026, 3, 17), decision_known_on=date(2026, 3, 1), disciplinary=True)
    assert limits(late)["complaint_window"].due == date(2026, 3, 16)  # 15 days (Art. 48)
    assert "Điều 48" in refused(s.matter_accept, matter=late, by=head, on=date(2026, 3, 18))
    matter = open_matter(received=date(2026, 3, 4), decision_known_on=date(2026, 3, 1), disciplinary=True)
    matter = verified(matter, people)
    matter = s.matter_decide(matter=matter, by=head, on=date(2026, 4, 1), finding="wrong",
                             text="Giữ nguyên hình thức kỷ luật.")
    matter = s.matter_notify(matter=matter, by=handler, on=date(2026, 4, 3))
    assert limits(matter)["second_window"].due == date(2026, 4, 13)  # 10 days, not 30
    dismissed = open_matter(received=date(2026, 3, 4), decision_known_on=date(2026, 3, 1), disciplinary=True,
                            dismissal=True)
    dismissed = verified(dismissed, people)
    dismissed = s.matter_decide(matter=dismissed, by=head, on=date(2026, 4, 1), finding="wrong", text="Giữ nguyên.")
    dismissed = s.matter_notify(matter=dismissed, by=handler, on=date(2026, 4, 3))
    assert limits(dismissed)["second_window"].rule == "complaint.disciplinary_second_dismissal"
    assert limits(dismissed)["second_window"].due == date(2026, 5, 4)  # 30 days, off Sun 3 May


def test_a_step_from_the_wrong_state_names_the_states_it_needs(open_matter, people):
    matter = open_matter()
    message = refused(s.matter_notify, matter=matter, by=people["handler"])
    assert "Chờ thụ lý" in message and "Đã ban hành quyết định giải quyết" in message


def test_a_complaint_cannot_be_extended(open_matter, people):
    matter = s.matter_accept(matter=open_matter(), by=people["unit_head"], on=date(2026, 3, 5))
    assert "không có trong quy trình" in refused(s.matter_extend, matter=matter, by=people["unit_head"],
                                                 reason="Phức tạp")


def test_a_decision_states_its_finding(open_matter, people):
    head = people["unit_head"]
    matter = s.matter_accept(matter=open_matter(), by=head, on=date(2026, 3, 5))
    matter = s.matter_assign_verifier(matter=matter, by=head, verifier=people["verifier"], on=date(2026, 3, 6))
    matter = s.matter_report_verification(matter=matter, by=people["verifier"], on=date(2026, 3, 20), text="Xong.")
    assert "đúng, đúng một phần hoặc sai" in refused(s.matter_decide, matter=matter, by=head, finding="",
                                                    text="Giải quyết.")
    matter = s.matter_decide(matter=matter, by=head, on=date(2026, 4, 1), finding="partly", text="Sửa một phần.")
    assert matter.finding == "partly" and matter.get_finding_display() == "Đúng một phần"
