"""Golden profiles (issue 3): thirteen synthetic survivors, each answered on two dates.

The profiles (facts only) are in profiles.py. The expectations below were worked out by hand: for
each profile, each date and every entitlement file, the version in force on that date, its `when`
clauses in three-valued logic (an absent fact is unknown), the `missing` base facts, and each
benefit's own condition and amount slab, checked against shared/legal-framework.md and
shared/law/sources.md. They were not copied from the engine.

Notation of an expectation: entitlement id -> (status, missing, benefits)
  status    E eligible, N not_eligible, I needs_info
  missing   for I: the set of base facts that would decide it; None otherwise (asserted empty)
  benefits  label -> what she gets:
              an int           applies, exactly that amount
              (min, max)       applies, that range (None = open end)
              KIND             applies, no figure set (in kind, or set case by case)
              NO               does not apply
              Maybe(amount)    not yet decided (the entitlement or the benefit's own condition
                               is unknown); amount is the span still possible (None: no figure)
            For E and I every benefit of the version is listed; for N the dict is empty and every
            benefit must not apply.

Where the rule file disagrees with the framework, the expectation follows the framework and the
case is listed in DISPUTED, run as its own xfail(strict=True) case with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from service.engine.evaluate import evaluate
from service.engine.profile import coerce_profile
from service.engine.result import Evaluation
from service.rules.ruleset import Ruleset
from tests.golden.profiles import PROFILES

A = dt.date(2020, 1, 1)
B = dt.date(2026, 11, 28)  # "today" in the issue

E, N, I = "eligible", "not_eligible", "needs_info"  # noqa: E741
KIND = (None, None)
NO = None


@dataclass(frozen=True)
class Maybe:
    amount: int | tuple[int | None, int | None] | None = None


MAYBE = Maybe()
Exp = tuple[str, frozenset[str] | None, dict[str, Any]]


def miss(*facts: str) -> frozenset[str]:
    return frozenset(facts)


def dated(both: dict[str, Exp], only_a: dict[str, Exp],
          only_b: dict[str, Exp]) -> dict[dt.date, dict[str, Exp]]:
    """Entries true on both dates, plus each date's own; no entitlement may be given twice."""
    assert not (set(both) & set(only_a)) and not (set(both) & set(only_b))
    return {A: {**both, **only_a}, B: {**both, **only_b}}


# Versions in force on the two dates (valid_from <= date <= valid_until), from the rule files.
# 2020-01-01 (31 entitlements): not yet in force: pocso-special-relief (from 2020-03-09),
#   skill-training (PMKVY 4.0 from 2022-04-01); ended: modular-employable-skills (2017-03-31).
# 2026-11-28 (30 entitlements): ended: child-labour-special-training (NCLP, 2021-03-31),
#   modular-employable-skills, urban-livelihoods and urban-homeless-shelter (DAY-NULM, 2024-09-30).

# Benefits that recur.
# victim-compensation from 2015-08-21: the Compensation benefit (CVCF floor or the State's figure)
# now covers trafficking, rape and a minor's abuse only; any other loss or injury is this second
# benefit, with no figure (the {min: 0} slab was a figure in place, E428).
VC_OTHER = "Compensation for another loss or injury"
LEGAL_AID = {"Free lawyer and legal services": KIND}
RKSK = {"Counselling": KIND, "Adolescent friendly health clinic": KIND}
SKILL = {"Free short-term training with a certificate": KIND}
DDU = {"Free placement-linked skill training": KIND, "Placement in a job": KIND}
KGBV = {"Residential schooling": KIND}
WITNESS = {"Protection order": KIND, "Interim protection": KIND}
WITNESS_OPEN = {"Protection order": MAYBE, "Interim protection": MAYBE}
MENTAL = {"Free mental health treatment": KIND, "Rehabilitation and supported accommodation": KIND}
MENTAL_OPEN = {"Free mental health treatment": MAYBE,
               "Rehabilitation and supported accommodation": MAYBE}
NULM = {"Skill training with placement": KIND,
        "Loan with interest subsidy for self-employment": KIND,
        "Membership of a self-help group": KIND}
NULM_OPEN = dict.fromkeys(NULM, MAYBE)
SHG = {"Membership of a women's self-help group": KIND,
       "Revolving fund to her group": (10000, 30000),
       "Community investment fund": KIND, "Bank loan with interest subvention": KIND}
POSH_UNASKED = ("workplace_harassment", "months_since_workplace_harassment")
CLF_UNASKED = ("rescued_from_child_labour", "employer_fine_credited")
SENIOR = "Senior citizen cover (Ayushman Vay Vandana)"
OSC_SERVICES = {"Medical aid": KIND, "Help with the police": KIND, "Legal aid": KIND,
                "Counselling": KIND}
AAY = "Antyodaya ration: 35 kg of grain a month"


def wage(days: int, worth: Any = KIND) -> dict[str, Any]:
    """MGNREGA (100 days) or VB-G RAM G (125 days) per household a year; no figure for the
    unemployment allowance. The wages for the guaranteed days (added with the rural_wage
    parameters): her State's notified MGNREGA rate times the days; no figure (KIND) before
    FY 2023-24, when no rate is encoded."""
    return {"Wage employment": days, "Wages for the guaranteed days": worth,
            "Unemployment allowance": KIND}


def foster(grant: Any, placement: Any = KIND) -> dict[str, Any]:
    return {"Placement with a foster family": placement, "Foster care grant": grant}


def bonded(immediate: Any, full: Any) -> dict[str, Any]:
    return {"Immediate assistance": immediate, "Full rehabilitation assistance": full}


def nalsa_trafficking(witness: Any) -> dict[str, Any]:
    return {"Panel lawyer and para-legal volunteer through the case": KIND,
            "Court order for her protection as a witness": witness,
            "Help to claim victim compensation": KIND,
            "Links to welfare schemes and an alternative livelihood": KIND}


WV_ROWS = ["Interim relief for an acid attack", "Gang rape", "Rape", "Unnatural sexual assault",
           "Pregnancy on account of rape", "Loss of foetus or fertility",
           "Acid attack, facial disfigurement", "Acid attack, more than 50% injury",
           "Grievous physical or mental injury", "Permanent disability of 80% or more"]


def women_victims(rows: dict[str, Any] | None = None) -> dict[str, Any]:
    """NALSA 2018 for an eligible victim: each schedule row NO (her harms_suffered does not hold
    it) unless given in ``rows``; interim relief Rs 5,000-10,000 only with a harm of the schedule
    (legal review, correction 11: not on an application alone), so NO when ``rows`` is empty."""
    rows = rows or {}
    assert set(rows) <= set(WV_ROWS), rows
    interim = (5000, 10000) if rows else NO
    return {"Interim relief": interim, **{r: rows.get(r, NO) for r in WV_ROWS}}


def food(aay: Any, phh: Any, card: Any, sex_work: Any = None) -> dict[str, Any]:
    """Food security benefits; sex_work given only for versions from 2020-10-28 (Budhadev
    Karmaskar), as the two benefits for sex workers (the card one from 2021-12-14)."""
    out = {AAY: aay, "Priority household ration": phh, "Antyodaya card on application": card}
    if sex_work is not None:
        dry, card_sw = sex_work
        out["Dry rations without a ration card"] = dry
        out["Ration card for a sex worker"] = card_sw
        # Date B only (free grain from 2023-01-01, rule correction): the price per kg,
        # nfsa.grain_price = 0, applies with an Antyodaya or priority card, as those rations do.
        out["Price of the grain, per kg"] = (0 if KIND in (aay, phh) else
                                             NO if (aay, phh) == (NO, NO) else Maybe(0))
    return out


NOT: Exp = (N, None, {})  # not eligible: every benefit must not apply


