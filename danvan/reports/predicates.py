"""Who may read the periodic reports and the dashboard (registered in ReportsConfig.ready)."""

from __future__ import annotations

import rules

from danvan.org.models import Role, User
from danvan.org.predicates import is_official, is_supervisor

can_view_reports = is_official | is_supervisor

rules.add_perm("reports.view_report", can_view_reports)


def sees_identities(user: User) -> bool:
    """Drill-down lists name people only for those who received or handle them; never for supervisors."""
    return not is_supervisor(user) and user.has_role(Role.RECEPTION_OFFICER, Role.HANDLER, Role.UNIT_HEAD, Role.LEADER)
