from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MattersConfig(AppConfig):
    name = "danvan.matters"
    label = "matters"
    verbose_name = _("Vụ việc khiếu nại, tố cáo")

    def ready(self) -> None:
        from danvan.matters import predicates  # noqa: F401  (registers the permissions)
        from danvan.matters.services import matters_recompute_time_limits
        from danvan.workcal.recompute import register_recompute

        register_recompute("matters.time_limits", matters_recompute_time_limits)