# --- girl of 17 restored to her village (Jharkhand, ST, rural, in school) -------------------------
GIRL_17_RESTORED = dated(
    both={
        # KGBV under Samagra Shiksha (from 2018-04-01): female, 10 <= 17 <= 18, ST family.
        "girls-residential-school": (E, None, KGBV),
        # RKSK: adolescents 10 to 19.
        "adolescent-health": (E, None, RKSK),
        # MHA 2017 s.18: needs_mental_health_care not asked; poor_household holds (priority card),
        # so only that fact is missing.
        "mental-health-care": (I, miss("needs_mental_health_care"), MENTAL_OPEN),
        # PWDVA: domestic_violence is false.
        "domestic-violence-relief": NOT,
        # LSA Act s.12(b): a victim of trafficking.
        "free-legal-aid": (E, None, LEGAL_AID),
        # NALSA 2015 scheme: trafficked; witness-protection help waits on threatened_as_witness.
        "trafficking-victims-legal-services": (E, None, nalsa_trafficking(MAYBE)),
        # NALSA 2018: female and a crime victim; harms_suffered is empty, so no schedule row,
        # no acid interim relief, and no interim relief either (correction 11).
        "women-victims-compensation": (E, None, women_victims()),
        # POSH: female; workplace_harassment and the months since are not asked (a domestic
        # worker's employer's home is a workplace, s.2(o)); all three benefits open.
        "workplace-harassment-complaint": (I, miss(*POSH_UNASKED),
                                           {"Inquiry into her complaint": MAYBE,
                                            "Extension of the time to complain": MAYBE,
                                            "Compensation": MAYBE}),
        # CLPR Act s.14B: both rescued_from_child_labour and employer_fine_credited unknown.
        # Credit Rs 15,000 open; interest (age < 18 holds) open; corpus at 18 does not apply.
        "child-labour-rehabilitation-fund": (I, miss(*CLF_UNASKED),
                                             {"Government credit to the Fund for her": Maybe(15000),
                                              "Interest paid to the child": MAYBE,
                                              "Corpus paid at 18": NO}),
        # DDU-GKY: rural, poor (priority card), 15 <= 17 <= 35.
        "rural-youth-placement-training": (E, None, DDU),
        # DAY-NRLM: members are adult women (correction 11, legal review 2026: age >= 18);
        # 17 < 18 -> not eligible (it was eligible while the rule set no minimum age).
        "self-help-group-support": NOT,
        # ICPS/Vatsalya foster care: without_family_care is false (has family support).
        "foster-care": NOT,
        # Open shelter: not an urban resident.
        "open-shelter": NOT,
        # Ujjawala / Shakti Sadan reintegration: not sexually exploited (and under 18 for
        # Shakti Sadan).
        "reintegration-support": NOT,
        # Shelter homes: needs_shelter false (and under 18 for Shakti Sadan).
        "shelter-home-for-women": NOT,
        # Bonded labour: not released from bonded labour.
        "bonded-labour-rehabilitation": NOT,
        # RTE: 17 is above 6-14.
        "free-schooling": NOT,
        # MGNREGA / VB-G RAM G: age >= 18 fails.
        "rural-wage-employment": NOT,
        # After care: not a care leaver.
        "after-care": NOT,
        # POCSO compensation: pocso_offence_victim false.
        "pocso-compensation": NOT,
        # Free treatment: no rape or acid attack in harms_suffered (and no POCSO offence in 2026).
        "free-treatment-of-victims": NOT,
    },
    only_a={
        # NCLP (2017-02-01..2021-03-31): 9 <= 17 <= 14 fails.
        "child-labour-special-training": NOT,
        # SAG (2018-04-01..2021-03-31): 11 <= 17 <= 14 fails.
        "adolescent-girls-nutrition": NOT,
        # PM-JAY 2018: was E on secc_deprivation (ST household). Correction 6
        # (legal review): PM-JAY follows its list (SECC 2011 / NFSA), not caste or work:
        # pmjay_listed not asked.
        "health-cover": (I, miss("pmjay_listed"), {"Hospital cover": Maybe(500000)}),
        # CrPC 357A with CVCF floor: trafficked, 17 not < 14 -> second slab, at least Rs 1 lakh;
        # FIR registered -> interim relief.
        "victim-compensation": (E, None, {"Compensation": (100000, None), VC_OTHER: NO,
                                          "Interim relief and free first aid": KIND}),
        # Witness Protection Scheme 2018: threatened_as_witness unknown.
        "witness-protection": (I, miss("threatened_as_witness"), WITNESS_OPEN),
        # DAY-NULM: rural, not urban_resident.
        "urban-livelihoods": NOT,
        # ICPS sponsorship: rural income ceiling Rs 24,000; her family earns Rs 48,000.
        "child-sponsorship": NOT,
        # NFSA 2013: priority card -> the priority ration only.
        "food-security": (E, None, food(aay=NO, phh=KIND, card=NO)),
        # OSC (Sakhi) 2015: female, trafficked; no shelter needed; under 18 -> link to the CWC.
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": NO,
                                      "Link to the Child Welfare Committee": KIND}),
        # Urban homeless shelter: not without shelter.
        "urban-homeless-shelter": NOT,
    },
    only_b={
        # SAG under Poshan 2.0: female, 14 <= 17 < 18, Aspirational District.
        "adolescent-girls-nutrition": (E, None, {"Supplementary nutrition": KIND}),
        # PM-JAY with 70+: was E (ST household). Correction 6
        # (legal review): PM-JAY follows its list (SECC 2011 / NFSA), not caste or work:
        # pmjay_listed not asked; senior cover needs age >= 70.
        "health-cover": (I, miss("pmjay_listed"), {"Hospital cover": Maybe(500000),
                                                   SENIOR: NO}),
        # BNSS 396 with CVCF floor: as in 2020, at least Rs 1 lakh; interim relief on the FIR.
        "victim-compensation": (E, None, {"Compensation": (100000, None), VC_OTHER: NO,
                                          "Interim relief and free first aid": KIND}),
        # BNSS 398 scheme: threatened_as_witness unknown.
        "witness-protection": (I, miss("threatened_as_witness"), WITNESS_OPEN),
        # POCSO Rules 2020 r.8: no POCSO offence.
        "pocso-special-relief": NOT,
        # PMKVY 4.0 (continuation from 2026-04-01): 15 <= 17 <= 59.
        "skill-training": (E, None, SKILL),
        # Mission Vatsalya sponsorship: under 18, trafficked, rural income 48,000 <= 72,000,
        # no sibling sponsored, in school -> Rs 4,000 a month.
        "child-sponsorship": (E, None, {"Sponsorship": 4000}),
        # NFSA with PMGKAY: priority card; not a sex worker.
        "food-security": (E, None, food(aay=NO, phh=KIND, card=NO, sex_work=(NO, NO))),
        # OSC with 10-day shelter: shelter not needed; link to the CWC.
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": NO,
                                      "Link to the Child Welfare Committee": KIND}),
    },
)


# --- adult man released from bonded labour, case pending (Odisha, SC, rural) ----------------------
_BONDED_MAN_BOTH: dict[str, Exp] = {
    # RKSK 10-19, KGBV (girls), RTE 6-14, SAG (girls): age or gender fails.
    "adolescent-health": NOT,
    "girls-residential-school": NOT,
    "free-schooling": NOT,
    "adolescent-girls-nutrition": NOT,
    # MHA s.18: poor household (priority card, BPL) holds; needs_mental_health_care not asked.
    "mental-health-care": (I, miss("needs_mental_health_care"), MENTAL_OPEN),
    # PWDVA, POSH, OSC, shelter homes: gender == 'female' fails.
    "domestic-violence-relief": NOT,
    "workplace-harassment-complaint": NOT,
    "one-stop-centre": NOT,
    "shelter-home-for-women": NOT,
    # NALSA 2018: neither female nor under 18.
    "women-victims-compensation": NOT,
    # LSA Act s.12(b): a victim of begar (released_from_bonded_labour).
    "free-legal-aid": (E, None, LEGAL_AID),
    # NALSA 2015 trafficking scheme: not trafficked, not sexually exploited, no sex work.
    "trafficking-victims-legal-services": NOT,
    # Free treatment: harms_suffered empty (no rape, no acid attack); no POCSO offence.
    "free-treatment-of-victims": NOT,
    # POCSO: no POCSO offence.
    "pocso-compensation": NOT,
    # Child labour fund: not rescued from child labour.
    "child-labour-rehabilitation-fund": NOT,
    # DDU-GKY: rural, poor (priority card), 15 <= 34 <= 35.
    "rural-youth-placement-training": (E, None, DDU),
    # NRLM SHG: women only.
    "self-help-group-support": NOT,
    # After care, sponsorship, foster care, open shelter: adults / care leavers only.
    "after-care": NOT,
    "child-sponsorship": NOT,
    "foster-care": NOT,
    "open-shelter": NOT,
    # Reintegration: not trafficked.
    "reintegration-support": NOT,
}
_BONDED_MAN_A: dict[str, Exp] = {
    # NCLP: not rescued from child labour, and 34 is not 9-14.
    "child-labour-special-training": NOT,
    # PM-JAY 2018: was E on pmjay_rural_auto (released bonded labour). Correction 6
    # (legal review): PM-JAY follows its list (SECC 2011 / NFSA), not caste or work:
    # pmjay_listed not asked.
    "health-cover": (I, miss("pmjay_listed"), {"Hospital cover": Maybe(500000)}),
    # CrPC 357A + CVCF: crime victim; not trafficked, no rape, adult -> no CVCF floor: the second
    # benefit, no figure (was the slab {min: 0});
    # FIR registered -> interim relief.
    "victim-compensation": (E, None, {"Compensation": NO, VC_OTHER: KIND,
                                      "Interim relief and free first aid": KIND}),
    # Witness Protection Scheme 2018: threatened by the kiln owner's men.
    "witness-protection": (E, None, WITNESS),
    # Scheme 2016 as raised on 2017-01-17: immediate Rs 20,000 whatever the prosecution stage;
    # full assistance waits for accused_convicted (case pending -> false).
    "bonded-labour-rehabilitation": (E, None, bonded(20000, NO)),
    # MGNREGA: adult, rural: 100 days per household per year; allowance has no figure.
    "rural-wage-employment": (E, None, wage(100)),
    # DAY-NULM and urban shelters: rural, housed.
    "urban-livelihoods": NOT,
    "urban-homeless-shelter": NOT,
    # NFSA 2013: priority card.
    "food-security": (E, None, food(aay=NO, phh=KIND, card=NO)),
}
_BONDED_MAN_B: dict[str, Exp] = {
    # PM-JAY with 70+: was E (auto-included). Correction 6: pmjay_listed not asked; 34 < 70.
    "health-cover": (I, miss("pmjay_listed"), {"Hospital cover": Maybe(500000),
                                               SENIOR: NO}),
    # BNSS 396: as above, no floor for a crime other than trafficking.
    "victim-compensation": (E, None, {"Compensation": NO, VC_OTHER: KIND,
                                      "Interim relief and free first aid": KIND}),
    # BNSS 398 witness protection: threatened.
    "witness-protection": (E, None, WITNESS),
    # Scheme 2021 (continuation from 2026-04-01): immediate assistance up to Rs 30,000;
    # full assistance waits for the conviction.
    "bonded-labour-rehabilitation": (E, None, bonded((None, 30000), NO)),
    # VB-G RAM G (from 2026-07-01): 125 days; wages for them at Odisha's last MGNREGA rate
    # (FY 2025-26, Rs 273 a day): 273 x 125.
    "rural-wage-employment": (E, None, wage(125, 34125)),
    # POCSO special relief: no POCSO offence.
    "pocso-special-relief": NOT,
    # PMKVY 4.0: 15 <= 34 <= 59.
    "skill-training": (E, None, SKILL),
    # NFSA with PMGKAY: priority card; not a sex worker.
    "food-security": (E, None, food(aay=NO, phh=KIND, card=NO, sex_work=(NO, NO))),
}
BONDED_MAN_PENDING = dated(_BONDED_MAN_BOTH, _BONDED_MAN_A, _BONDED_MAN_B)

