from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _reinstall_guard(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    # A flush (the test runner between transactional tests) needs the triggers gone and sends post_migrate
    # after it; putting them back here keeps the log append-only for the next test too.
    from danvan.audit.guard import guard_install

    connection = connections[using]
    if "audit_event" in connection.introspection.table_names():
        guard_install(connection)


class AuditConfig(AppConfig):
    name = "danvan.audit"
    label = "audit"

    def ready(self) -> None:
        post_migrate.connect(_reinstall_guard, sender=self, dispatch_uid="audit-guard")
