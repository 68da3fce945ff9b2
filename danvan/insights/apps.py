from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "danvan.insights"
    label = "insights"
    verbose_name = _("Bảng điều hành")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from danvan.insights import predicates  # noqa: F401  (registers the permissions)
