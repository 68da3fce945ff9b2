"""Reading who sent a petition. A denouncer's identity is protected (Law on Denunciations Arts. 9, 47, 56):
only officials with `petitions.view_identity` may see it, only after stating why, and each time they do is
recorded with that purpose. Everything else (exports, documents, API responses) gets it withheld."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.org import places
from danvan.org.models import Role, User
from danvan.people.models import Person
from danvan.people.vault import blind_index
from danvan.petitions.models import PROTECTED_KINDS, Petition

if TYPE_CHECKING:
    from danvan.reception.models import Visit

# Who must know a denouncer: who received them, who processes the petition, and who decides.
MUST_KNOW_ROLES = (Role.RECEPTION_OFFICER, Role.HANDLER, Role.UNIT_HEAD, Role.LEADER)


@dataclass(frozen=True)
class PetitionerView:
    full_name: str
    kind: str
    representative_name: str
    id_number: str
    phone: str
    email: str
    address: str
    place: str
    is_representative: bool
    protected: bool
    # Withheld, but this official may reveal it by stating a purpose (danvan.people.views.identity_reveal).
    can_reveal: bool = False


def people_with_id_number(id_number: str) -> QuerySet[Person]:
    """Everyone recorded with this ID number, found through its blind index (nobody for a blank one)."""
    index = blind_index("id_number", id_number)
    return Person.objects.filter(id_number_index=index) if index else Person.objects.none()


def people_named(full_name: str) -> QuerySet[Person]:
    """Everyone whose folded name equals this one's (case, diacritics and spacing do not matter)."""
    index = blind_index("name", full_name)
    return Person.objects.filter(name_index=index) if index else Person.objects.none()


def petitioners_for(*, user: User, petition: Petition, purpose: str = "") -> list[PetitionerView]:
    """The petitioners as this official may see them: in full, or withheld.

    A complainant's or a recommender's identity is shown to whoever may see it. A denouncer's is shown only
    to an official with `petitions.view_identity` who gives a `purpose`; the view is recorded in the audit
    log with that purpose. Without a purpose the result is withheld with `can_reveal` set for those who may.
    """
    rows = list(petition.petitioners.select_related("person"))
    if not rows:
        return []
    allowed = user.has_perm("petitions.view_identity", petition)
    protected = petition.protects_identity()
    if allowed and (not protected or purpose.strip()):
        if protected:
            audit_record(action="identity.view", obj=petition, by=user,
                         data={"people": len(rows), "purpose": purpose.strip()})
        return [
            PetitionerView(
                full_name=r.person.full_name, kind=r.person.get_kind_display(),
                representative_name=r.person.representative_name, id_number=r.person.id_number,
                phone=r.person.phone, email=r.person.email, address=r.person.address,
                place=", ".join(filter(None, [places.ward_name(r.person.ward_code),
                                              places.province_name(r.person.province_code)])),
                is_representative=r.is_representative, protected=False,
            )
            for r in rows
        ]
    hidden = _("(được giữ bí mật theo Luật Tố cáo)")
    return [
        PetitionerView(full_name=hidden, kind="", representative_name="", id_number="", phone="", email="",
                       address="", place="", is_representative=r.is_representative, protected=True,
                       can_reveal=allowed)
        for r in rows
    ]


@dataclass(frozen=True)
class VisitorView:
    """Who came to the reception desk, as this official may see them (the reception book, a visit's page)."""

    full_name: str
    id_number: str
    address: str
    representatives: tuple[tuple[str, str], ...]
    protected: bool


def visit_identity_is_protected(visit: Visit) -> bool:
    """A visit about a denunciation, or one that brought or joined a petition whose identity is protected."""
    return visit.kind in PROTECTED_KINDS or (visit.petition is not None and visit.petition.protects_identity())


def may_see_visitor(*, user: User, visit: Visit) -> bool:
    """Whether `user` may see who came: anyone who may open the book, unless the visit is a denouncer's;
    then only the roles that must know them, in the visit's unit (or over every unit), and never an official
    the linked denunciation names (danvan.people.recusal)."""
    from danvan.org.predicates import is_official, sees_every_unit, user_unit_ids

    if not is_official(user):
        return False
    if not visit_identity_is_protected(visit):
        return True
    if not user.has_role(*MUST_KNOW_ROLES):
        return False
    if not (sees_every_unit(user) or visit.unit_id in user_unit_ids(user)):
        return False
    return visit.petition is None or user.has_perm("petitions.view_identity", visit.petition)


def visitor_for(*, user: User, visit: Visit) -> VisitorView:
    """The visitor and their representatives as `user` may see them: in full, or withheld."""
    if may_see_visitor(user=user, visit=visit):
        return VisitorView(full_name=visit.full_name, id_number=visit.id_number, address=visit.address,
                           representatives=tuple((r.full_name, r.id_number) for r in visit.representatives.all()),
                           protected=False)
    return VisitorView(full_name=str(_("(được giữ bí mật theo Luật Tố cáo)")), id_number="", address="",
                       representatives=(), protected=True)
