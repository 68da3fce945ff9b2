from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "danvan.org"
    label = "org"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        from danvan.org.accounts import connect_signals

        connect_signals()
