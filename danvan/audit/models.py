from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# What acted without an official's account, as a reader says it.
_ACTOR_LABELS = {"citizen": _("người gửi"), "system": _("hệ thống"), "anonymous": _("người chưa đăng nhập")}


class Event(models.Model):
    """One entry of the append-only, hash-chained record of who did what.

    `hash` covers the previous entry's hash and this entry's content, so editing or deleting any entry
    breaks every hash after it (see `danvan.audit.services.audit_verify_chain`).
    """

    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    # Who acted when no official did: "citizen", "system", "api:<client>".
    actor_label = models.CharField(max_length=64, blank=True)
    action = models.CharField(_("hành động"), max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        indexes = [models.Index(fields=["object_type", "object_id", "id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"

    @property
    def actor_display(self) -> str:
        """Who acted: the official, or "người gửi", "hệ thống", an API client's name."""
        if self.actor_id:
            return str(self.actor)
        if self.actor_label.startswith("api:"):
            return self.actor_label.removeprefix("api:")
        return str(_ACTOR_LABELS.get(self.actor_label, self.actor_label))


class ChainHead(models.Model):
    """A single row locked while an event is appended, so concurrent writers form one chain."""

    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.last_hash
