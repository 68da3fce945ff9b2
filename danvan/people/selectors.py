"""Reading who sent a petition. A denouncer's identity is protected (Law on Denunciations Arts. 47, 56):
only officials with `petitions.view_identity` see it, and each time they do is recorded."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.org import places
from danvan.org.models import User
from danvan.petitions.models import Petition


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


def petitioners_for(*, user: User, petition: Petition) -> list[PetitionerView]:
    """The petitioners as this official may see them: in full, or withheld when the identity is protected."""
    rows = list(petition.petitioners.select_related("person"))
    if not rows:
        return []
    if user.has_perm("petitions.view_identity", petition):
        if petition.kind in ("denunciation", "mixed"):
            audit_record(action="identity.view", obj=petition, by=user, data={"people": len(rows)})
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
                       address="", place="", is_representative=r.is_representative, protected=True)
        for r in rows
    ]
