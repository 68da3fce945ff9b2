from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    # The shared counters of rate limits and lockouts live in a database cache table on the embedded setup;
    # createcachetable is idempotent and does nothing when the cache is Redis.
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class SecurityConfig(AppConfig):
    name = "danvan.security"
    label = "security"

    def ready(self) -> None:
        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="security-cache-table")
