from __future__ import annotations

import datetime as dt

from danvan.rules.services import rules_in_force

D = dt.date


def test_rules_in_force_carry_their_sources_and_follow_the_timeline():
    today = {r["code"]: r for r in rules_in_force(D(2026, 3, 2))}
    assert today["complaint.first_resolution"]["citation"] == "Luật Khiếu nại 02/2011/QH13, Điều 28"
    assert today["complaint.first_resolution"]["confidence"] == "H"
    assert today["petition.processing"]["confidence"] == "M"
    assert today["reception.group_representatives"]["values"] == {"group_5_to_10": 2, "group_over_10_max": 5}
    assert "reception.no_delegation" not in today
    assert today["evaluation.points"]["values"]["excellent_min"] == 90

    after = {r["code"]: r for r in rules_in_force(D(2026, 7, 1))}
    assert "reception.no_delegation" in after and after["reception.online"]["pack"] == "reception@2026.1"

    in_2018 = {r["code"] for r in rules_in_force(D(2018, 6, 1))}
    assert "complaint.first_resolution" in in_2018
    assert not any(code.startswith("denunciation.") for code in in_2018)
    assert "petition.processing" not in in_2018
    assert "reception.group_representatives" not in in_2018  # Decree 124/2020, from 25 Aug 2020

    assert rules_in_force(D(2010, 1, 1)) == []
