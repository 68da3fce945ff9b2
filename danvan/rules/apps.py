from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "danvan.rules"
    label = "rules"
    verbose_name = _("Quy tắc pháp lý")

    def ready(self) -> None:
        from danvan.rules.packs import registry

        # A broken pack stops the program here, naming the file and the rule (RulePackError).
        registry.load()
