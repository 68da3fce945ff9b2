"""Who may do what in consultation. The drafting team is, for now, any active official: the org app has
no "drafting team" role yet (see docs/consultation.md)."""

from __future__ import annotations

import rules

from danvan.org.predicates import is_official, is_supervisor

rules.add_perm("consultation.manage_draft", is_official)
rules.add_perm("consultation.moderate_comment", is_official)
rules.add_perm("consultation.review_synthesis", is_official)
rules.add_perm("consultation.view_synthesis", is_official | is_supervisor)
