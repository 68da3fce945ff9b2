from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "danvan.privacy"
    label = "privacy"
    verbose_name = _("Bảo vệ dữ liệu cá nhân")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from danvan.privacy import predicates  # noqa: F401  (registers the permissions)
