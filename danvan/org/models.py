from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.people.vault import EncryptedTextField


class Role(models.TextChoices):
    RECEPTION_OFFICER = "reception_officer", _("Cán bộ tiếp công dân")
    HANDLER = "handler", _("Cán bộ xử lý đơn")
    VERIFIER = "verifier", _("Người xác minh")
    UNIT_HEAD = "unit_head", _("Lãnh đạo đơn vị")
    LEADER = "leader", _("Lãnh đạo Bộ")
    INSPECTOR = "inspector", _("Thanh tra")
    SUPERVISOR = "supervisor", _("Cơ quan giám sát")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")
    DRAFTER = "drafter", _("Tổ soạn thảo văn bản")


class Unit(models.Model):
    """An organisational unit: the ministry itself, a department, or a local office."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Bộ")
        DEPARTMENT = "department", _("Cục, Vụ, Văn phòng")
        LOCAL_OFFICE = "local_office", _("Cơ quan địa phương")
        EXTERNAL = "external", _("Cơ quan bên ngoài")

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    # The symbol in document numbers, e.g. "QĐ-BNNMT" uses "BNNMT".
    symbol = models.CharField(_("ký hiệu"), max_length=32, blank=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    province_code = models.PositiveSmallIntegerField(_("tỉnh, thành phố"), null=True, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    # A remote or especially difficult area gets the longer time limits of the Complaints Law.
    remote_area = models.BooleanField(_("vùng sâu, vùng xa, đi lại khó khăn"), default=False)
    handles_petitions = models.BooleanField(_("tiếp nhận, xử lý đơn"), default=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """An official of the agency (citizens do not log in: they track with a code and a secret)."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="officials"
    )
    roles = models.JSONField(_("vai trò"), default=list, blank=True)

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")

    def __str__(self) -> str:
        return self.full_name or self.username

    def has_role(self, *roles: Role | str) -> bool:
        return any(str(r) in self.roles for r in roles)


class TwoFactorDevice(models.Model):
    """An official's TOTP authenticator (RFC 6238). The secret is kept encrypted like identities are."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor")
    secret = EncryptedTextField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last time step accepted: a code seen once cannot be replayed within its 30-second window.
    last_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("xác thực hai lớp")
        verbose_name_plural = _("xác thực hai lớp")

    def __str__(self) -> str:
        return f"2FA #{self.user_id}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class SecurityPolicy(models.Model):
    """The administrator's account rules; one row (pk=1)."""

    require_two_factor = models.BooleanField(
        _("bắt buộc xác thực hai lớp với mọi cán bộ"), default=False,
        help_text=_("Cán bộ chưa đăng ký sẽ được chuyển đến trang đăng ký sau khi đăng nhập."))

    class Meta:
        verbose_name = _("chính sách bảo mật")
        verbose_name_plural = _("chính sách bảo mật")

    def __str__(self) -> str:
        return str(_("Chính sách bảo mật"))

    @classmethod
    def current(cls) -> SecurityPolicy:
        return cls.objects.filter(pk=1).first() or cls(pk=1)
