"""The memo a paralegal attaches: provisions, rule versions and digest, facts, amounts, dates."""

from __future__ import annotations

from service.compensation.memo import memo
from service.rules.ruleset import Ruleset
from tests.compensation.conftest import Ask
from tests.compensation.test_cases import CHILD, STRADDLE


def test_the_memo_of_a_claim_straddling_2024_07_01(ask: Ask, ruleset: Ruleset) -> None:
    answer, _ = ask(STRADDLE, "2024-09-15", held=["fir-copy"])
    page = memo(answer)
    # The rule base that answered, in full, so the memo can be reproduced.
    assert ruleset.digest in page and f"version {ruleset.version}" in page
    assert page.startswith("# Compensation routes: memo\n\nAs of 2024-09-15.")
    # Provisions: the BNSS for her claim (applied 2024-08-20), the IPC for the offence
    # (2024-03-10); not the BNS offence sections.
    provisions = page.split("## Provisions relied on")[1].split("##")[0]
    assert "Bharatiya Nagarik Suraksha Sanhita, 2023 s.396(4)" in provisions
    assert "Indian Penal Code, 1860 s.370, s.370A" in provisions
    assert "Bharatiya Nyaya Sanhita" not in provisions
    # The version, and the date that picked it.
    assert ("`victim-compensation`: Victim compensation scheme under BNSS 2023 s.396, in force "
            "from 2024-07-01, by application_date 2024-08-20") in page
    # Facts relied on, dates included.
    facts = page.split("## Facts relied on")[1]
    for shown in ("offence_date = 2024-03-10", "application_date = 2024-08-20",
                  "case_outcome = accused_untraced", "trafficked = yes"):
        assert shown in facts
    # Amounts and dates.
    # Her age at the offence is not recorded: the NALSA 2018 minor's rate (up to Rs 10.5 lakh)
    # is still possible (legal review, correction 4: the rate goes by her age at the offence).
    assert "Rape: Rs 4,00,000 to Rs 10,50,000" in page
    assert ("Enquiry and award of compensation: District Legal Services Authority by "
            "2024-10-20") in page
    assert "Documents missing: Medical examination or treatment report" in page
    # Closed routes in one line each, with the deciding facts.
    assert ("- `victim-compensation/court-recommendation`: case_outcome in ['convicted', "
            "'acquitted', 'discharged']: false (case_outcome = accused_untraced)") in page
    # Not yet open, undecided and closed routes take a line each, and only the versions of
    # routes not closed are listed: the memo stays about a page.
    assert len(page) < 7500
    assert "`bonded-labour-rehabilitation`:" not in page.split("## Rule versions")[1]


def test_the_memo_says_how_open_routes_interact(ask: Ask) -> None:
    answer, _ = ask(CHILD, "2025-06-01")
    page = memo(answer)
    interactions = page.split("## How the routes interact")[1].split("##")[0]
    assert ("- The interim award under `pocso-compensation/interim` is adjusted in the final "
            "award under `pocso-compensation/final`.") in interactions
    assert ("- `pocso-compensation/interim` and `pocso-special-relief/cwc-recommendation` can "
            "run at the same time.") in interactions
    # Unverified interactions are marked so; closed routes are left out.
    # NALSA 2018 counts what the other live routes pay for the same loss (seed report, NC).
    assert ("- `women-victims-compensation/final-compensation` takes into account what she "
            "received under `pocso-compensation/interim`, `victim-compensation/court-"
            "recommendation`, `pocso-compensation/final` for the same loss (unverified).") in (
                interactions)
    # The closed direct application is left out.
    assert "direct-application" not in interactions
    assert ("- Special relief for immediate needs, on the Child Welfare Committee's "
            "recommendation (`pocso-special-relief/cwc-recommendation`): opens on the Child "
            "Welfare Committee's recommendation.") in page
