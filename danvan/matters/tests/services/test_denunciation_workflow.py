from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from danvan.audit.selectors import events_for
from danvan.matters import services as s
from danvan.matters.models import Matter, MatterRecord, TimeLimit


def limits(matter: Matter) -> dict[str, TimeLimit]:
    return {t.key: t for t in TimeLimit.objects.filter(matter=matter)}


def refused(call, **kwargs) -> str:
    with pytest.raises(ValidationError) as exc:
        call(**kwargs)
    return " ".join(exc.value.messages)


def accepted(open_matter, people, complexity: str = "normal") -> Matter:
    matter = open_matter(kind="denunciation", complexity=complexity)
    return s.matter_accept(matter=matter, by=people["unit_head"], on=date(2026, 3, 9))


def test_opening_counts_initial_processing_and_the_forwarding_limit(open_matter):
    matter = open_matter(kind="denunciation")
    found = limits(matter)
    assert matter.kind == "denunciation" and matter.code.startswith("TC-2026-")
    assert found["initial_processing"].due == date(2026, 3, 11)  # 7 working days from Mon 2 March
    assert found["forward"].due == date(2026, 3, 9) and found["forward"].status == TimeLimit.Status.INFO
    assert matter.next_due == date(2026, 3, 11)



def test_initial_processing_takes_10_working_days_only_for_checks_at_several_places(open_matter, people):
    # Law on Denunciations Art. 24 cl. 1: 7 working days; "at several places" up to 10. A denunciation that
    # is complex for another reason (a foreign element, many denouncers) keeps the 7.
    complex_case = open_matter(kind="denunciation", complexity="complex")
    assert limits(complex_case)["initial_processing"].due == date(2026, 3, 11)
    head = people["unit_head"]
    assert "lý do" in refused(s.matter_note_several_places, matter=complex_case, by=head, reason=" ")
    matter = s.matter_note_several_places(matter=complex_case, by=head, on=date(2026, 3, 4),
                                          reason="Phải xác minh tại xã Hòa Vang và phường Hải Châu.")
    found = limits(matter)
    assert matter.several_places and found["initial_processing"].due == date(2026, 3, 16)  # Mon 2 March + 10
    assert matter.next_due == date(2026, 3, 16)
    assert "Đã ghi nhận" in refused(s.matter_note_several_places, matter=matter, by=head, reason="Lần nữa.")
    record = MatterRecord.objects.get(matter=matter, transition="several_places")
    assert "Hòa Vang" in record.text


def test_acceptance_sets_the_notice_and_resolution_limits(open_matter, people):
    matter = accepted(open_matter, people)
    found = limits(matter)
    assert matter.state == "accepted"
    assert found["initial_processing"].status == TimeLimit.Status.MET
    assert found["acceptance_notice"].due == date(2026, 3, 16)  # 5 working days from Mon 9 March
    assert found["resolution"].due == date(2026, 4, 8)  # 30 days
    assert matter.next_due == date(2026, 3, 16) and matter.next_due_key == "acceptance_notice"
    matter = s.matter_notify_acceptance(matter=matter, by=people["handler"], on=date(2026, 3, 12))
    assert matter.next_due == date(2026, 4, 8)
    assert "Đã thông báo" in refused(s.matter_notify_acceptance, matter=matter, by=people["handler"])


def test_forwarding_outside_competence_names_the_agency(open_matter, people):
    matter = open_matter(kind="denunciation")
    assert "cơ quan có thẩm quyền" in refused(s.matter_forward, matter=matter, by=people["unit_head"], target="")
    matter = s.matter_forward(matter=matter, by=people["unit_head"], target="UBND thành phố Đà Nẵng",
                              on=date(2026, 3, 10))
    assert matter.state == "forwarded" and matter.next_due is None
    event = list(events_for(matter))[-1]
    assert event.action == "matter.forward" and event.data["late"] is True  # 5 working days ended 9 March


def test_refusal_names_the_unmet_article_29_condition(open_matter, people):
    matter = open_matter(kind="denunciation")
    matter = s.matter_refuse(matter=matter, by=people["unit_head"], ground=3, on=date(2026, 3, 5))
    assert matter.state == "refused"
    assert "thẩm quyền" in MatterRecord.objects.get(matter=matter).text


def test_a_normal_denunciation_cannot_be_extended(open_matter, people):
    matter = accepted(open_matter, people)
    message = refused(s.matter_extend, matter=matter, by=people["unit_head"], reason="Cần thêm thời gian")
    assert "không phức tạp không được gia hạn" in message and "Điều 30" in message


def test_an_extension_without_a_written_reason_is_refused(open_matter, people):
    matter = accepted(open_matter, people, complexity="complex")
    assert "chưa ghi lý do" in refused(s.matter_extend, matter=matter, by=people["unit_head"], reason="  ")


