"""Finding people by ID number through danvan.people, whichever way it stores the number.

danvan.people is moving identity numbers behind a blind index (`people_with_id_number`); until that lands
everywhere, fall back to the plain column. Every lookup of a Person by ID number in this app goes here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from danvan.people.models import Person

_with_id_number: Callable[[str], QuerySet[Person]] | None
try:
    from danvan.people.selectors import people_with_id_number as _imported

    _with_id_number = _imported
except ImportError:  # the plain column (before the vault)
    _with_id_number = None


def people_with_id_number(id_number: str) -> QuerySet[Person]:
    if not id_number:
        return Person.objects.none()
    if _with_id_number is not None:
        return _with_id_number(id_number)
    return Person.objects.filter(id_number=id_number)
