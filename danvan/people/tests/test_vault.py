"""The identity vault: nothing readable at rest, duplicates still found, keys rotate."""

import stat

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection

from danvan.audit.models import Event
from danvan.people.models import Person
from danvan.people.selectors import people_named, people_with_id_number
from danvan.people.vault import VaultError, blind_index
from danvan.petitions.duplicates import petition_find_duplicates
from danvan.petitions.services import PersonData
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db

AN = PersonData(full_name="Nguyễn Văn An", id_number="001085012345", phone="0912345678",
                email="an.nguyen@example.vn", address="Thôn 3, xã Hòa Vang, TP Đà Nẵng")
SECRETS = ("Nguyễn Văn An", "Nguyen Van An", "001085012345", "0912345678", "an.nguyen@example.vn", "Hòa Vang")


def raw_rows() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_person")
        return [repr(row) for row in cursor.fetchall()]


def test_no_identity_is_stored_in_plain_text(intake_unit):
    receive(intake_unit, petitioners=[AN])
    stored = " ".join(raw_rows())
    for value in SECRETS:
        assert value not in stored
    person = Person.objects.get()
    assert (person.full_name, person.id_number, person.phone) == (AN.full_name, AN.id_number, AN.phone)


def test_the_same_id_number_finds_the_same_person_without_decrypting(intake_unit):
    first = receive(intake_unit, petitioners=[AN]).petition
    receive(intake_unit, petitioners=[AN], content="Một nội dung khác hẳn về chế độ chính sách người có công.")
    assert Person.objects.count() == 1
    assert people_with_id_number("001085012345").get().petitions.filter(petition=first).exists()
    assert not people_with_id_number("").exists()


def test_names_match_folded_but_not_other_kinds():
    assert blind_index("name", "Nguyễn  Văn AN") == blind_index("name", "nguyen van an")
    assert blind_index("name", "Đặng Thị Mai") == blind_index("name", "dang thi mai")
    assert blind_index("name", "001085012345") != blind_index("id_number", "001085012345")
    assert blind_index("phone", "") == ""


def test_people_named_finds_by_folded_name(intake_unit):
    receive(intake_unit, petitioners=[AN])
    assert people_named("NGUYEN VAN AN").count() == 1


def test_filtering_on_an_encrypted_column_fails_loudly():
    with pytest.raises(FieldError, match="blind index"):
        list(Person.objects.filter(id_number="001085012345"))


def test_duplicate_detection_still_finds_the_same_person_by_name_and_phone(intake_unit):
    without_id = PersonData(full_name="Nguyễn Văn An", phone="0912345678")
    first = receive(intake_unit, petitioners=[without_id]).petition
    second = receive(intake_unit, petitioners=[PersonData(full_name="NGUYEN VAN AN", phone="0912345678")],
                     content=first.content + " Tôi gửi lại lần hai.").petition
    assert Person.objects.count() == 2
    matches = petition_find_duplicates(second)
    assert [m.petition_id for m in matches] == [first.pk]
    assert matches[0].kind == "duplicate"


def test_rotation_re_encrypts_with_the_newest_key_and_old_keys_can_go(intake_unit, settings):
    receive(intake_unit, petitioners=[AN])
    old_keys = list(settings.DANVAN_VAULT_KEYS)
    before = raw_rows()
    new = Fernet.generate_key().decode()
    settings.DANVAN_VAULT_KEYS = [new, *old_keys]
    call_command("vault_rotate")
    assert raw_rows() != before
    settings.DANVAN_VAULT_KEYS = [new]
    assert Person.objects.get().id_number == "001085012345"
    assert people_with_id_number("001085012345").count() == 1
    assert Event.objects.filter(action="vault.rotate", data__people=1).exists()


def test_rotation_covers_the_reception_book_too(intake_unit, officials, settings):
    from datetime import date

    from danvan.reception import services as reception
    from danvan.reception.models import Visit
    from danvan.reception.selectors import visitor_history

    visit = reception.visit_record(unit=intake_unit, visited_on=date(2026, 10, 5),
                                   visitor=reception.Visitor("Trần Thị Bình", "001185012345"),
                                   content="Khiếu nại về bồi thường.", kind="complaint", handling="guide",
                                   handling_target="UBND xã", by=officials["reception_officer"]).visit
    new = Fernet.generate_key().decode()
    settings.DANVAN_VAULT_KEYS = [new, *settings.DANVAN_VAULT_KEYS]
    call_command("vault_rotate")
    settings.DANVAN_VAULT_KEYS = [new]
    assert Visit.objects.get(pk=visit.pk).full_name == "Trần Thị Bình"
    assert [v.pk for v in visitor_history(id_number="001185012345").visits] == [visit.pk]


def test_a_token_no_key_opens_is_an_error_not_garbage(intake_unit, settings):
    receive(intake_unit, petitioners=[AN])
    settings.DANVAN_VAULT_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(VaultError):
        Person.objects.get()


def test_the_embedded_key_file_is_made_once_and_private(tmp_path, monkeypatch):
    from danvan import settings as danvan_settings

    monkeypatch.setattr(danvan_settings, "VAR_DIR", tmp_path)
    first = danvan_settings._key_file("vault_keys", "first-key")
    again = danvan_settings._key_file("vault_keys", "second-key")
    assert first == again == "first-key"
    assert stat.S_IMODE((tmp_path / "vault_keys").stat().st_mode) == 0o600


def test_a_person_prints_as_a_number_not_a_name(intake_unit):
    receive(intake_unit, petitioners=[AN])
    assert "Nguyễn" not in str(Person.objects.get())
