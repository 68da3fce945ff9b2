from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "danvan.reception"
    label = "reception"
    verbose_name = _("Tiếp công dân")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from danvan.reception import predicates  # noqa: F401  (registers the permissions)