def test_a_complex_denunciation_is_extended_once(open_matter, people):
    head = people["unit_head"]
    matter = accepted(open_matter, people, complexity="complex")
    matter = s.matter_extend(matter=matter, by=head, on=date(2026, 4, 1), reason="Xác minh tại hai địa điểm.")
    assert matter.extensions == 1 and limits(matter)["resolution"].due == date(2026, 5, 8)
    message = refused(s.matter_extend, matter=matter, by=head, reason="Cần thêm thời gian")
    assert "Đã gia hạn 1 lần" in message and "tối đa 1 lần" in message


def test_an_especially_complex_denunciation_two_extensions_then_the_third_is_refused(open_matter, people):
    head = people["unit_head"]
    matter = accepted(open_matter, people, complexity="especially_complex")
    matter = s.matter_extend(matter=matter, by=head, on=date(2026, 4, 1), reason="Nhiều người bị ảnh hưởng.")
    matter = s.matter_extend(matter=matter, by=head, on=date(2026, 5, 4), reason="Có yếu tố nước ngoài.")
    resolution = limits(matter)["resolution"]
    assert matter.extensions == 2
    # 30 + 2 x 30 days from 9 March end on Sun 7 June: the limit moves to Mon 8 June.
    assert resolution.due == date(2026, 6, 8) and resolution.explained["extensions"]["count"] == 2
    message = refused(s.matter_extend, matter=matter, by=head, reason="Thêm lần nữa")
    assert "Đã gia hạn 2 lần" in message and "tối đa 2 lần" in message
    matter.refresh_from_db()
    assert matter.extensions == 2
    assert [e.action for e in events_for(matter)].count("matter.extend") == 2
    assert "hạ tính chất" in refused(s.matter_set_complexity, matter=matter, by=head, complexity="complex",
                                      reason="Xem lại")


def test_verification_conclusion_and_handling(open_matter, people):
    head = people["unit_head"]
    matter = accepted(open_matter, people)
    assert "Chưa có báo cáo kết quả xác minh" in refused(s.matter_conclude, matter=matter, by=head, finding="right",
                                                                 text="Kết luận")
    matter = s.matter_assign_verifier(matter=matter, by=head, verifier=people["verifier"], on=date(2026, 3, 10))
    matter = s.matter_report_verification(matter=matter, by=people["verifier"], on=date(2026, 3, 30),
                                          text="Có căn cứ xác định ông Bình nhận tiền.")
    matter = s.matter_conclude(matter=matter, by=head, on=date(2026, 4, 3), finding="right", text="Tố cáo đúng.")
    assert matter.state == "concluded" and limits(matter)["resolution"].met_on == date(2026, 4, 3)
    matter = s.matter_handle_violations(matter=matter, by=head, on=date(2026, 4, 10),
                                        text="Kiến nghị xử lý kỷ luật ông Trần Văn Bình.")
    assert matter.state == "handled" and matter.closed_on == date(2026, 4, 10)


def test_suspension_of_a_denunciation_keeps_its_extensions(open_matter, people):
    head = people["unit_head"]
    matter = accepted(open_matter, people, complexity="complex")
    matter = s.matter_extend(matter=matter, by=head, on=date(2026, 4, 1), reason="Xác minh tại hai địa điểm.")
    matter = s.matter_suspend(matter=matter, by=head, on=date(2026, 4, 10), reason="Chờ giám định chữ ký.")
    assert "tạm đình chỉ" in refused(s.matter_extend, matter=matter, by=head, reason="x")
    matter = s.matter_resume(matter=matter, by=head, on=date(2026, 4, 17), reason="Đã có kết quả giám định.")
    # 60 days + 7 stopped from 9 March: Fri 15 May.
    assert limits(matter)["resolution"].due == date(2026, 5, 15)


def test_an_anonymous_denunciation_is_not_handled_as_a_denunciation(open_matter, people):
    head = people["unit_head"]
    matter = open_matter(kind="denunciation", anonymous=True)
    assert matter.kind == "anonymous" and matter.code.startswith("NT-") and matter.next_due is None
    assert "không có trong quy trình" in refused(s.matter_accept, matter=matter, by=head)
    assert "chứng cứ cụ thể" in refused(s.matter_transition, matter=matter, name="inspect", by=head, text="")
    matter = s.matter_transition(matter=matter, name="inspect", by=head, on=date(2026, 3, 4),
                                 text="Có bản sao giấy biên nhận 50 triệu đồng.")
    assert matter.state == "inspecting"
    matter = s.matter_transition(matter=matter, name="close", by=head, on=date(2026, 3, 30),
                                 text="Kiểm tra xác định có vi phạm; kiến nghị xử lý.")
    assert matter.state == "closed"
    other = open_matter(kind="denunciation", anonymous=True)
    other = s.matter_forward(matter=other, by=head, target="Thanh tra thành phố Đà Nẵng",
                             text="Nội dung rõ ràng, có chứng từ kèm theo.")
    assert other.state == "forwarded"
