from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "danvan.emulation"
    label = "emulation"
    verbose_name = _("Phong trào thi đua “Dân vận khéo”")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from danvan.emulation import predicates  # noqa: F401  (registers the permissions)
