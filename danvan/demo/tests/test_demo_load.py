import pytest
from django.core.management import call_command
from django.utils import timezone

from danvan.audit.services import audit_verify_chain
from danvan.emulation.models import MobilizationModel
from danvan.insights.appraisals import unit_ratings
from danvan.insights.hotspots import hotspots
from danvan.insights.models import Rating
from danvan.org.models import Unit, User
from danvan.petitions.models import Petition, Status
from danvan.reception.models import Session, Visit

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_living_desk_once(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo_load", petitions=40, seed=7)
    assert Petition.objects.count() >= 40 and Visit.objects.count() == 43
    assert Petition.objects.filter(status=Status.RECEIVED).exists()
    assert Petition.objects.exclude(status__in=[Status.RECEIVED, Status.CLASSIFIED]).exists()
    assert Session.objects.filter(status="scheduled").exists()
    assert [(h.field_code, h.province_name, h.visits) for h in hotspots()] == [("moi-truong", "Hà Tĩnh", 3)]
    ratings = {row.official.username: row for row in unit_ratings(Unit.objects.get(code="ban-tcd"),
                                                                     timezone.localdate().year).rows}
    assert ratings["tiepdan"].over_cap and ratings["tiepdan"].rating == Rating.GOOD
    assert ratings["truongban"].rating is None
    assert sorted(MobilizationModel.objects.values_list("status", flat=True)) == [
        "recognized", "registered", "reported"]
    assert User.objects.get(username="xuly").check_password("danvan-demo-2026")
    assert audit_verify_chain().ok
    call_command("demo_load", petitions=40, if_empty=True)
    assert Visit.objects.count() == 43
