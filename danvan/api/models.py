"""Who may call the APIs: officials' bearer tokens and Open311 client applications; and what Open311
clients filed. Keys are stored only as SHA-256 digests: a leaked database does not leak a usable key."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A bearer token that acts as one official ("Authorization: Bearer <key>")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ"), on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100)
    # The first characters of the key, shown so an administrator can tell tokens apart; never enough to use.
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    last_used = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True, editable=False)
    active = models.BooleanField(_("đang hiệu lực"), default=True)

    class Meta:
        verbose_name = _("khóa API của cán bộ")
        verbose_name_plural = _("khóa API của cán bộ")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Open311Client(models.Model):
    """An application (a civic app, another agency's system) allowed to file petitions through Open311."""

    name = models.CharField(_("tên ứng dụng"), max_length=255, unique=True)
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("đang hiệu lực"), default=True)
    created = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("ứng dụng Open311")
        verbose_name_plural = _("ứng dụng Open311")

    def __str__(self) -> str:
        return self.name


class Open311Request(models.Model):
    """A petition filed through Open311: the service the client chose and the token it was given."""

    petition = models.OneToOneField("petitions.Petition", on_delete=models.CASCADE, related_name="open311")
    client = models.ForeignKey(Open311Client, on_delete=models.PROTECT, related_name="requests")
    token = models.CharField(max_length=32, unique=True)
    # The citizen's own choice; the handler's classification (Petition.kind) may differ later.
    service_code = models.CharField(max_length=32)
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("yêu cầu Open311")
        verbose_name_plural = _("yêu cầu Open311")

    def __str__(self) -> str:
        return self.token
