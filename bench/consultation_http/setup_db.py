"""Prepare a database for the intake benchmark: migrate, then one open draft with the sample text.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/consult_bench .venv/bin/python -m bench.consultation_http.setup_db

Prints the draft id, its slug and the id of one article on stdout as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from danvan.consultation import services
    from danvan.consultation.models import Draft
    from danvan.consultation.tests.samples import DRAFT_V1
    from danvan.org.models import Unit

    unit, _ = Unit.objects.get_or_create(code="bnnmt", defaults={
        "name": "Bộ Nông nghiệp và Môi trường", "symbol": "BNNMT", "kind": Unit.Kind.MINISTRY, "province_code": 1})
    draft = Draft.objects.filter(slug="bench-luat-dat-dai").first()
    if draft is None:
        draft = services.draft_create(title="Luật Đất đai (sửa đổi) — thử tải", slug="bench-luat-dat-dai", unit=unit,
                                      by=None)
        services.draft_version_import(draft=draft, data=DRAFT_V1.encode(), filename="bench.txt", by=None)
        today = timezone.localdate()
        services.draft_set_period(draft=draft, opens_on=today - dt.timedelta(days=1),
                                  closes_on=today + dt.timedelta(days=60), by=None)
    article = draft.versions.get().provisions.get(label="Điều 5")
    print(json.dumps({"draft_id": draft.pk, "slug": draft.slug, "provision_id": article.pk}))


if __name__ == "__main__":
    main()
