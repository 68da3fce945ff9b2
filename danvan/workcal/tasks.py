from __future__ import annotations

import logging

from danvan.tasks import background
from danvan.workcal.recompute import recompute_all
from danvan.workcal.selectors import calendar_cache_clear

log = logging.getLogger(__name__)


@background
def workcal_recompute_time_limits(*, reason: str = "") -> None:
    """Recompute every open time limit after a calendar change (the registry lists who owns them)."""
    calendar_cache_clear()
    results = recompute_all()
    log.info("time limits recomputed after calendar change (%s): %s", reason, results)
