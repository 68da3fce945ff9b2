"""The "Skilled Mass Mobilization" registry: a unit registers a model, reports its results, the leader has it
evaluated and recognised, other units take it up; each step checked, refused with a message when it may not
happen, and recorded in the audit log."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import make_official
from danvan.audit.models import Event
from danvan.emulation import services
from danvan.emulation.models import Evidence, MobilizationModel, Replication
from danvan.org.models import Role
from danvan.petitions.tests.services.test_petition_receive import PNG

pytestmark = pytest.mark.django_db
SUMMARY = ("Tổ chức tiếp nhận, trả lời phản ánh của người dân về đất đai ngay tại thôn, mỗi tháng một buổi, "
           "có cán bộ địa chính và trưởng thôn cùng dự.")


@pytest.fixture
def land_head(land_department):
    return make_official("truongcuc", Role.UNIT_HEAD, land_department, "Đinh Văn Cục")


def registered(officials, intake_unit, **overrides) -> MobilizationModel:
    values = {"unit": intake_unit, "title": "Tiếp dân tại thôn", "domain": "political_system",
              "year": timezone.localdate().year, "started_on": timezone.localdate() - timedelta(days=90),
              "summary": SUMMARY, "by": officials["unit_head"]}
    return services.model_register(**{**values, **overrides})


def test_a_model_goes_from_registration_to_recognition_and_another_unit_takes_it_up_through_the_pages(
        client, officials, intake_unit, land_department, land_head):
    today = timezone.localdate()
    client.force_login(officials["unit_head"])
    response = client.post("/desk/dan-van-kheo/new/", {
        "unit": intake_unit.pk, "title": "Tiếp dân tại thôn", "domain": "political_system", "year": today.year,
        "started_on": today - timedelta(days=90), "summary": SUMMARY})
    model = MobilizationModel.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/desk/dan-van-kheo/{model.pk}/"
    assert client.post(f"/desk/dan-van-kheo/{model.pk}/report/", {
        "results": "Giải quyết dứt điểm 42 vụ việc tranh chấp đất đai ngay tại cơ sở, không để phát sinh đơn vượt cấp.",
        "people_benefited": "1200"}).status_code == 302

    client.force_login(officials["leader"])
    page = client.get(f"/desk/dan-van-kheo/{model.pk}/").content.decode()
    assert 'id="evaluate"' in page and 'id="report"' in page
    assert client.post(f"/desk/dan-van-kheo/{model.pk}/evaluate/", {
        "recognized": "yes", "decision_ref": "125/QĐ-BNNMT", "note": "Cách làm hay, dễ nhân rộng.",
        "on": today}).status_code == 302

    client.force_login(land_head)
    page = client.get(f"/desk/dan-van-kheo/{model.pk}/").content.decode()
    assert "Được công nhận điển hình" in page and "125/QĐ-BNNMT" in page and 'id="report"' not in page
    assert client.post(f"/desk/dan-van-kheo/{model.pk}/replicate/", {
        "unit": land_department.pk, "started_on": today, "note": "Áp dụng tại các xã có nhiều tranh chấp."},
    ).status_code == 302
    assert Replication.objects.get().unit == land_department
    listing = client.get("/desk/dan-van-kheo/?status=recognized").content.decode()
    assert "Tiếp dân tại thôn" in listing and "<td>1</td>" in listing
    assert list(Event.objects.filter(action__startswith="emulation.").order_by("id").values_list("action", flat=True)) \
        == ["emulation.register", "emulation.report", "emulation.evaluate", "emulation.replicate"]


def test_each_step_out_of_turn_is_refused_with_a_message_and_changes_nothing(officials, intake_unit,
                                                                             land_department, land_head):
    today = timezone.localdate()
    model = registered(officials, intake_unit)
    leader = officials["leader"]

    def refused(step, *messages_expected):
        events = Event.objects.count()
        before = MobilizationModel.objects.values().get(pk=model.pk)
        with pytest.raises(ValidationError) as caught:
            step()
        assert all(any(m in message for message in caught.value.messages) for m in messages_expected)
        assert Event.objects.count() == events and MobilizationModel.objects.values().get(pk=model.pk) == before

    refused(lambda: registered(officials, intake_unit, title=" tiếp dân TẠI thôn "), "đã đăng ký mô hình này")
    refused(lambda: registered(officials, intake_unit, title="Khác", year=1990, summary="ngắn"),
            "Năm đăng ký", "ít nhất 20 ký tự")
    refused(lambda: services.model_evaluate(model=model, recognized=True, decision_ref="1/QĐ", note="", by=leader),
            "đã báo cáo kết quả")
    refused(lambda: services.model_replicate(model=model, unit=land_department, started_on=today, note="",
                                             by=land_head), "đã được công nhận")
    refused(lambda: services.model_report(model=model, results="Tốt.", people_benefited=None,
                                          by=officials["unit_head"]), "ít nhất 20 ký tự")
    refused(lambda: services.model_report(model=model, results="Kết quả tốt, người dân đồng tình ủng hộ.",
                                          people_benefited=None, by=officials["unit_head"],
                                          on=today + timedelta(days=1)), "sau hôm nay")
    services.model_report(model=model, results="Kết quả tốt, người dân đồng tình ủng hộ.", people_benefited=30,
                          by=officials["unit_head"])
    refused(lambda: services.model_evaluate(model=model, recognized=True, decision_ref=" ", note="", by=leader),
            "số quyết định")
    refused(lambda: services.model_evaluate(model=model, recognized=False, decision_ref="", note="", by=leader,
                                            on=date(2000, 1, 1)), "trước ngày báo cáo")
    services.model_evaluate(model=model, recognized=True, decision_ref="7/QĐ", note="", by=leader)
    refused(lambda: services.model_report(model=model, results="Sửa lại kết quả sau khi được công nhận.",
                                          people_benefited=1, by=officials["unit_head"]), "đã được đánh giá")
    refused(lambda: services.model_replicate(model=model, unit=intake_unit, started_on=today, note="",
                                             by=leader), "đã là của đơn vị này")
    refused(lambda: services.model_replicate(model=model, unit=land_department, started_on=date(1, 1, 1), note="",
                                             by=land_head), "từ ngày mô hình được công nhận")
    services.model_replicate(model=model, unit=land_department, started_on=today, note="", by=land_head)
    refused(lambda: services.model_replicate(model=model, unit=land_department, started_on=today, note="",
                                             by=leader), "đã nhân rộng")


def test_only_a_units_head_or_a_leader_registers_and_reports_and_only_the_leader_evaluates(
        client, officials, intake_unit, land_department, land_head):
    model = registered(officials, intake_unit)
    with pytest.raises(PermissionDenied):
        registered(officials, intake_unit, title="Khác", by=officials["handler"])
    with pytest.raises(PermissionDenied):  # another unit's head speaks for their own unit only
        registered(officials, intake_unit, title="Khác", by=land_head)
    with pytest.raises(PermissionDenied):
        services.model_report(model=model, results="Kết quả của đơn vị khác viết hộ.", people_benefited=None,
                              by=land_head)
    services.model_report(model=model, results="Kết quả tốt, người dân đồng tình ủng hộ.", people_benefited=None,
                          by=officials["unit_head"])
    with pytest.raises(PermissionDenied):
        services.model_evaluate(model=model, recognized=True, decision_ref="1/QĐ", note="", by=officials["unit_head"])

    client.force_login(officials["handler"])
    assert client.get("/desk/dan-van-kheo/").status_code == 200
    assert client.get("/desk/dan-van-kheo/new/").status_code == 403
    assert client.post(f"/desk/dan-van-kheo/{model.pk}/evaluate/", {"recognized": "yes", "decision_ref": "1",
                                                                     "on": timezone.localdate()}).status_code == 403
    client.force_login(officials["supervisor"])
    assert "Tiếp dân tại thôn" in client.get("/desk/dan-van-kheo/").content.decode()
    assert client.get("/desk/dan-van-kheo/new/").status_code == 403
    client.force_login(officials["drafter"])
    assert client.get("/desk/dan-van-kheo/").status_code == 403
    assert MobilizationModel.objects.get().status == MobilizationModel.Status.REPORTED


def test_bad_input_on_the_pages_gets_a_message(client, officials, intake_unit):
    client.force_login(officials["unit_head"])
    response = client.post("/desk/dan-van-kheo/new/", {"unit": intake_unit.pk, "title": "X", "domain": "sports",
                                                      "year": "hai nghìn", "started_on": "2026-02-30", "summary": ""})
    assert response.status_code == 400 and not MobilizationModel.objects.exists()
    page = response.content.decode()
    assert "errorlist" in page and "sports" in page
    response = client.get("/desk/dan-van-kheo/?year=abc&domain=khong-co")
    assert response.status_code == 400 and "Chưa có mô hình nào." in response.content.decode()


def test_the_public_statistics_show_recognised_models_and_no_others(client, officials, intake_unit):
    from django.core.cache import cache

    recognised = registered(officials, intake_unit)
    services.model_report(model=recognised, results="Giải quyết 42 vụ việc tại cơ sở, đơn vượt cấp giảm 40%.",
                          people_benefited=1200, by=officials["unit_head"])
    services.model_evaluate(model=recognised, recognized=True, decision_ref="125/QĐ-BNNMT", note="",
                            by=officials["leader"])
    registered(officials, intake_unit, title="Trả lời kiến nghị qua tin nhắn")
    cache.clear()
    page = client.get("/thong-ke/").content.decode()
    section = page[page.index('id="recognised-models"'):]
    assert "Tiếp dân tại thôn" in section and "đơn vượt cấp giảm 40%" in section
    assert "Trả lời kiến nghị qua tin nhắn" not in section and "Phạm Thu Hà" not in section


def test_the_years_summary_counts_each_units_models_by_how_far_they_went_and_what_it_took_up(
        client, officials, intake_unit, land_department, land_head):
    this_year = timezone.localdate().year
    first = registered(officials, intake_unit)
    registered(officials, intake_unit, title="Trả lời kiến nghị qua tin nhắn")
    registered(officials, intake_unit, title="Mô hình năm trước", year=this_year - 1,
               started_on=date(this_year - 1, 3, 1))
    services.model_report(model=first, results="Giải quyết 42 vụ việc tại cơ sở, đơn vượt cấp giảm 40%.",
                          people_benefited=None, by=officials["unit_head"])
    services.model_evaluate(model=first, recognized=True, decision_ref="1/QĐ", note="", by=officials["leader"])
    services.model_replicate(model=first, unit=land_department, started_on=timezone.localdate(), note="",
                             by=land_head)
    rows = {r.unit.code: (r.registered, r.reported, r.recognised, r.taken_up)
            for r in services.year_summary(this_year)}
    assert rows == {"ban-tcd": (2, 1, 1, 0), "cuc-qldd": (0, 0, 0, 1)}
    client.force_login(officials["leader"])
    page = client.get(f"/desk/dan-van-kheo/?year={this_year - 1}").content.decode()
    summary = page[page.index('id="year-summary"'):]
    assert f"Tổng hợp năm {this_year - 1}" in summary and "<td>1</td><td>0</td><td>0</td><td>0</td>" in summary


def test_the_list_pages_title_is_the_registrys_name_alone(client, officials, intake_unit):
    registered(officials, intake_unit)
    client.force_login(officials["leader"])
    page = client.get("/desk/dan-van-kheo/").content.decode()
    title = page[page.index("<title>"):page.index("</title>")]
    assert "Mô hình “Dân vận khéo”" in title and "<section" not in title and "<table" not in title
    assert page.count('id="year-summary"') == 1


def test_results_carry_their_evidence_files_which_every_reader_of_the_registry_downloads(
        client, officials, intake_unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    model = registered(officials, intake_unit)
    results = "Giải quyết dứt điểm 42 vụ việc tranh chấp đất đai ngay tại cơ sở, không để phát sinh đơn vượt cấp."
    client.force_login(officials["unit_head"])
    response = client.post(f"/desk/dan-van-kheo/{model.pk}/report/", {
        "results": results, "evidence": [SimpleUploadedFile("buoi-tiep-dan.png", PNG, content_type="image/png"),
                                         SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%minh chung\n",
                                                            content_type="application/pdf")]})
    assert response.status_code == 302
    assert sorted(Evidence.objects.values_list("original_name", "content_type")) == [
        ("bien-ban.pdf", "application/pdf"), ("buoi-tiep-dan.png", "image/png")]
    photo = Evidence.objects.get(content_type="image/png")
    assert "buoi-tiep-dan" not in str(photo.file.name)  # stored under a random name
    assert sorted(Event.objects.get(action="emulation.report").data["evidence"]) == sorted(
        Evidence.objects.values_list("sha256", flat=True))

    # A supervising body reads the registry, files included; someone signed out gets none.
    client.force_login(officials["supervisor"])
    page = client.get(f"/desk/dan-van-kheo/{model.pk}/").content.decode()
    url = f"/desk/dan-van-kheo/{model.pk}/minh-chung/{photo.pk}/"
    assert "buoi-tiep-dan.png" in page and url in page
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    assert client.get(f"/desk/dan-van-kheo/{model.pk + 1}/minh-chung/{photo.pk}/").status_code == 404
    client.logout()
    assert client.get(url).status_code == 302

    # A file that is not what it claims, or too many at once: refused with a message, nothing kept.
    client.force_login(officials["unit_head"])
    refused = client.post(f"/desk/dan-van-kheo/{model.pk}/report/", {
        "results": results + " Bổ sung.", "evidence": [SimpleUploadedFile("anh.png", b"MZ\x90\x00 not an image")]})
    assert refused.status_code == 400 and "không phải là loại được chấp nhận" in refused.content.decode()
    too_many = [SimpleUploadedFile(f"anh-{i}.png", PNG, content_type="image/png") for i in range(6)]
    refused = client.post(f"/desk/dan-van-kheo/{model.pk}/report/", {"results": results, "evidence": too_many})
    assert refused.status_code == 400 and "tối đa 5 tệp" in refused.content.decode()
    model.refresh_from_db()
    assert model.results == results and Evidence.objects.count() == 2
    assert len(list(tmp_path.rglob("*.*"))) == 2
