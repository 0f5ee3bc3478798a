"""A first visit: little is known, so most routes wait on facts; the answer says which."""

from __future__ import annotations

from tests.compensation.conftest import Ask


def test_unknown_facts_leave_routes_undecided_and_name_what_decides(ask: Ask) -> None:
    # A girl of 12 known to have been sexually abused; nothing else is recorded yet.
    answer, by_id = ask({"pocso_offence_victim": True, "age": 12}, "2025-06-01")
    # Worked out route by route from the conditions in the rule files:
    missing = {rid: r.missing for rid, r in by_id.items()}
    assert missing == {
        # BNSS s.396: is she a crime victim (loss or injury)?
        "victim-compensation/interim-relief": ["crime_victim"],
        # ... and has the trial ended?
        "victim-compensation/court-recommendation": ["crime_victim", "case_outcome"],
        # ... or is the accused untraced, and (while the case is pending) charged or not?
        "victim-compensation/direct-application": ["crime_victim", "case_outcome",
                                                   "chargesheet_filed"],
        # NALSA 2018: a POCSO victim is covered whatever her gender; crime_victim is asked;
        # interim relief needs a harm of the schedule (correction 11); the schedule claim goes
        # with a copy of the FIR.
        "women-victims-compensation/interim-relief": ["crime_victim", "harms_suffered"],
        "women-victims-compensation/final-compensation": ["crime_victim", "fir_registered"],
        # POCSO r.9: after the FIR; when the case ends.
        "pocso-compensation/interim": ["fir_registered"],
        "pocso-compensation/final": ["case_outcome"],
        # r.8: has the CWC recommended relief?
        "pocso-special-relief/cwc-recommendation": ["cwc_recommended_relief"],
        # bonded labour: freed, with a certificate; full assistance also on conviction.
        "bonded-labour-rehabilitation/immediate-assistance": ["released_from_bonded_labour",
                                                              "release_certificate_issued"],
        "bonded-labour-rehabilitation/full-assistance": ["released_from_bonded_labour",
                                                         "release_certificate_issued",
                                                         "case_outcome"],
        # child labour: rescued, the fine credited, or the employer's case still running.
        "child-labour-rehabilitation-fund/fund-credit": ["rescued_from_child_labour",
                                                        "employer_fine_credited",
                                                        "case_outcome"],
    }
    assert answer.counts == {"open": 0, "not_yet_open": 0, "needs_info": 11, "closed": 0}
    # crime_victim and case_outcome each hold up five routes; facts.yaml order breaks the tie.
    assert [(q.fact, q.routes) for q in answer.questions[:3]] == [
        ("crime_victim", 5), ("case_outcome", 5), ("fir_registered", 2)]
    # An undecided route starts its steps with the questions to ask.
    first = by_id["pocso-compensation/interim"].steps[0]
    assert first.action == "Find out: Has the police registered an FIR about the crime?"


def test_an_undecided_route_lists_the_events_that_may_open_it(ask: Ask) -> None:
    # A freed bonded labourer with her certificate; whether there is a criminal case is not
    # known: full assistance is open on a conviction, may come later, or is gone.
    _, by_id = ask({"released_from_bonded_labour": True, "release_certificate_issued": True},
                   "2025-06-01")
    full = by_id["bonded-labour-rehabilitation/full-assistance"]
    assert (full.status, full.missing) == ("needs_info", ["case_outcome"])
    assert [(e.event, e.awaited) for e in full.opens_on] == [
        ("the conviction of the accused", None),
        ("the release certificate from the District or Sub-Divisional Magistrate", False)]
    assert by_id["bonded-labour-rehabilitation/immediate-assistance"].status == "open"
