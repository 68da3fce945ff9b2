"""The official a denunciation names, and their unit, are recused from it."""

import pytest

from conftest import make_official
from danvan.org.models import Role
from danvan.petitions.models import Kind
from danvan.petitions.selectors import petitions_visible_to
from danvan.petitions.services import petition_classify
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def against_the_handler(intake_unit, officials):
    # "Trần Văn Minh" is the handler of the intake unit (conftest).
    petition = receive(intake_unit, subject="Tố cáo cán bộ Ban Tiếp công dân", content=(
        "Tôi tố cáo ông Trần Văn Minh, cán bộ Ban Tiếp công dân, đã gợi ý nhận tiền để chuyển đơn nhanh, vi phạm "
        "pháp luật về phòng, chống tham nhũng."), decision_text="Ông TRAN VAN MINH, cán bộ xử lý đơn").petition
    return petition_classify(petition=petition, by=officials["unit_head"], kind=Kind.DENUNCIATION, field=None)


@pytest.mark.parametrize("role", ["handler", "reception_officer", "verifier", "unit_head"])
def test_the_denounced_official_and_their_unit_neither_see_nor_act(officials, against_the_handler, role):
    user = officials[role]
    assert not user.has_perm("petitions.view_petition", against_the_handler)
    assert not user.has_perm("petitions.process_petition", against_the_handler)
    assert not user.has_perm("petitions.view_identity", against_the_handler)


def test_leaders_and_other_units_above_still_handle_it(officials, against_the_handler):
    assert officials["leader"].has_perm("petitions.view_petition", against_the_handler)
    assert officials["leader"].has_perm("petitions.accept_petition", against_the_handler)
    assert officials["inspector"].has_perm("petitions.view_petition", against_the_handler)


def test_a_complaint_naming_an_official_recuses_nobody(intake_unit, officials):
    petition = receive(intake_unit, decision_text="Văn bản do ông Trần Văn Minh ký").petition
    petition_classify(petition=petition, by=officials["unit_head"], kind=Kind.COMPLAINT, field=None)
    assert officials["handler"].has_perm("petitions.view_petition", petition)


def test_an_official_of_another_unit_with_the_same_given_name_is_not_recused(land_department, against_the_handler):
    other = make_official("minh2", Role.LEADER, land_department, "Trần Văn Minh Anh")
    assert other.has_perm("petitions.view_petition", against_the_handler)


def test_the_leaders_list_still_shows_it(officials, against_the_handler):
    assert petitions_visible_to(officials["leader"]).filter(pk=against_the_handler.pk).exists()


def test_the_recused_unit_s_list_leaves_the_denunciation_out(client, officials, against_the_handler):
    from conftest import TEST_PASSWORD

    client.login(username=officials["unit_head"].username, password=TEST_PASSWORD)
    assert against_the_handler.code not in client.get("/desk/").content.decode()
    assert against_the_handler.code not in client.get("/api/v1/staff/petitions").content.decode()
    client.login(username=officials["leader"].username, password=TEST_PASSWORD)
    assert against_the_handler.code in client.get("/desk/").content.decode()
    assert against_the_handler.code in client.get("/api/v1/staff/petitions").content.decode()


def _desk_denunciation(intake_unit, officials, serial: int):
    """A denunciation taken at the reception desk: its petition is not classified yet."""
    from django.utils import timezone

    from danvan.reception import services
    from danvan.reception.services import Visitor

    return services.visit_record(
        unit=intake_unit, visited_on=timezone.localdate(), by=officials["reception_officer"], kind="denunciation",
        handling="accept", visitor=Visitor(f"Người tố cáo {serial}", f"0010850{serial:05d}", "Thôn 3, Hòa Vang"),
        content=f"Tố cáo ông Trần Văn Minh, cán bộ Ban Tiếp công dân, nhận tiền để chuyển đơn nhanh (lần {serial}).",
        create_petition=True,
    ).petition


def test_a_denunciation_not_yet_classified_already_recuses_the_official_it_names(intake_unit, officials):
    petition = _desk_denunciation(intake_unit, officials, 1)
    assert petition is not None and petition.kind == Kind.UNCLASSIFIED
    assert not officials["handler"].has_perm("petitions.view_petition", petition)
    assert not officials["unit_head"].has_perm("petitions.view_petition", petition)
    assert officials["leader"].has_perm("petitions.view_petition", petition)


def test_the_list_checks_unclassified_rows_for_recusal_in_one_query(client, intake_unit, officials):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conftest import TEST_PASSWORD

    client.login(username=officials["leader"].username, password=TEST_PASSWORD)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/desk/").status_code == 200
        return len(captured.captured_queries)

    _desk_denunciation(intake_unit, officials, 1)
    few = queries()
    for serial in range(2, 7):
        _desk_denunciation(intake_unit, officials, serial)
    assert queries() == few