# --- the same man after the conviction ------------------------------------------------------------
# Only the full rehabilitation assistance changes: accused_convicted now holds. Slabs: not
# transgender, no disability, not trafficked, an adult man (the sexual exploitation clause needs a
# woman or child) -> not extreme; not a child or woman -> not special; adult male: Rs 1 lakh.
BONDED_MAN_CONVICTED = dated(
    _BONDED_MAN_BOTH,
    {**_BONDED_MAN_A,
     "bonded-labour-rehabilitation": (E, None, bonded(20000, 100000))},
    {**_BONDED_MAN_B,
     "bonded-labour-rehabilitation": (E, None, bonded((None, 30000), 100000))},
)


# --- boy of 12 rescued from child labour (Bihar, OBC, rural, Antyodaya card) ----------------------
CHILD_LABOURER_12 = dated(
    both={
        # KGBV and the adolescent girls' schemes are for girls.
        "girls-residential-school": NOT,
        "adolescent-girls-nutrition": NOT,
        # RKSK: 10 <= 12 <= 19.
        "adolescent-health": (E, None, RKSK),
        # MHA s.18: needs care, and an Antyodaya card makes the household poor.
        "mental-health-care": (E, None, MENTAL),
        # PWDVA, POSH, OSC, shelter homes: female only.
        "domestic-violence-relief": NOT,
        "workplace-harassment-complaint": NOT,
        "one-stop-centre": NOT,
        "shelter-home-for-women": NOT,
        # LSA Act s.12: trafficked (and a child).
        "free-legal-aid": (E, None, LEGAL_AID),
        # Free treatment: a grievous injury is not rape or an acid attack; no POCSO offence.
        "free-treatment-of-victims": NOT,
        # POCSO compensation: no POCSO offence.
        "pocso-compensation": NOT,
        # NALSA 2015: trafficked; threatened_as_witness false -> no witness court order.
        "trafficking-victims-legal-services": (E, None, nalsa_trafficking(NO)),
        # Witness protection: not threatened.
        "witness-protection": NOT,
        # NALSA 2018 is a scheme for women victims; for children it is the POCSO Special Court's
        # guideline (SC, 5 Sep 2018; framework: "women victims (and, as a guideline for POCSO
        # courts, children)"). A boy who is not a POCSO victim is outside it. (This suite found
        # the rule admitting any child, age < 18; it now admits a child as a POCSO victim.)
        "women-victims-compensation": NOT,
        # Bonded labour: not released as a bonded labourer.
        "bonded-labour-rehabilitation": NOT,
        # CLPR Act s.14B: rescued and the employer's fine credited -> Rs 15,000 credited; interest
        # paid while under 18; corpus only at 18.
        "child-labour-rehabilitation-fund": (E, None, {
            "Government credit to the Fund for her": 15000,
            "Interest paid to the child": KIND,
            "Corpus paid at 18": NO}),
        # MGNREGA / VB-G RAM G: adults only.
        "rural-wage-employment": NOT,
        # DDU-GKY: age >= 15 fails.
        "rural-youth-placement-training": NOT,
        # SHG: women only.
        "self-help-group-support": NOT,
        # After care: not a care leaver, not 18.
        "after-care": NOT,
        # Foster care: he has family support, so without_family_care is false.
        "foster-care": NOT,
        # Open shelter: rural.
        "open-shelter": NOT,
        # Reintegration: not sexually exploited.
        "reintegration-support": NOT,
    },
    only_a={
        # NCLP (Rs 400 from 2017-02): rescued, 9 <= 12 <= 14; every component, stipend Rs 400 a
        # month.
        "child-labour-special-training": (E, None, {
            "Bridge education": KIND, "Vocational training": KIND, "Midday meal": KIND,
            "Health care": KIND, "Stipend": 400, "Admission to a regular school": KIND}),
        # RTE (before the 2024 rules): 6 <= 12 <= 14; not in school -> special training too.
        "free-schooling": (E, None, {"Free elementary education": KIND,
                                     "Free textbooks and uniforms": KIND,
                                     "Age-appropriate admission with special training": KIND,
                                     "No holding back or expulsion until class 8": KIND}),
        # PM-JAY 2018: was E on SECC D7 (landless manual labour). Correction 6
        # (legal review): PM-JAY follows its list (SECC 2011 / NFSA), not caste or work:
        # pmjay_listed not asked.
        "health-cover": (I, miss("pmjay_listed"), {"Hospital cover": Maybe(500000)}),
        # CrPC 357A + CVCF: trafficked and 12 < 14 -> first slab, at least Rs 1.5 lakh.
        "victim-compensation": (E, None, {"Compensation": (150000, None), VC_OTHER: NO,
                                          "Interim relief and free first aid": KIND}),
        # ICPS sponsorship: rural ceiling Rs 24,000 < his family's Rs 30,000 (and he is not in
        # school).
        "child-sponsorship": NOT,
        # NFSA 2013: Antyodaya card -> 35 kg a month.
        "food-security": (E, None, food(aay=KIND, phh=NO, card=NO)),
        # DAY-NULM, urban shelters: rural, housed.
        "urban-livelihoods": NOT,
        "urban-homeless-shelter": NOT,
    },
    only_b={
        # RTE with the 2024 rules: 6 <= 12 <= 14; not in school -> special training.
        "free-schooling": (E, None, {
            "Free elementary education": KIND, "Free textbooks and uniforms": KIND,
            "Age-appropriate admission with special training": KIND,
            "No expulsion until class 8": KIND,
            "Extra teaching and a re-examination before being held back": KIND}),
        # PM-JAY: was E (SECC D7). Correction 6: pmjay_listed not asked; not 70.
        "health-cover": (I, miss("pmjay_listed"), {"Hospital cover": Maybe(500000),
                                                   SENIOR: NO}),
        # BNSS 396 + CVCF: trafficked and under 14 -> at least Rs 1.5 lakh.
        "victim-compensation": (E, None, {"Compensation": (150000, None), VC_OTHER: NO,
                                          "Interim relief and free first aid": KIND}),
        # POCSO special relief: no POCSO offence.
        "pocso-special-relief": NOT,
        # PMKVY: 15 <= 12 fails.
        "skill-training": NOT,
        # Vatsalya sponsorship: trafficked, income within Rs 72,000, no sibling sponsored ->
        # Rs 4,000. Not in school: attendance is now a condition to keep (he is told to enrol),
        # not to get (rule correction, child-sponsorship `keep:`).
        "child-sponsorship": (E, None, {"Sponsorship": 4000}),
        # NFSA with PMGKAY: Antyodaya card; not a sex worker.
        "food-security": (E, None, food(aay=KIND, phh=NO, card=NO, sex_work=(NO, NO))),
    },
)


# --- care leaver of 19 with no family (Mumbai, metro) ---------------------------------------------
CARE_LEAVER_19 = dated(
    both={
        # KGBV: 19 > 18. RTE: 19 > 14. Adolescent girls: above 14 (SAG) and 18 (Poshan 2.0).
        "girls-residential-school": NOT,
        "free-schooling": NOT,
        "adolescent-girls-nutrition": NOT,
        # RKSK: 10 <= 19 <= 19.
        "adolescent-health": (E, None, RKSK),
        # MHA s.18: needs care; no ration card (not poor by the card), not destitute, not without
        # shelter; below_poverty_line unknown decides.
        "mental-health-care": (I, miss("below_poverty_line"), MENTAL_OPEN),
        # PWDVA: no domestic violence. POSH: no workplace harassment.
        "domestic-violence-relief": NOT,
        "workplace-harassment-complaint": NOT,
        # LSA s.12: trafficked, a woman.
        "free-legal-aid": (E, None, LEGAL_AID),
        # Free treatment (s.357C, then BNSS 397): a woman raped.
        "free-treatment-of-victims": (E, None, {"Free first aid and medical treatment": KIND}),
        # POCSO compensation (r.7 of 2012, then r.9 of 2020): she was a child victim; FIR ->
        # interim; the case ended in acquittal -> final compensation too.
        "pocso-compensation": (E, None, {"Interim compensation": KIND, "Final compensation": KIND}),
        # NALSA 2015: trafficked; not threatened -> no witness court order.
        "trafficking-victims-legal-services": (E, None, nalsa_trafficking(NO)),
        # CrPC 357A / BNSS 396 + CVCF: trafficked, 19 -> at least Rs 1 lakh; FIR -> interim relief.
        "victim-compensation": (E, None, {"Compensation": (100000, None), VC_OTHER: NO,
                                          "Interim relief and free first aid": KIND}),
        # Witness protection: not threatened.
        "witness-protection": NOT,
        # NALSA 2018: female crime victim; rape row; 19 is not a minor now, but her age at the
        # offence is not recorded (correction 4: the minor's rate goes by it) -> Rs 4-10.5 lakh.
        "women-victims-compensation": (E, None, women_victims({"Rape": (400000, 1050000)})),
        # Bonded labour, child labour fund: neither applies to her.
        "bonded-labour-rehabilitation": NOT,
        "child-labour-rehabilitation-fund": NOT,
        # Rural schemes (MGNREGA / VB-G RAM G, DDU-GKY, NRLM): she lives in a metro city.
        "rural-wage-employment": NOT,
        "rural-youth-placement-training": NOT,
        "self-help-group-support": NOT,
        # Child schemes: 19 is not under 18.
        "child-sponsorship": NOT,
        "foster-care": NOT,
        "open-shelter": NOT,
        # Reintegration (Ujjawala / Shakti Sadan): she is not in a shelter or protective home.
        "reintegration-support": NOT,
    },
    only_a={
        # NCLP: not rescued from child labour; 19 > 14.
        "child-labour-special-training": NOT,
        # PM-JAY 2018: not rural; urban but not in a listed occupation; pmjay_listed unknown.
        # Hospital cover has no own condition in this version: open, Rs 5 lakh.
        "health-cover": (I, miss("pmjay_listed"), {"Hospital cover": Maybe(500000)}),
        # DAY-NULM: urban resident; poor_household waits on below_poverty_line (no ration card).
        "urban-livelihoods": (I, miss("below_poverty_line"), NULM_OPEN),
        # ICPS after care: care leaver, 18 <= 19 < 21, no family support -> Rs 2,000 a month.
        "after-care": (E, None, {"After care programme": 2000}),
        # NFSA 2013: no card, but no family support -> an Antyodaya card on application (AAY
        # category "single women ... with no family or societal support").
        "food-security": (E, None, food(aay=NO, phh=NO, card=KIND)),
        # OSC 2015: a woman affected by violence (trafficking); needs shelter -> up to 5 days;
        # 19 -> no CWC link.
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": (None, 5),
                                      "Link to the Child Welfare Committee": NO}),
        # Ujjawala/Swadhar: female, needs shelter, trafficked and sexually exploited -> Ujjawala
        # home; 18 or more -> Swadhar Greh too.
        "shelter-home-for-women": (E, None, {"Ujjawala home": KIND, "Swadhar Greh": KIND}),
        # Urban homeless shelter: not homeless, not on the street.
        "urban-homeless-shelter": NOT,
    },
    only_b={
        # PM-JAY with 70+: pmjay_listed unknown (19 < 70); the hospital cover's own condition
        # also waits on it; the senior cover does not apply.
        "health-cover": (I, miss("pmjay_listed"), {"Hospital cover": Maybe(500000),
                                                   SENIOR: NO}),
        # POCSO Rules 2020 r.8: she is 19 now (age < 18 fails).
        "pocso-special-relief": NOT,
        # PMKVY: 15 <= 19 <= 59.
        "skill-training": (E, None, SKILL),
        # Mission Vatsalya after care: care leaver, 18 <= 19 < 23, no family -> Rs 4,000 while
        # under 21; the extension to 23 is not for her yet.
        "after-care": (E, None, {"After care grant": 4000, "After care grant, extended to 23": NO}),
        # NFSA with PMGKAY: Antyodaya card on application; not a sex worker.
        "food-security": (E, None, food(aay=NO, phh=NO, card=KIND, sex_work=(NO, NO))),
        # OSC from 2025-03-07: shelter up to 10 days.
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": (None, 10),
                                      "Link to the Child Welfare Committee": NO}),
        # Shakti Sadan: female, 19 >= 18, needs shelter, affected by violence.
        "shelter-home-for-women": (E, None, {"Shakti Sadan": KIND}),
    },
)


