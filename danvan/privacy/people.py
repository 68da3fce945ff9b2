"""Finding people through danvan.people, whichever way it stores identity.

danvan.people is moving identity behind an encrypted vault with blind indexes (`people_with_id_number`,
`people_named`); until that lands everywhere, fall back to the plain columns. Every lookup of a Person by
identity in this app goes here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from danvan.people.models import Person
from textmining.normalize import fold

_Lookup = Callable[[str], QuerySet[Person]]
_with_id_number: _Lookup | None
_named: _Lookup | None
try:
    from danvan.people.selectors import people_named as _imported_named
    from danvan.people.selectors import people_with_id_number as _imported_id

    _with_id_number, _named = _imported_id, _imported_named
except ImportError:  # the plain columns (before the vault)
    _with_id_number = _named = None

_HAS_FOLDED_NAME = any(f.name == "name_folded" for f in Person._meta.get_fields())


def people_with_id_number(id_number: str) -> QuerySet[Person]:
    if not id_number:
        return Person.objects.none()
    if _with_id_number is not None:
        return _with_id_number(id_number)
    return Person.objects.filter(id_number=id_number)


def people_named(full_name: str) -> QuerySet[Person]:
    if not full_name.strip():
        return Person.objects.none()
    if _named is not None:
        return _named(full_name)
    return Person.objects.filter(**{"name_folded": " ".join(fold(full_name).split())})


def person_create(**fields: Any) -> Person:
    """A new person row; on the plain columns the folded name is kept beside the name."""
    person = Person(**fields)
    if _HAS_FOLDED_NAME:
        setattr(person, "name_folded", fold(person.full_name))  # noqa: B010 - absent once the vault lands
    person.save()
    return person
