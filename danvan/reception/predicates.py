"""Who may read and write the reception book (registered in ReceptionConfig.ready)."""

from __future__ import annotations

import rules

from danvan.org.predicates import is_handler, is_leader, is_official, is_reception_officer, is_unit_head

# Supervisors never open the book: it names denouncers (Law on Denunciations Arts. 47, 56).
can_view_book = is_official
can_receive = is_reception_officer | is_handler | is_unit_head | is_leader

rules.add_perm("reception.view_book", can_view_book)
rules.add_perm("reception.receive", can_receive)
