from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import TEST_PASSWORD
from danvan.audit.models import Event
from danvan.people.models import Person
from danvan.petitions.tests.factories import receive
from danvan.privacy.models import PrivacyRequest
from danvan.privacy.people import person_create

pytestmark = pytest.mark.django_db


def _login(client, user) -> None:
    assert client.login(username=user.username, password=TEST_PASSWORD)


@pytest.mark.parametrize("role", ["reception_officer", "handler", "unit_head", "leader", "inspector", "supervisor"])
def test_only_the_administrator_opens_the_request_pages(client, officials, role):
    _login(client, officials[role])
    assert client.get(reverse("privacy:requests")).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("privacy:requests"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_administrator_finds_the_person_records_an_export_request_and_downloads_it(client, intake_unit, officials):
    receive(intake_unit)
    _login(client, officials["administrator"])
    page = client.get(reverse("privacy:requests"), {"q": "001085012345"})
    assert "Nguyễn Văn An" in page.content.decode()
    person = Person.objects.get()
    response = client.post(reverse("privacy:requests"), {"person": person.pk, "kind": "export", "note": "CCCD"})
    request = PrivacyRequest.objects.get()
    assert response["Location"] == reverse("privacy:detail", args=[request.pk])
    client.post(reverse("privacy:decide", args=[request.pk]))
    data = json.loads(client.get(reverse("privacy:export", args=[request.pk, "json"])).content)
    assert data["person"]["full_name"] == "Nguyễn Văn An" and len(data["petitions"]) == 1
    text = client.get(reverse("privacy:export", args=[request.pk, "txt"])).content.decode()
    assert "DỮ LIỆU CÁ NHÂN" in text
    assert Event.objects.filter(action="privacy.export").count() == 2
    client.cookies["django_language"] = "en"  # the administrator reads English; the person's letter stays Vietnamese
    english = client.get(reverse("privacy:export", args=[request.pk, "txt"])).content.decode()
    assert "— Mới tiếp nhận" in text and "— Mới tiếp nhận" in english and "Newly received" not in english
    assert client.get(reverse("privacy:export", args=[request.pk, "html"])).status_code == 404


def test_a_refused_erasure_shows_its_reasons(client, intake_unit, officials):
    receive(intake_unit)
    _login(client, officials["administrator"])
    client.post(reverse("privacy:requests"), {"person": Person.objects.get().pk, "kind": "erase"})
    request = PrivacyRequest.objects.get()
    page = client.post(reverse("privacy:decide", args=[request.pk]), follow=True).content.decode()
    assert "Lý do từ chối" in page and "Nghị định 13/2023" in page


def test_retention_command_dry_run_lists_and_writes_nothing(db):
    person = person_create(full_name="Lê Thị Thu")
    Person.objects.filter(pk=person.pk).update(created_at=timezone.now() - timedelta(days=400))
    out = StringIO()
    call_command("privacy_retention", "--dry-run", stdout=out)
    assert f"would erase people.person:{person.pk}" in out.getvalue()
    assert "Nghị định 13/2023" in out.getvalue()
    assert Person.objects.filter(pk=person.pk).exists()
    call_command("privacy_retention", stdout=StringIO())
    assert not Person.objects.filter(pk=person.pk).exists()
