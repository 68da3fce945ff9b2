from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

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
    full_name = models.CharField(_("họ và tên / tên tổ chức"), max_length=255)
    representative_name = models.CharField(_("người đại diện"), max_length=255, blank=True)
    id_number = models.CharField(
        _("số định danh cá nhân"), max_length=12, blank=True, validators=[id_number_validator], db_index=True
    )
    phone = models.CharField(_("điện thoại"), max_length=10, blank=True, validators=[phone_validator])
    email = models.EmailField(_("thư điện tử"), blank=True)
    # The address as the person wrote it (it may name a district or a former province) beside the
    # normalised unit of today's two-level map.
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    province_code = models.PositiveSmallIntegerField(_("tỉnh, thành phố"), null=True, blank=True)
    ward_code = models.PositiveIntegerField(_("xã, phường"), null=True, blank=True)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("người gửi đơn")
        verbose_name_plural = _("người gửi đơn")

    def __str__(self) -> str:
        return self.full_name
