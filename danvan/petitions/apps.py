from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = _("Đơn")

    def ready(self) -> None:
        from danvan.petitions import predicates  # noqa: F401  (registers the permissions)
        from danvan.petitions.services import petition_recompute_deadlines
        from danvan.workcal.recompute import register_recompute

        register_recompute("petitions.processing_due", petition_recompute_deadlines)
