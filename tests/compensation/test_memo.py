"""The memo a paralegal attaches: provisions, rule versions and digest, facts, amounts, dates,
all in plain words: routes by their labels, facts by what they say of her."""

from __future__ import annotations

import datetime as dt

from service.compensation.answer import routes
from service.compensation.memo import memo
from service.engine.profile import coerce_profile
from service.rules.ruleset import Ruleset
from service.text.words import words_for
from tests.compensation.conftest import Ask
from tests.compensation.test_cases import CHILD, STRADDLE

DIRECT = "Her own application to the DLSA where the offender is not traced or identified"
SCHEDULE = ("Compensation under the scheme's schedule, on an application to the DLSA with a "
            "copy of the FIR")


def test_the_memo_of_a_claim_straddling_2024_07_01(ask: Ask, ruleset: Ruleset) -> None:
    answer, _ = ask(STRADDLE, "2024-09-15", held=["fir-copy"])
    page = memo(answer, words_for(ruleset))
    # The rule base that answered, in full, so the memo can be reproduced.
    assert ruleset.digest in page and f"version {ruleset.version}" in page
    assert page.startswith("# Compensation routes: memo\n\nAs of 15 September 2024.")
    # Provisions: the BNSS for her claim (applied 2024-08-20), the IPC for the offence
    # (2024-03-10); not the BNS offence sections.
    provisions = page.split("## Provisions relied on")[1].split("##")[0]
    assert "Bharatiya Nagarik Suraksha Sanhita, 2023 s.396(4)" in provisions
    assert "Indian Penal Code, 1860 s.370, s.370A" in provisions
    assert "Bharatiya Nyaya Sanhita" not in provisions
    # The version, and the date that picked it, named in words.
    assert ("- Victim compensation scheme under BNSS 2023 s.396, in force from 1 July 2024, by "
            "the date the District Legal Services Authority (DLSA) received her application "
            "for compensation: 20 August 2024") in page
    # Facts relied on, in words, dates included.
    facts = page.split("## Facts relied on")[1]
    for shown in ("the date the offence was committed is 10 March 2024",
                  "the outcome of the criminal case is accused not traced",
                  "she was trafficked", "Her age is 24"):
        assert shown in facts
    # Amounts and dates.
    # Her age at the offence is not recorded: the NALSA 2018 minor's rate (up to Rs 10.5 lakh)
    # is still possible (legal review, correction 4: the rate goes by her age at the offence).
    assert "Rape: ₹4,00,000 to ₹10,50,000" in page
    assert ("Enquiry and award of compensation: District Legal Services Authority by "
            "20 October 2024") in page
    assert "Documents missing: Medical examination or treatment report" in page
    # Closed routes in one line each, with the deciding facts in words.
    assert ("- Compensation on the trial court's recommendation at the end of the trial, also "
            "on acquittal or discharge: The outcome of the criminal case is accused not "
            "traced") in page
    # Open routes are headed by their labels.
    assert f"### {DIRECT}\n" in page
    # Not yet open, undecided and closed routes take a line each, and only the versions of
    # routes not closed are listed: the memo stays short (routes named by their labels take
    # more room than ids did; the one-page deliverable is the brief).
    assert len(page) < 10000
    assert "Bonded" not in page.split("## Rule versions")[1]


def test_the_memo_says_how_open_routes_interact(ask: Ask, ruleset: Ruleset) -> None:
    answer, _ = ask(CHILD, "2025-06-01")
    page = memo(answer, words_for(ruleset))
    interactions = page.split("## How the routes interact")[1].split("##")[0]
    interim = "Interim compensation from the Special Court, at any stage after the FIR"
    final = "Final compensation from the Special Court when the case ends, whatever the result"
    relief = ("Special relief for immediate needs, on the Child Welfare Committee's "
              "recommendation")
    assert (f"- The interim award under “{interim}” is adjusted in the final award under "
            f"“{final}”.") in interactions
    assert f"- “{interim}” and “{relief}” can run at the same time." in interactions
    # Unverified interactions are marked so; closed routes are left out.
    # NALSA 2018 counts what the other live routes pay for the same loss (seed report, NC).
    assert (f"- “{SCHEDULE}” takes into account what she received under “{interim}”, "
            "“Compensation on the trial court's recommendation at the end of the trial, also "
            f"on acquittal or discharge” and “{final}” for the same loss (unverified).") in (
                interactions)
    # The closed direct application is left out.
    assert DIRECT not in interactions
    assert (f"- {relief}: opens on the Child Welfare Committee's recommendation.") in page


def test_the_memo_in_hindi(ruleset: Ruleset) -> None:
    hindi = words_for(ruleset, "hi")
    answer = routes(ruleset, coerce_profile(ruleset, CHILD), dt.date(2025, 6, 1), words=hindi)
    page = memo(answer, hindi)
    # The date as Hindi writes it; an open route headed by its Hindi label.
    assert "1 जून 2025" in page
    english = "Interim compensation from the Special Court, at any stage after the FIR"
    assert hindi.t(english) != english and f"### {hindi.t(english)}\n" in page
