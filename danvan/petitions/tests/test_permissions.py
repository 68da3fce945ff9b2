"""Who may see and do what on the petition desk, including every "must not see" of a denouncer."""

import pytest

from danvan.audit.models import Event
from danvan.org.models import Role
from danvan.people.selectors import petitioners_for
from danvan.petitions.models import Kind
from danvan.petitions.services import petition_classify
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db

ROLES = [r.value for r in Role]
MAY_SEE_DENOUNCER = {"reception_officer", "handler", "unit_head", "leader"}
MAY_VIEW = {"reception_officer", "handler", "verifier", "unit_head", "leader", "inspector", "administrator"}
MAY_PROCESS = {"handler", "unit_head"}


@pytest.fixture
def denunciation(intake_unit, officials):
    petition = receive(intake_unit, subject="Tố cáo cán bộ địa chính", content=(
        "Tôi tố cáo ông Trần Văn Bảy, công chức địa chính xã, đã nhận tiền của nhiều hộ dân để làm nhanh hồ sơ "
        "cấp giấy chứng nhận quyền sử dụng đất, vi phạm pháp luật về phòng, chống tham nhũng."),
        decision_text="Ông Trần Văn Bảy, công chức địa chính xã").petition
    return petition_classify(petition=petition, by=officials["handler"], kind=Kind.DENUNCIATION, field=None)


@pytest.mark.parametrize("role", ROLES)
def test_view_permission_by_role(officials, denunciation, role):
    assert officials[role].has_perm("petitions.view_petition", denunciation) is (role in MAY_VIEW)


@pytest.mark.parametrize("role", ROLES)
def test_process_permission_by_role(officials, denunciation, role):
    assert officials[role].has_perm("petitions.process_petition", denunciation) is (role in MAY_PROCESS)


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_must_know_see_a_denouncers_identity(officials, denunciation, role):
    people = petitioners_for(user=officials[role], petition=denunciation, purpose="contact: notify the denouncer")
    if role in MAY_SEE_DENOUNCER:
        assert people[0].full_name == "Nguyễn Văn An" and people[0].id_number == "001085012345"
    else:
        assert people[0].protected
        assert "Nguyễn" not in str(people[0]) and "001085012345" not in str(people[0])


def test_each_view_of_a_denouncers_identity_is_recorded(officials, denunciation):
    petitioners_for(user=officials["handler"], petition=denunciation, purpose="duplicate: compare petitions")
    event = Event.objects.get(action="identity.view", actor=officials["handler"])
    assert event.data["purpose"] == "duplicate: compare petitions"


@pytest.mark.parametrize("role", sorted(MAY_SEE_DENOUNCER))
def test_without_a_purpose_even_those_who_may_see_get_the_identity_withheld(officials, denunciation, role):
    people = petitioners_for(user=officials[role], petition=denunciation)
    assert people[0].protected and people[0].can_reveal and people[0].id_number == ""
    assert not Event.objects.filter(action="identity.view").exists()


def test_an_official_of_another_unit_does_not_see_the_petition(officials, denunciation, land_department):
    from conftest import make_official

    outsider = make_official("cucdatdai", Role.HANDLER, land_department)
    assert not outsider.has_perm("petitions.view_petition", denunciation)


def test_a_complainants_identity_is_not_withheld_from_the_verifier(intake_unit, officials):
    petition = receive(intake_unit).petition
    petition_classify(petition=petition, by=officials["handler"], kind=Kind.COMPLAINT, field=None)
    assert not petitioners_for(user=officials["verifier"], petition=petition)[0].protected
