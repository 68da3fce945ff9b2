from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.org.models import Role
from danvan.params import date_param
from danvan.rules.services import CASE_LABELS, amount_text, rules_in_force

# Every official reads the rules; supervisors follow matters, not the desk's tools.
_OFFICIAL_ROLES = tuple(r for r in Role if r != Role.SUPERVISOR)


def _is_official(user: object) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "has_role", None)
                and user.has_role(*_OFFICIAL_ROLES))  # type: ignore[attr-defined]


@login_required
def rules_list(request: HttpRequest) -> HttpResponse:
    if not _is_official(request.user):
        raise PermissionDenied
    on = timezone.localdate()
    error = ""
    try:
        on = date_param(request.GET.get("on", "").strip()) or on
    except ValidationError as invalid:
        error = " ".join([*invalid.messages, _("Đang hiển thị các quy tắc của ngày hôm nay.")])
    rules = rules_in_force(on)
    for r in rules:
        # Each case's value with its unit, in the reader's language ("complex: 45 days").
        r["amounts"] = [(CASE_LABELS.get(case, case), amount_text(value, r["unit"]))
                        for case, value in r["values"].items()]
        if r["extension"]:
            r["extension_amount"] = amount_text(r["extension"]["length"], r["unit"])
    return render(request, "rules/rules_list.html", {"on": on, "rules": rules, "error": error},
                  status=400 if error else 200)
