from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "danvan.consultation"
    label = "consultation"
    verbose_name = _("Lấy ý kiến dự thảo")

    def ready(self) -> None:
        from danvan.consultation import predicates  # noqa: F401  (registers the permissions)
