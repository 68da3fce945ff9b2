"""Who may do what in consultation: the drafting team (tổ soạn thảo) manages a draft, moderates its comments
and reviews the synthesis, under the ministry's leaders; every official and the supervising bodies read
the synthesis."""

from __future__ import annotations

import rules

from danvan.org.predicates import is_administrator, is_drafter, is_leader, is_official, is_supervisor

drafting_team = is_drafter | is_leader | is_administrator

rules.add_perm("consultation.manage_draft", drafting_team)
rules.add_perm("consultation.moderate_comment", drafting_team)
rules.add_perm("consultation.review_synthesis", drafting_team)
rules.add_perm("consultation.view_drafts", is_official | is_drafter)
rules.add_perm("consultation.view_synthesis", is_official | is_drafter | is_supervisor)