# --- transgender survivor of sexual exploitation, 24 (Kolkata, metro, BPL) ------------------------
TRANSGENDER_24 = dated(
    both={
        # Girls' schemes, RTE, RKSK (10-19): gender or age fails.
        "girls-residential-school": NOT,
        "adolescent-girls-nutrition": NOT,
        "free-schooling": NOT,
        "adolescent-health": NOT,
        # MHA s.18: needs care; BPL.
        "mental-health-care": (E, None, MENTAL),
        # PWDVA, POSH, OSC, shelter homes for women: gender == 'female' fails.
        "domestic-violence-relief": NOT,
        "workplace-harassment-complaint": NOT,
        "one-stop-centre": NOT,
        "shelter-home-for-women": NOT,
        # LSA s.12(b): trafficked.
        "free-legal-aid": (E, None, LEGAL_AID),
        # Free treatment: rape under IPC s.375 / BNS s.63 is an offence against a woman, so the
        # rape clause needs gender 'female'; no acid attack; no POCSO offence. Not covered.
        "free-treatment-of-victims": NOT,
        "pocso-compensation": NOT,
        # NALSA 2015: trafficked and sexually exploited; threatened -> witness court order.
        "trafficking-victims-legal-services": (E, None, nalsa_trafficking(KIND)),
        # CrPC 357A / BNSS 396 + CVCF: trafficked, adult -> at least Rs 1 lakh; FIR -> interim
        # relief.
        "victim-compensation": (E, None, {"Compensation": (100000, None), VC_OTHER: NO,
                                          "Interim relief and free first aid": KIND}),
        # Witness protection (2018 scheme, then BNSS 398): threatened.
        "witness-protection": (E, None, WITNESS),
        # NALSA 2018: neither female nor under 18.
        "women-victims-compensation": NOT,
        # Bonded labour and child labour fund: not released, not rescued as a child.
        "bonded-labour-rehabilitation": NOT,
        "child-labour-rehabilitation-fund": NOT,
        # Rural schemes: metro resident; NRLM also female only.
        "rural-wage-employment": NOT,
        "rural-youth-placement-training": NOT,
        "self-help-group-support": NOT,
        # After care: not a care leaver. Child schemes: 24.
        "after-care": NOT,
        "child-sponsorship": NOT,
        "foster-care": NOT,
        "open-shelter": NOT,
        # Reintegration: not in a shelter home (Ujjawala); Shakti Sadan also female only.
        "reintegration-support": NOT,
    },
    only_a={
        "child-labour-special-training": NOT,  # NCLP: not rescued from child labour; 24 > 14
        # PM-JAY 2018: pmjay_listed unknown (correction 6: the occupation is no longer asked).
        "health-cover": (I, miss("pmjay_listed"),
                         {"Hospital cover": Maybe(500000)}),
        # DAY-NULM: urban resident, BPL.
        "urban-livelihoods": (E, None, NULM),
        # NFSA 2013 (before Budhadev Karmaskar, 2020-10-28): no card, not destitute; whether
        # family supports them is not asked -> waits on has_family_support. No AAY or priority
        # card -> those rations do not apply; the AAY card on application is open.
        "food-security": (I, miss("has_family_support"), food(aay=NO, phh=NO, card=MAYBE)),
        "urban-homeless-shelter": NOT,  # has a place to live
    },
    only_b={
        # PM-JAY with 70+: as in 2020 (24 < 70); hospital cover's own condition open too.
        "health-cover": (I, miss("pmjay_listed"),
                         {"Hospital cover": Maybe(500000),
                          SENIOR: NO}),
        "pocso-special-relief": NOT,  # no POCSO offence, and 24
        "skill-training": (E, None, SKILL),  # PMKVY: 15 <= 24 <= 59
        # NFSA with Budhadev Karmaskar (SC 2020-2021) and PMGKAY: engaged in sex work -> eligible
        # whatever the family; dry rations without a card and a ration card for a sex worker (no
        # AAY/priority card); the AAY card on application still waits on has_family_support.
        "food-security": (E, None, food(aay=NO, phh=NO, card=MAYBE, sex_work=(KIND, KIND))),
    },
)


# --- woman of 20 trafficked into a spinning mill (Tamil Nadu, SC, rural) --------------------------
SPINNING_MILL_20 = dated(
    both={
        # KGBV: 20 > 18. RTE, adolescent girls' schemes, RKSK (10-19): 20 is too old.
        "girls-residential-school": NOT,
        "free-schooling": NOT,
        "adolescent-girls-nutrition": NOT,
        "adolescent-health": NOT,
        # MHA s.18: needs_mental_health_care false.
        "mental-health-care": NOT,
        # PWDVA: no domestic violence.
        "domestic-violence-relief": NOT,
        # LSA s.12: trafficked, released from bonded labour, a woman, SC.
        "free-legal-aid": (E, None, LEGAL_AID),
        # Free treatment: sexual assault without penetration of an adult woman (BNS s.74) is not
        # among s.357C's or BNSS s.397's offences; no rape, no acid; no POCSO offence.
        "free-treatment-of-victims": NOT,
        "pocso-compensation": NOT,
        # NALSA 2015: trafficked; not threatened.
        "trafficking-victims-legal-services": (E, None, nalsa_trafficking(NO)),
        # CrPC 357A / BNSS 396 + CVCF: trafficked adult -> at least Rs 1 lakh; FIR -> interim
        # relief.
        "victim-compensation": (E, None, {"Compensation": (100000, None), VC_OTHER: NO,
                                          "Interim relief and free first aid": KIND}),
        "witness-protection": NOT,  # not threatened
        # NALSA 2018: female crime victim; 'sexual_assault' is not a schedule row -> no row,
        # and no interim relief (correction 11).
        "women-victims-compensation": (E, None, women_victims()),
        # POSH: female, harassed at work 4 months ago (<= 6); past the 3 months, so the
        # Committee's extension is needed (4 >= 3); compensation has no figure.
        "workplace-harassment-complaint": (E, None, {"Inquiry into her complaint": KIND,
                                                     "Extension of the time to complain": KIND,
                                                     "Compensation": KIND}),
        "child-labour-rehabilitation-fund": NOT,  # not rescued as a child labourer
        # DDU-GKY: rural, priority card, 15 <= 20 <= 35.
        "rural-youth-placement-training": (E, None, DDU),
        # DAY-NRLM: female, rural, priority card.
        "self-help-group-support": (E, None, SHG),
        # After care, child schemes: not a care leaver, 20.
        "after-care": NOT,
        "child-sponsorship": NOT,
        "foster-care": NOT,
        "open-shelter": NOT,
        # Reintegration: not sexually exploited. Shelter homes: needs_shelter false.
        "reintegration-support": NOT,
        "shelter-home-for-women": NOT,
    },
    only_a={
        "child-labour-special-training": NOT,  # not rescued from child labour; 20
        # PM-JAY 2018: was E (released bonded labour, auto-included). Correction 6
        # (legal review): PM-JAY follows its list (SECC 2011 / NFSA), not caste or work:
        # pmjay_listed not asked.
        "health-cover": (I, miss("pmjay_listed"), {"Hospital cover": Maybe(500000)}),
        # Scheme 2016 (Rs 20,000 from 2017-01-17); convicted; a woman rescued from trafficking ->
        # extreme deprivation, Rs 3 lakh (correction 2: the slab for women and children rescued
        # from trafficking; an adult man trafficked would get Rs 1 lakh).
        "bonded-labour-rehabilitation": (E, None, bonded(20000, 300000)),
        # MGNREGA: adult, rural: 100 days.
        "rural-wage-employment": (E, None, wage(100)),
        "urban-livelihoods": NOT,  # rural
        # NFSA 2013: priority card.
        "food-security": (E, None, food(aay=NO, phh=KIND, card=NO)),
        # OSC 2015: woman affected by violence (trafficked, harassed at work); no shelter needed;
        # adult -> no CWC link.
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": NO,
                                      "Link to the Child Welfare Committee": NO}),
        "urban-homeless-shelter": NOT,  # housed, rural
    },
    only_b={
        # PM-JAY: was E (auto-included). Correction 6: pmjay_listed not asked; 20 < 70.
        "health-cover": (I, miss("pmjay_listed"), {"Hospital cover": Maybe(500000),
                                                   SENIOR: NO}),
        # Scheme 2021 (continuation): up to Rs 30,000 now; Rs 3 lakh on conviction (extreme).
        "bonded-labour-rehabilitation": (E, None, bonded((None, 30000), 300000)),
        # VB-G RAM G: 125 days; wages at Tamil Nadu's FY 2025-26 rate, Rs 336 x 125.
        "rural-wage-employment": (E, None, wage(125, 42000)),
        "pocso-special-relief": NOT,  # no POCSO offence; 20
        "skill-training": (E, None, SKILL),  # 15 <= 20 <= 59
        "food-security": (E, None, food(aay=NO, phh=KIND, card=NO, sex_work=(NO, NO))),
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": NO,
                                      "Link to the Child Welfare Committee": NO}),
    },
)


