"""Who handles people's data requests and the retention run: the administrator (DESIGN.md: org, users, roles)."""

from __future__ import annotations

import rules

from danvan.org.predicates import is_administrator

rules.add_perm("privacy.manage_requests", is_administrator)
