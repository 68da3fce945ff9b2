from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator, validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.people.vault import EncryptedTextField, blind_index

id_number_validator = RegexValidator(r"^\d{12}$", _("Số định danh cá nhân gồm đúng 12 chữ số."))
phone_validator = RegexValidator(r"^0\d{9}$", _("Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."))


class Person(models.Model):
    """A citizen or an organisation who petitions.

    Identity lives here, apart from the petition's content: a denouncer's identity is protected by law
    (Law on Denunciations Arts. 47, 56) and is read only through `danvan.people.selectors`.
    """

    class Kind(models.TextChoices):
        PERSON = "person", _("Cá nhân")
        ORGANIZATION = "organization", _("Tổ chức")

    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    # Identity is encrypted at rest (danvan.people.vault); the *_index columns are keyed HMACs of the
    # normalised values, so the same person is still found without decrypting anyone.
    full_name = EncryptedTextField(_("họ và tên / tên tổ chức"), max_length=255)
    representative_name = EncryptedTextField(_("người đại diện"), max_length=255, blank=True)
    id_number = EncryptedTextField(_("số định danh cá nhân"), max_length=12, blank=True,
                                   validators=[id_number_validator])
    phone = EncryptedTextField(_("điện thoại"), max_length=10, blank=True, validators=[phone_validator])
    email = EncryptedTextField(_("thư điện tử"), max_length=254, blank=True, validators=[validate_email])
    # The address as the person wrote it (it may name a district or a former province) beside the
    # normalised unit of today's two-level map.
    address = EncryptedTextField(_("địa chỉ"), max_length=500, blank=True)
    province_code = models.PositiveSmallIntegerField(_("tỉnh, thành phố"), null=True, blank=True)
    ward_code = models.PositiveIntegerField(_("xã, phường"), null=True, blank=True)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    name_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("người gửi đơn")
        verbose_name_plural = _("người gửi đơn")

    def __str__(self) -> str:
        # Never the name: a Person may be a denouncer, and __str__ ends up in logs, admin and errors.
        return f"#{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.index_refresh()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | set(INDEXED)
        super().save(*args, **kwargs)

    def index_refresh(self) -> None:
        """Recompute the blind indexes from the plain values on this instance."""
        self.id_number_index = blind_index("id_number", self.id_number)
        self.name_index = blind_index("name", self.full_name)
        self.phone_index = blind_index("phone", self.phone)


INDEXED = ("id_number_index", "name_index", "phone_index")
ENCRYPTED = ("full_name", "representative_name", "id_number", "phone", "email", "address")