# --- Nepali woman of 22 in a shelter home in Mumbai -----------------------------------------------
NEPAL_22 = dated(
    both={
        # KGBV (10-18), RTE, adolescent girls' schemes, RKSK (10-19): 22 is too old.
        "girls-residential-school": NOT,
        "free-schooling": NOT,
        "adolescent-girls-nutrition": NOT,
        "adolescent-health": NOT,
        # MHA s.18: needs care; no ration card, not destitute, in a shelter (not on the street);
        # below_poverty_line unknown decides.
        "mental-health-care": (I, miss("below_poverty_line"), MENTAL_OPEN),
        "domestic-violence-relief": NOT,  # no domestic violence
        "free-legal-aid": (E, None, LEGAL_AID),  # trafficked; a woman
        # Free treatment: a woman raped.
        "free-treatment-of-victims": (E, None, {"Free first aid and medical treatment": KIND}),
        # POCSO compensation: whether she was a child when abused is not known. Interim
        # compensation (FIR registered) open; final compensation needs a closed case -> pending: no.
        "pocso-compensation": (I, miss("pocso_offence_victim"), {"Interim compensation": MAYBE,
                                                                 "Final compensation": NO}),
        # NALSA 2015: trafficked; witness court order waits on threatened_as_witness.
        "trafficking-victims-legal-services": (E, None, nalsa_trafficking(MAYBE)),
        # CrPC 357A / BNSS 396 + CVCF: trafficked adult -> at least Rs 1 lakh; FIR -> interim.
        "victim-compensation": (E, None, {"Compensation": (100000, None), VC_OTHER: NO,
                                          "Interim relief and free first aid": KIND}),
        # Witness protection: threatened_as_witness unknown.
        "witness-protection": (I, miss("threatened_as_witness"), WITNESS_OPEN),
        # NALSA 2018: female crime victim; raped, 22, age at the offence not recorded
        # (correction 4: the minor's rate is still possible) -> Rs 4-10.5 lakh.
        "women-victims-compensation": (E, None, women_victims({"Rape": (400000, 1050000)})),
        "workplace-harassment-complaint": NOT,  # no workplace harassment
        "bonded-labour-rehabilitation": NOT,
        "child-labour-rehabilitation-fund": NOT,
        # Rural schemes: metro resident.
        "rural-wage-employment": NOT,
        "rural-youth-placement-training": NOT,
        "self-help-group-support": NOT,
        # After care, child schemes: not a care leaver, 22.
        "after-care": NOT,
        "child-sponsorship": NOT,
        "foster-care": NOT,
        "open-shelter": NOT,
        # Reintegration (Ujjawala, then Shakti Sadan: female, 22 >= 18): trafficked, sexually
        # exploited, in a shelter home. Not an Indian citizen -> cross-border repatriation, not
        # travel within India; not working -> no half-way home.
        "reintegration-support": (E, None, {
            "Travel to her place of origin": NO, "Half-way home": NO,
            "Follow-up visits and seed money": KIND, "Cross-border repatriation": KIND}),
    },
    only_a={
        "child-labour-special-training": NOT,
        # PM-JAY 2018: urban, not a listed occupation, not on the list.
        "health-cover": NOT,
        # DAY-NULM: urban; poor_household waits on below_poverty_line.
        "urban-livelihoods": (I, miss("below_poverty_line"), NULM_OPEN),
        # NFSA 2013: no card; not destitute and has family support -> no route.
        "food-security": NOT,
        # OSC 2015: woman affected by violence; needs shelter -> up to 5 days; adult.
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": (None, 5),
                                      "Link to the Child Welfare Committee": NO}),
        # Ujjawala/Swadhar: needs shelter; trafficked and sexually exploited -> Ujjawala home;
        # adult -> Swadhar Greh.
        "shelter-home-for-women": (E, None, {"Ujjawala home": KIND, "Swadhar Greh": KIND}),
        "urban-homeless-shelter": NOT,  # in a shelter home: not homeless or on the street
    },
    only_b={
        # PM-JAY with 70+: none of the routes; 22 < 70.
        "health-cover": NOT,
        # POCSO Rules 2020 r.8: age < 18 fails (22), whatever pocso_offence_victim.
        "pocso-special-relief": NOT,
        "skill-training": (E, None, SKILL),  # 15 <= 22 <= 59
        # NFSA with PMGKAY: no card, not a sex worker, family support -> no route.
        "food-security": NOT,
        # OSC from 2025-03-07: shelter up to 10 days.
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": (None, 10),
                                      "Link to the Child Welfare Committee": NO}),
        # Shakti Sadan: female, adult, needs shelter, affected by violence.
        "shelter-home-for-women": (E, None, {"Shakti Sadan": KIND}),
    },
)


# --- woman of 28 trafficked as a bride, facing domestic violence (Haryana, rural, no FIR) ---------
DOMESTIC_VIOLENCE_28 = dated(
    both={
        "girls-residential-school": NOT,  # 28 > 18
        "free-schooling": NOT,
        "adolescent-girls-nutrition": NOT,
        "adolescent-health": NOT,  # 28 > 19
        # MHA s.18: needs care, but no card and not BPL, not destitute, in a shelter (not
        # homeless or on the street) -> none of the three grounds.
        "mental-health-care": NOT,
        # PWDVA: a woman facing violence in a domestic relationship; every relief is set by the
        # Magistrate (no figure).
        "domestic-violence-relief": (E, None, {"Protection order": KIND, "Residence order": KIND,
                                               "Monetary relief": KIND, "Compensation": KIND,
                                               "Help from the Protection Officer": KIND}),
        "free-legal-aid": (E, None, LEGAL_AID),  # trafficked; a woman
        "free-treatment-of-victims": NOT,  # grievous injury: no rape, acid or POCSO offence
        "pocso-compensation": NOT,
        "trafficking-victims-legal-services": (E, None, nalsa_trafficking(NO)),  # trafficked
        # CrPC 357A / BNSS 396 + CVCF: trafficked adult -> at least Rs 1 lakh. Interim relief:
        # the framework (and BNSS s.396(6), CrPC 357A(6)) gives it on the certificate of the
        # officer in charge of the police station OR of a Magistrate; the Magistrate's route needs
        # no FIR, so the missing FIR does not take it away. (This suite found the rule gating
        # it on fir_registered; it no longer does.)
        "victim-compensation": (E, None, {"Compensation": (100000, None), VC_OTHER: NO,
                                          "Interim relief and free first aid": KIND}),
        "witness-protection": NOT,  # not threatened
        # NALSA 2018: female crime victim; grievous injury, adult now, age at the offence not
        # recorded (correction 4) -> up to Rs 2 lakh, or Rs 3 lakh at the minor's rate.
        "women-victims-compensation": (E, None, women_victims(
            {"Grievous physical or mental injury": (None, 300000)})),
        "workplace-harassment-complaint": NOT,
        "bonded-labour-rehabilitation": NOT,
        "child-labour-rehabilitation-fund": NOT,
        # DDU-GKY and NRLM: rural, but no card, not BPL, not in an SHG.
        "rural-youth-placement-training": NOT,
        "self-help-group-support": NOT,
        "after-care": NOT,
        "child-sponsorship": NOT,
        "foster-care": NOT,
        "open-shelter": NOT,
        # Reintegration: trafficked and in a shelter, but not sexually exploited.
        "reintegration-support": NOT,
    },
    only_a={
        "child-labour-special-training": NOT,
        # PM-JAY 2018: was I on the SECC deprivation facts. Correction 6
        # (legal review): PM-JAY follows its list (SECC 2011 / NFSA), not caste or work:
        # pmjay_listed is false.
        "health-cover": NOT,
        # MGNREGA: adult, rural: 100 days.
        "rural-wage-employment": (E, None, wage(100)),
        "urban-livelihoods": NOT,  # rural
        # NFSA 2013: no card, no family support -> AAY card on application.
        "food-security": (E, None, food(aay=NO, phh=NO, card=KIND)),
        # OSC 2015: woman facing violence; needs shelter -> up to 5 days.
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": (None, 5),
                                      "Link to the Child Welfare Committee": NO}),
        # Ujjawala/Swadhar: female, needs shelter; not sexually exploited -> no Ujjawala home;
        # adult affected by violence -> Swadhar Greh.
        "shelter-home-for-women": (E, None, {"Ujjawala home": NO, "Swadhar Greh": KIND}),
        "urban-homeless-shelter": NOT,
    },
    only_b={
        # PM-JAY with 70+: was I on the SECC facts. Correction 6: not on the list; 28 < 70.
        "health-cover": NOT,
        # VB-G RAM G: 125 days; wages at Haryana's FY 2025-26 rate, Rs 400 x 125.
        "rural-wage-employment": (E, None, wage(125, 50000)),
        "pocso-special-relief": NOT,
        "skill-training": (E, None, SKILL),  # 15 <= 28 <= 59
        "food-security": (E, None, food(aay=NO, phh=NO, card=KIND, sex_work=(NO, NO))),
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": (None, 10),
                                      "Link to the Child Welfare Committee": NO}),
        # Shakti Sadan: female, adult, needs shelter, affected by violence.
        "shelter-home-for-women": (E, None, {"Shakti Sadan": KIND}),
    },
)


# --- only age and gender: a girl of 16 ------------------------------------------------------------
_POOR = ("ration_card", "below_poverty_line")  # poor_household
# affected_by_violence
_AFFECTED = ("faced_violence", "trafficked", "sexually_exploited", "domestic_violence",
             "workplace_harassment", "pocso_offence_victim", "harms_suffered")
# Correction 6 (legal review): PM-JAY follows its list (SECC 2011 / NFSA), not caste or work:
# the list alone decides.
_HEALTH_COVER = ("pmjay_listed",)
# in_school left out: school attendance is now a condition to keep the sponsorship, not to get
# it (rule correction, child-sponsorship `keep:`), so it is never missing for entry.
_SPONSOR = ("trafficked", "in_need_of_care_and_protection", "restored_from_institution",
            "residence_area", "family_annual_income_inr", "sponsored_children_in_family")
_FOSTER = ("trafficked", "in_need_of_care_and_protection", "has_family_support")
# NALSA 2018 for a girl of 16 whose harms and crime are unknown: every benefit open; every row's
# amount is its first slab (age < 18 holds: 50% more for a minor).
_WV_SPARSE = {
    "Interim relief": Maybe((5000, 10000)),
    "Interim relief for an acid attack": Maybe(100000),
    "Gang rape": Maybe((750000, 1500000)),
    "Rape": Maybe((600000, 1050000)),
    "Unnatural sexual assault": Maybe((600000, 1050000)),
    "Pregnancy on account of rape": Maybe((450000, 600000)),
    "Loss of foetus or fertility": Maybe((300000, 450000)),
    "Acid attack, facial disfigurement": Maybe((1050000, 1200000)),
    "Acid attack, more than 50% injury": Maybe((750000, 1200000)),
    "Grievous physical or mental injury": Maybe((None, 300000)),
    "Permanent disability of 80% or more": Maybe((300000, None)),
}
SPARSE_16 = dated(
    both={
        # KGBV: female, 10 <= 16 <= 18; the category clause (SC/ST/OBC, minority, poor) unknown.
        "girls-residential-school": (I, miss("social_category", "minority_community", *_POOR),
                                     {"Residential schooling": MAYBE}),
        "adolescent-health": (E, None, RKSK),  # RKSK: 10 <= 16 <= 19
        # MHA s.18: needs_mental_health_care and all three grounds unknown (without_shelter is
        # homeless or living_situation == 'street').
        "mental-health-care": (I, miss("needs_mental_health_care", *_POOR, "destitute", "homeless",
                                       "living_situation"), MENTAL_OPEN),
        # PWDVA: female; domestic_violence unknown.
        "domestic-violence-relief": (I, miss("domestic_violence"),
                                     {"Protection order": MAYBE, "Residence order": MAYBE,
                                      "Monetary relief": MAYBE, "Compensation": MAYBE,
                                      "Help from the Protection Officer": MAYBE}),
        # LSA s.12(c): any woman or child -> true whatever else is unknown.
        "free-legal-aid": (E, None, LEGAL_AID),
        # POCSO compensation: pocso_offence_victim unknown; both benefits' own conditions
        # (FIR, case outcome) unknown too.
        "pocso-compensation": (I, miss("pocso_offence_victim"), {"Interim compensation": MAYBE,
                                                                 "Final compensation": MAYBE}),
        # NALSA 2015: trafficked, sexually_exploited, engaged_in_sex_work all unknown.
        "trafficking-victims-legal-services": (
            I, miss("trafficked", "sexually_exploited", "engaged_in_sex_work"),
            dict.fromkeys(nalsa_trafficking(MAYBE), MAYBE)),
        # CrPC 357A / BNSS 396: crime_victim unknown. Compensation: trafficked, rape or a minor's
        # abuse unknown, so every floor is possible: span [1 lakh, open]; whether the second
        # benefit (no figure) applies is unknown too. Interim relief waits on fir_registered.
        "victim-compensation": (I, miss("crime_victim"), {
            "Compensation": Maybe((100000, None)), VC_OTHER: MAYBE,
            "Interim relief and free first aid": MAYBE}),
        "witness-protection": (I, miss("threatened_as_witness"), WITNESS_OPEN),
        # NALSA 2018: female holds; crime_victim unknown.
        "women-victims-compensation": (I, miss("crime_victim"), _WV_SPARSE),
        # POSH: female; workplace_harassment and months unknown.
        "workplace-harassment-complaint": (I, miss(*POSH_UNASKED),
                                           {"Inquiry into her complaint": MAYBE,
                                            "Extension of the time to complain": MAYBE,
                                            "Compensation": MAYBE}),
        # CLPR s.14B: both facts unknown; under 18 -> interest open, corpus does not apply.
        "child-labour-rehabilitation-fund": (I, miss(*CLF_UNASKED),
                                             {"Government credit to the Fund for her": Maybe(15000),
                                              "Interest paid to the child": MAYBE,
                                              "Corpus paid at 18": NO}),
        "rural-wage-employment": NOT,  # 16 < 18
        # DDU-GKY: 15 <= 16 <= 35 hold; rural and (poor or SHG member) unknown.
        "rural-youth-placement-training": (I, miss("residence_area", *_POOR, "shg_member"),
                                           {"Free placement-linked skill training": MAYBE,
                                            "Placement in a job": MAYBE}),
        # DAY-NRLM: members are adult women (correction 11, legal review 2026: age >= 18);
        # 16 < 18 -> not eligible, whatever the unknowns (it was needs_info before).
        "self-help-group-support": NOT,
        "after-care": NOT,  # 18 <= 16 fails (care_leaver unknown does not matter)
        # Open shelter: under 18; urban_resident, needs_shelter, and (trafficked, CNCP,
        # without_family_care = is_child and not has_family_support) unknown.
        "open-shelter": (I, miss("residence_area", "needs_shelter", "trafficked",
                                 "in_need_of_care_and_protection", "has_family_support"),
                         {"Open shelter": MAYBE}),
    },
    only_a={
        "child-labour-special-training": NOT,  # NCLP: 9 <= 16 <= 14 fails
        "free-schooling": NOT,  # RTE: 16 > 14
        "adolescent-girls-nutrition": NOT,  # SAG 2018-2021: 11 <= 16 <= 14 fails
        # PM-JAY 2018: pmjay_listed unknown (correction 6: the list alone decides).
        "health-cover": (I, miss(*_HEALTH_COVER), {"Hospital cover": Maybe(500000)}),
        # s.357C: female and rape_victim, or acid attack: harms_suffered unknown.
        "free-treatment-of-victims": (I, miss("harms_suffered"),
                                      {"Free first aid and medical treatment": MAYBE}),
        # Scheme 2016 (raised): released unknown. Immediate Rs 20,000 open. Full assistance open;
        # its slabs: extreme (disability, trafficked, sexually exploited unknown) or special
        # (a girl under 18: true) -> Rs 2-3 lakh.
        "bonded-labour-rehabilitation": (I, miss("released_from_bonded_labour"),
                                         bonded(Maybe(20000), Maybe((200000, 300000)))),
        # DAY-NULM: urban_resident and poor_household unknown.
        "urban-livelihoods": (I, miss("residence_area", *_POOR), NULM_OPEN),
        # ICPS sponsorship: under 18; every other clause unknown (age < 6 is false, in_school open).
        "child-sponsorship": (I, miss(*_SPONSOR), {"Sponsorship": Maybe(2000)}),
        # NFSA 2013: card unknown; the no-card route waits on destitute / has_family_support.
        "food-security": (I, miss("ration_card", "destitute", "has_family_support"),
                          food(aay=MAYBE, phh=MAYBE, card=MAYBE)),
        # ICPS foster care: under 18; (trafficked or CNCP) and not has_family_support unknown.
        "foster-care": (I, miss(*_FOSTER),
                        foster(Maybe(2000), MAYBE)),
        # OSC 2015: female; affected_by_violence waits on all its facts. Shelter (needs_shelter
        # unknown) open, up to 5 days; CWC link (under 18) open with the entitlement.
        "one-stop-centre": (I, miss(*_AFFECTED), {**dict.fromkeys(OSC_SERVICES, MAYBE),
                                                 "Temporary shelter": Maybe((None, 5)),
                                                 "Link to the Child Welfare Committee": MAYBE}),
        # Ujjawala reintegration (no age test): trafficked, sexually_exploited, living_situation
        # (in_shelter_home) unknown; every benefit open.
        "reintegration-support": (I, miss("trafficked", "sexually_exploited", "living_situation"),
                                  {"Travel to her place of origin": MAYBE, "Half-way home": MAYBE,
                                   "Follow-up visits and seed money": MAYBE,
                                   "Cross-border repatriation": MAYBE}),
        # Ujjawala/Swadhar: needs_shelter unknown; the Ujjawala branch (trafficked and sexually
        # exploited) unknown, the Swadhar branch false (16 < 18). Swadhar Greh does not apply.
        "shelter-home-for-women": (I, miss("needs_shelter", "trafficked", "sexually_exploited"),
                                   {"Ujjawala home": MAYBE, "Swadhar Greh": NO}),
        # Urban homeless: without_shelter (homeless, living_situation) and urban_resident unknown.
        "urban-homeless-shelter": (I, miss("homeless", "living_situation", "residence_area"),
                                   {"Shelter for the urban homeless": MAYBE}),
    },
    only_b={
        "free-schooling": NOT,  # RTE: 16 > 14
        # Poshan 2.0 SAG: female, 14 <= 16 < 18; Aspirational District or NE State unknown.
        "adolescent-girls-nutrition": (I, miss("aspirational_district", "state"),
                                       {"Supplementary nutrition": MAYBE}),
        # PM-JAY with 70+: 16 < 70 is known; pmjay_listed unknown (correction 6). Senior: no.
        "health-cover": (I, miss(*_HEALTH_COVER), {"Hospital cover": Maybe(500000),
                                                   SENIOR: NO}),
        # BNSS 397: rape / acid (harms_suffered) or POCSO (pocso_offence_victim) unknown.
        "free-treatment-of-victims": (I, miss("harms_suffered", "pocso_offence_victim"),
                                      {"Free first aid and medical treatment": MAYBE}),
        # POCSO Rules 2020 r.8: under 18; pocso_offence_victim unknown; CWC recommendation unknown.
        "pocso-special-relief": (I, miss("pocso_offence_victim"),
                                 {"Special relief for immediate needs": MAYBE}),
        # Scheme 2021: released unknown; immediate up to Rs 30,000; full Rs 2-3 lakh, both open.
        "bonded-labour-rehabilitation": (I, miss("released_from_bonded_labour"),
                                         bonded(Maybe((None, 30000)), Maybe((200000, 300000)))),
        "skill-training": (E, None, SKILL),  # 15 <= 16 <= 59
        # Vatsalya sponsorship: same unknowns; Rs 4,000 a month.
        "child-sponsorship": (I, miss(*_SPONSOR), {"Sponsorship": Maybe(4000)}),
        # NFSA with Budhadev and PMGKAY: card, sex work, destitute, family support unknown.
        "food-security": (I, miss("ration_card", "engaged_in_sex_work", "destitute",
                               "has_family_support"),
                          food(aay=MAYBE, phh=MAYBE, card=MAYBE, sex_work=(MAYBE, MAYBE))),
        # Vatsalya foster care: Rs 4,000.
        "foster-care": (I, miss(*_FOSTER),
                        foster(Maybe(4000), MAYBE)),
        # OSC from 2025-03-07: as in 2020, shelter up to 10 days.
        "one-stop-centre": (I, miss(*_AFFECTED), {**dict.fromkeys(OSC_SERVICES, MAYBE),
                                                 "Temporary shelter": Maybe((None, 10)),
                                                 "Link to the Child Welfare Committee": MAYBE}),
        # Shakti Sadan reintegration and Shakti Sadan: age >= 18 fails.
        "reintegration-support": NOT,
        "shelter-home-for-women": NOT,
    },
)


# --- boy of 15 trafficked and sexually exploited, in a children's home (Delhi, metro) -------------
BOY_15_POCSO = dated(
    both={
        # Girls' schemes: male. RTE: 15 > 14.
        "girls-residential-school": NOT,
        "adolescent-girls-nutrition": NOT,
        "free-schooling": NOT,
        "adolescent-health": (E, None, RKSK),  # RKSK: 10 <= 15 <= 19
        # MHA s.18: needs care; not destitute; in a children's home (not on the street); his
        # family's card and BPL status unknown -> poor_household decides.
        "mental-health-care": (I, miss(*_POOR), MENTAL_OPEN),
        # Women's schemes (PWDVA, POSH, OSC, women's shelters): male.
        "domestic-violence-relief": NOT,
        "workplace-harassment-complaint": NOT,
        "one-stop-centre": NOT,
        "shelter-home-for-women": NOT,
        "free-legal-aid": (E, None, LEGAL_AID),  # trafficked; a child
        # POCSO compensation (r.7 of 2012, r.9 of 2020): a POCSO victim; FIR -> interim; case
        # pending -> no final compensation yet.
        "pocso-compensation": (E, None, {"Interim compensation": KIND, "Final compensation": NO}),
        "trafficking-victims-legal-services": (E, None, nalsa_trafficking(NO)),  # not threatened
        # CrPC 357A / BNSS 396 + CVCF: trafficked, 15 is not < 14 -> at least Rs 1 lakh.
        "victim-compensation": (E, None, {"Compensation": (100000, None), VC_OTHER: NO,
                                          "Interim relief and free first aid": KIND}),
        "witness-protection": NOT,  # not threatened
        # NALSA 2018 as the POCSO court's guideline for all children, boys included: a child
        # crime victim; unnatural sexual assault, minor -> Rs 4-7 lakh plus 50% = 6-10.5 lakh.
        "women-victims-compensation": (E, None, women_victims(
            {"Unnatural sexual assault": (600000, 1050000)})),
        "bonded-labour-rehabilitation": NOT,
        "child-labour-rehabilitation-fund": NOT,
        # Rural schemes: metro; and under age for MGNREGA.
        "rural-wage-employment": NOT,
        "rural-youth-placement-training": NOT,
        "self-help-group-support": NOT,
        "after-care": NOT,  # not a care leaver; 15
        # Open shelter: under 18, urban, needs shelter, trafficked.
        "open-shelter": (E, None, {"Open shelter": KIND}),
        # Reintegration: a children's home is not a shelter or protective home (Ujjawala); male and
        # under 18 for Shakti Sadan.
        "reintegration-support": NOT,
        "health-cover": NOT,  # metro, no listed occupation, not listed; 15 < 70
    },
    only_a={
        "child-labour-special-training": NOT,  # not rescued from child labour; 15 > 14
        # s.357C named only IPC rape (of a woman) and acid attack; a boy's POCSO assault was not
        # covered before BNSS s.397.
        "free-treatment-of-victims": NOT,
        "urban-livelihoods": (I, miss(*_POOR), NULM_OPEN),  # urban; poor_household unknown
        # NFSA 2013: card unknown, but every card qualifies him: Antyodaya or priority by the
        # card, any other or none by the no-family-support route. Three-valued logic alone says
        # needs_info on ration_card; the engine settles it (the answer is the same whatever the
        # card), so eligible. Which grain benefit applies still depends on the card.
        "food-security": (E, None, food(aay=MAYBE, phh=MAYBE, card=MAYBE)),
        # ICPS foster care: trafficked, a child without family care -> Rs 2,000 a month.
        "foster-care": (E, None, foster(2000)),
        # ICPS sponsorship: trafficked, under 18; income and siblings sponsored unknown. Not in
        # school: attendance is now a condition to keep, not to get (rule correction).
        "child-sponsorship": (I, miss("family_annual_income_inr", "sponsored_children_in_family"),
                              {"Sponsorship": Maybe(2000)}),
        "urban-homeless-shelter": NOT,  # in a children's home: not without shelter
    },
    only_b={
        # BNSS s.397: a POCSO victim of penetrative assault (s.4 / s.6).
        "free-treatment-of-victims": (E, None, {"Free first aid and medical treatment": KIND}),
        # POCSO Rules 2020 r.8: POCSO victim under 18; the CWC has recommended relief.
        "pocso-special-relief": (E, None, {"Special relief for immediate needs": KIND}),
        "skill-training": (E, None, SKILL),  # 15 <= 15 <= 59
        # NFSA with PMGKAY: as in 2020 (eligible whatever the card); not a sex worker -> those
        # two do not apply.
        "food-security": (E, None,
                          food(aay=MAYBE, phh=MAYBE, card=MAYBE, sex_work=(NO, NO))),
        # Vatsalya foster care: Rs 4,000.
        "foster-care": (E, None, foster(4000)),
        # Vatsalya sponsorship: as in 2020, Rs 4,000 (rule correction: school attendance is kept).
        "child-sponsorship": (I, miss("family_annual_income_inr", "sponsored_children_in_family"),
                              {"Sponsorship": Maybe(4000)}),
    },
)


# --- woman of 26 attacked with acid by her trafficker (Uttar Pradesh, urban) ----------------------
ACID_ATTACK_26 = dated(
    both={
        "girls-residential-school": NOT,  # 26 > 18
        "free-schooling": NOT,
        "adolescent-girls-nutrition": NOT,
        "adolescent-health": NOT,  # 26 > 19
        "mental-health-care": (E, None, MENTAL),  # needs care; priority card
        "domestic-violence-relief": NOT,
        "free-legal-aid": (E, None, LEGAL_AID),
        # s.357C (IPC 326A), then BNSS s.397 (BNS 124(1)): an acid attack victim.
        "free-treatment-of-victims": (E, None, {"Free first aid and medical treatment": KIND}),
        "pocso-compensation": NOT,
        "trafficking-victims-legal-services": (E, None, nalsa_trafficking(NO)),
        # CrPC 357A / BNSS 396 + CVCF: trafficked adult -> at least Rs 1 lakh; FIR -> interim.
        # (The CVCF acid attack minimum of Rs 3 lakh is not encoded; the slab is "at least".)
        "victim-compensation": (E, None, {"Compensation": (100000, None), VC_OTHER: NO,
                                          "Interim relief and free first aid": KIND}),
        "witness-protection": NOT,
        # NALSA 2018: acid attack on the face and over 50% -> Rs 1 lakh interim relief for an
        # acid attack; face 7-8 lakh; over 50% 5-8 lakh (adult rates), up to Rs 12 lakh each at
        # the minor's rate, since her age at the offence is not recorded (correction 4).
        "women-victims-compensation": (E, None, women_victims({
            "Interim relief for an acid attack": 100000,
            "Acid attack, facial disfigurement": (700000, 1200000),
            "Acid attack, more than 50% injury": (500000, 1200000)})),
        "workplace-harassment-complaint": NOT,
        "bonded-labour-rehabilitation": NOT,
        "child-labour-rehabilitation-fund": NOT,
        # Rural schemes: urban.
        "rural-wage-employment": NOT,
        "rural-youth-placement-training": NOT,
        "self-help-group-support": NOT,
        "after-care": NOT,
        "child-sponsorship": NOT,
        "foster-care": NOT,
        "open-shelter": NOT,
        # Reintegration: not in a shelter home. Shelter homes: needs_shelter false.
        "reintegration-support": NOT,
        "shelter-home-for-women": NOT,
    },
    only_a={
        "child-labour-special-training": NOT,
        "health-cover": (E, None, {"Hospital cover": 500000}),  # PM-JAY: on the list
        "urban-livelihoods": (E, None, NULM),  # urban, priority card
        "food-security": (E, None, food(aay=NO, phh=KIND, card=NO)),
        # OSC 2015: woman affected by violence; no shelter needed; adult.
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": NO,
                                      "Link to the Child Welfare Committee": NO}),
        "urban-homeless-shelter": NOT,
    },
    only_b={
        "health-cover": (E, None, {"Hospital cover": 500000,
                                   SENIOR: NO}),
        "pocso-special-relief": NOT,
        "skill-training": (E, None, SKILL),
        "food-security": (E, None, food(aay=NO, phh=KIND, card=NO, sex_work=(NO, NO))),
        "one-stop-centre": (E, None, {**OSC_SERVICES, "Temporary shelter": NO,
                                      "Link to the Child Welfare Committee": NO}),
    },
)


# --- woman of 71 released from bonded labour with her family (Uttar Pradesh, SC, rural) -----------
ELDER_BONDED_71 = dated(
    both={
        "girls-residential-school": NOT,
        "free-schooling": NOT,
        "adolescent-girls-nutrition": NOT,
        "adolescent-health": NOT,
        "mental-health-care": NOT,  # needs_mental_health_care false
        "domestic-violence-relief": NOT,
        "free-legal-aid": (E, None, LEGAL_AID),  # released bonded labourer; a woman; SC
        "free-treatment-of-victims": NOT,  # no harm recorded
        "pocso-compensation": NOT,
        "trafficking-victims-legal-services": NOT,  # not trafficked or sexually exploited
        # CrPC 357A / BNSS 396: a crime victim, not trafficked, adult, no harm -> no floor: the
        # second benefit, no figure; FIR.
        "victim-compensation": (E, None, {"Compensation": NO, VC_OTHER: KIND,
                                          "Interim relief and free first aid": KIND}),
        "witness-protection": NOT,
        # NALSA 2018: female crime victim; no schedule row -> nothing (correction 11: no
        # interim relief without a harm of the schedule).
        "women-victims-compensation": (E, None, women_victims()),
        "workplace-harassment-complaint": NOT,
        "child-labour-rehabilitation-fund": NOT,
        # DDU-GKY: 71 is above 35 and above 45 for special groups.
        "rural-youth-placement-training": NOT,
        "self-help-group-support": (E, None, SHG),  # female, rural, Antyodaya card
        "after-care": NOT,
        "child-sponsorship": NOT,
        "foster-care": NOT,
        "open-shelter": NOT,
        "reintegration-support": NOT,  # not trafficked
        "shelter-home-for-women": NOT,  # needs_shelter false
        # OSC: female; not trafficked, no domestic violence, harassment, POCSO or harm; whether
        # she faced violence at the kiln is not recorded -> faced_violence decides. No shelter
        # needed, adult: those two benefits do not apply.
        "one-stop-centre": (I, miss("faced_violence"), {**dict.fromkeys(OSC_SERVICES, MAYBE),
                                                        "Temporary shelter": NO,
                                                        "Link to the Child Welfare Committee": NO}),
    },
    only_a={
        "child-labour-special-training": NOT,
        # Was E (rural, released bonded labour). Correction 6: pmjay_listed not asked.
        "health-cover": (I, miss("pmjay_listed"), {"Hospital cover": Maybe(500000)}),
        # Scheme 2016 (raised): Rs 20,000; convicted; a woman -> special category Rs 2 lakh,
        # or Rs 3 lakh if she has a disability (extreme): has_disability unknown -> 2-3 lakh.
        "bonded-labour-rehabilitation": (E, None, bonded(20000, (200000, 300000))),
        # MGNREGA: an adult member of a rural household (no upper age).
        "rural-wage-employment": (E, None, wage(100)),
        "urban-livelihoods": NOT,
        "food-security": (E, None, food(aay=KIND, phh=NO, card=NO)),  # Antyodaya: 35 kg
        "urban-homeless-shelter": NOT,
    },
    only_b={
        # PM-JAY from 2024-10-29: 71 >= 70 -> the senior citizen's own Rs 5 lakh (Ayushman Vay
        # Vandana). Correction 6: the family cover waits on pmjay_listed (was: auto-included).
        "health-cover": (E, None, {"Hospital cover": Maybe(500000),
                                   SENIOR: 500000}),
        # Scheme 2021 (continuation): up to Rs 30,000; Rs 2-3 lakh as above.
        "bonded-labour-rehabilitation": (E, None, bonded((None, 30000), (200000, 300000))),
        # Wages at Uttar Pradesh's FY 2025-26 rate, Rs 252 x 125.
        "rural-wage-employment": (E, None, wage(125, 31500)),
        "pocso-special-relief": NOT,
        "skill-training": NOT,  # PMKVY: 71 > 59
        "food-security": (E, None, food(aay=KIND, phh=NO, card=NO, sex_work=(NO, NO))),
    },
)


EXPECT: dict[str, dict[dt.date, dict[str, Exp]]] = {
    "girl_17_restored": GIRL_17_RESTORED,
    "bonded_man_pending": BONDED_MAN_PENDING,
    "bonded_man_convicted": BONDED_MAN_CONVICTED,
    "child_labourer_12": CHILD_LABOURER_12,
    "care_leaver_19": CARE_LEAVER_19,
    "transgender_24": TRANSGENDER_24,
    "spinning_mill_20": SPINNING_MILL_20,
    "nepal_22": NEPAL_22,
    "domestic_violence_28": DOMESTIC_VIOLENCE_28,
    "sparse_16": SPARSE_16,
    "boy_15_pocso": BOY_15_POCSO,
    "acid_attack_26": ACID_ATTACK_26,
    "elder_bonded_71": ELDER_BONDED_71,
}

# Expectations that follow the framework where the rule file says otherwise (both dates). Each
# runs as its own strict xfail case; the (profile, date) case checks everything else.
DISPUTED: dict[tuple[str, str], str] = {
    # Both disputes found by this suite were rule-file errors, since fixed: the NALSA 2018
    # scheme now admits a child only as a POCSO victim, and victim compensation's interim
    # relief no longer waits for an FIR (a Magistrate's certificate serves).
}


def _check(result: Any, want: Exp) -> list[str]:
    """What differs between one entitlement's result and its expectation."""
    status, missing, benefits = want
    problems = []
    if result.status != status:
        problems.append(f"status {result.status}, expected {status}")
    got_missing = set(result.missing)
    if got_missing != set(missing or ()):
        problems.append(f"missing {sorted(got_missing)}, expected {sorted(missing or ())}")
    by_label = {b.label: b for b in result.benefits}
    if status == N:
        problems += [f"{label!r} applies={b.applies} although not eligible"
                     for label, b in by_label.items() if b.applies is not False]
    elif set(benefits) != set(by_label):
        problems.append(f"benefit labels {sorted(by_label)}, expected {sorted(benefits)}")
    for label, exp in benefits.items():
        b = by_label.get(label)
        if b is None:
            continue
        if exp is NO:
            if b.applies is not False:
                problems.append(f"{label!r}: applies={b.applies}, expected False")
            continue
        applies, amount = (None, exp.amount) if isinstance(exp, Maybe) else (True, exp)
        low, high = (amount, amount) if isinstance(amount, int) else (amount or (None, None))
        if b.applies is not applies:
            problems.append(f"{label!r}: applies={b.applies}, expected {applies}")
        if (b.amount_min, b.amount_max) != (low, high):
            problems.append(f"{label!r}: amount [{b.amount_min}, {b.amount_max}], "
                            f"expected [{low}, {high}]")
    return problems


_ANSWERS: dict[tuple[str, dt.date], Evaluation] = {}


def _answer(ruleset: Ruleset, profile: str, as_of: dt.date) -> Evaluation:
    """One evaluation per (profile, date), shared by its disputed cases."""
    key = (profile, as_of)
    if key not in _ANSWERS:
        _ANSWERS[key] = evaluate(ruleset, coerce_profile(ruleset, PROFILES[profile]), as_of)
    return _ANSWERS[key]


def _cases() -> list[Any]:
    cases = []
    for profile in EXPECT:
        for as_of in (A, B):
            cases.append(pytest.param(profile, as_of, None, id=f"{profile}-{as_of}"))
            cases += [pytest.param(profile, as_of, ent, id=f"{profile}-{as_of}-{ent}",
                                   marks=pytest.mark.xfail(strict=True, raises=AssertionError,
                                                             reason=reason))
                      for (p, ent), reason in DISPUTED.items() if p == profile]
    return cases


@pytest.mark.parametrize(("profile", "as_of", "disputed"), _cases())
def test_golden_profile(ruleset: Ruleset, profile: str, as_of: dt.date,
                        disputed: str | None) -> None:
    answer = _answer(ruleset, profile, as_of)
    results = {r.entitlement: r for r in answer.results}
    expected = EXPECT[profile][as_of]
    if disputed is not None:
        assert _check(results[disputed], expected[disputed]) == []
        return
    assert set(results) == set(expected), "entitlements in force differ"
    problems = {ent: p for ent, want in expected.items()
                if (profile, ent) not in DISPUTED and (p := _check(results[ent], want))}
    assert problems == {}
