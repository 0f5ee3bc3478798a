"""Golden profiles: synthetic survivors, facts only (never names), as a caseworker would record
them on a first or second visit. A fact left out is unknown on purpose: nobody has asked yet.

Fact names and values are those of rules/facts.yaml. The expected answers for each profile are in
test_golden_profiles.py.
"""

from __future__ import annotations

from typing import Any

Profile = dict[str, Any]

# A girl of 17 from a Scheduled Tribe village in an Aspirational District of Jharkhand, trafficked
# to Delhi for domestic work, rescued, kept in a children's home and restored to her family by the
# CWC. Back in school. Whether her work counts as child labour, whether she was harassed at work,
# whether anyone threatens her, and her mental health have not been asked yet.
GIRL_17_RESTORED: Profile = {
    "age": 17, "gender": "female", "state": "jharkhand", "residence_area": "rural",
    "nationality": "india", "trafficked": True, "sexually_exploited": False, "crime_victim": True,
    "harms_suffered": [], "pocso_offence_victim": False, "fir_registered": True,
    "case_outcome": "pending", "in_need_of_care_and_protection": True,
    "restored_from_institution": True, "living_situation": "with_family",
    "has_family_support": True, "needs_shelter": False, "in_school": True,
    "family_annual_income_inr": 48000, "sponsored_children_in_family": 0,
    "social_category": "st", "aspirational_district": True, "ration_card": "priority",
    "released_from_bonded_labour": False, "has_disability": False, "destitute": False,
    "homeless": False, "care_leaver": False, "domestic_violence": False,
    "engaged_in_sex_work": False, "working_now": False, "shg_member": False,
    "minority_community": False, "faced_violence": True,
}

# A Scheduled Caste man of 34 from rural Odisha, held in debt bondage on an advance at a brick kiln
# in his own district (no trafficking charge), released with a release certificate; the kiln
# owner's men threaten him; the case is pending. His mental health has not been asked about.
BONDED_MAN_PENDING: Profile = {
    "age": 34, "gender": "male", "state": "odisha", "residence_area": "rural",
    "nationality": "india", "released_from_bonded_labour": True, "trafficked": False,
    "sexually_exploited": False, "crime_victim": True, "harms_suffered": [],
    "pocso_offence_victim": False, "fir_registered": True, "case_outcome": "pending",
    "has_disability": False, "social_category": "sc", "landless_manual_labour": True,
    "ration_card": "priority", "below_poverty_line": True, "family_annual_income_inr": 60000,
    "living_situation": "with_family", "has_family_support": True, "needs_shelter": False,
    "working_now": False, "in_school": False, "domestic_violence": False,
    "workplace_harassment": False, "threatened_as_witness": True, "shg_member": False,
    "destitute": False, "homeless": False, "care_leaver": False,
    "rescued_from_child_labour": False, "engaged_in_sex_work": False,
}

# The same man after the kiln owner was convicted.
BONDED_MAN_CONVICTED: Profile = {**BONDED_MAN_PENDING, "case_outcome": "convicted"}

# A boy of 12 from an OBC family of landless labourers (Antyodaya card) in rural Bihar, trafficked
# to a bangle unit in Jaipur, burnt at the furnace, rescued and restored home; not yet back in
# school. The employer's fine has been credited to the district fund for him.
CHILD_LABOURER_12: Profile = {
    "age": 12, "gender": "male", "state": "bihar", "residence_area": "rural",
    "nationality": "india", "rescued_from_child_labour": True, "employer_fine_credited": True,
    "trafficked": True, "crime_victim": True, "sexually_exploited": False,
    "harms_suffered": ["grievous_injury"], "pocso_offence_victim": False,
    "fir_registered": True, "case_outcome": "pending", "in_need_of_care_and_protection": True,
    "restored_from_institution": False, "in_school": False, "has_family_support": True,
    "living_situation": "with_family", "needs_shelter": False,
    "family_annual_income_inr": 30000, "sponsored_children_in_family": 0,
    "social_category": "obc", "landless_manual_labour": True, "ration_card": "antyodaya",
    "needs_mental_health_care": True, "threatened_as_witness": False,
    "released_from_bonded_labour": False, "has_disability": False, "destitute": False,
    "homeless": False, "domestic_violence": False, "care_leaver": False,
    "engaged_in_sex_work": False, "working_now": False, "shg_member": False,
}

# A young woman of 19 in Mumbai who left a children's home at 18 and has no family. Trafficked into
# a brothel at 14 and raped there; the accused were acquitted. Works in a shop, must leave her
# after-care room. No ration card; her caste, any BPL listing and PM-JAY listing are not known.
CARE_LEAVER_19: Profile = {
    "age": 19, "gender": "female", "state": "maharashtra", "residence_area": "metro",
    "nationality": "india", "care_leaver": True, "has_family_support": False,
    "trafficked": True, "sexually_exploited": True, "crime_victim": True,
    "pocso_offence_victim": True, "harms_suffered": ["rape"], "fir_registered": True,
    "case_outcome": "acquitted", "living_situation": "independent", "needs_shelter": True,
    "in_school": False, "working_now": True, "ration_card": "none", "destitute": False,
    "homeless": False, "engaged_in_sex_work": False, "urban_listed_occupation": False,
    "needs_mental_health_care": True, "threatened_as_witness": False, "has_disability": False,
    "domestic_violence": False, "workplace_harassment": False, "shg_member": False,
    "released_from_bonded_labour": False, "rescued_from_child_labour": False,
}

# A transgender person of 24 in Kolkata, trafficked for sexual exploitation and gang raped; now
# earns partly from sex work; BPL; threatened by the traffickers. Whether family would support
# them, their occupation category and PM-JAY listing are not known yet.
TRANSGENDER_24: Profile = {
    "age": 24, "gender": "transgender", "state": "west_bengal", "residence_area": "metro",
    "nationality": "india", "trafficked": True, "sexually_exploited": True, "crime_victim": True,
    "harms_suffered": ["gang_rape"], "pocso_offence_victim": False, "fir_registered": True,
    "case_outcome": "pending", "released_from_bonded_labour": False,
    "living_situation": "independent", "needs_shelter": False, "engaged_in_sex_work": True,
    "ration_card": "none", "destitute": False, "homeless": False, "social_category": "general",
    "has_disability": False, "needs_mental_health_care": True, "below_poverty_line": True,
    "threatened_as_witness": True, "working_now": True, "shg_member": False, "in_school": False,
    "domestic_violence": False, "workplace_harassment": False, "care_leaver": False,
    "rescued_from_child_labour": False,
}

# A Dalit woman of 20 from rural Tamil Nadu, recruited at 18 into a spinning mill under a
# "Sumangali" scheme, held there (release certificate issued), sexually assaulted by a supervisor
# four months ago; the mill agent was convicted.
SPINNING_MILL_20: Profile = {
    "age": 20, "gender": "female", "state": "tamil_nadu", "residence_area": "rural",
    "nationality": "india", "trafficked": True, "crime_victim": True, "sexually_exploited": False,
    "released_from_bonded_labour": True, "case_outcome": "convicted", "fir_registered": True,
    "harms_suffered": ["sexual_assault"], "pocso_offence_victim": False,
    "workplace_harassment": True, "months_since_workplace_harassment": 4,
    "living_situation": "with_family", "has_family_support": True, "needs_shelter": False,
    "social_category": "sc", "ration_card": "priority", "family_annual_income_inr": 70000,
    "in_school": False, "working_now": False, "shg_member": False,
    "needs_mental_health_care": False, "threatened_as_witness": False,
    "domestic_violence": False, "has_disability": False, "destitute": False, "homeless": False,
    "care_leaver": False, "rescued_from_child_labour": False, "engaged_in_sex_work": False,
    "minority_community": False, "aspirational_district": False,
}

# A Nepali woman of 22 rescued from a brothel in Mumbai, raped there, now in a shelter home and
# wanting to go home. Her age when she was trafficked (so whether POCSO applies), any threats, and
# any BPL-type listing are not known.
NEPAL_22: Profile = {
    "age": 22, "gender": "female", "state": "maharashtra", "residence_area": "metro",
    "nationality": "nepal", "trafficked": True, "sexually_exploited": True, "crime_victim": True,
    "harms_suffered": ["rape"], "fir_registered": True, "case_outcome": "pending",
    "living_situation": "shelter_home", "needs_shelter": True, "has_family_support": True,
    "ration_card": "none", "destitute": False, "homeless": False,
    "needs_mental_health_care": True, "working_now": False, "engaged_in_sex_work": False,
    "urban_listed_occupation": False, "pmjay_listed": False,
    "released_from_bonded_labour": False, "has_disability": False, "in_school": False,
    "shg_member": False, "domestic_violence": False, "workplace_harassment": False,
    "care_leaver": False, "rescued_from_child_labour": False,
}

# A woman of 28 trafficked from Assam as a "bride" to a village in Haryana, beaten by the man she
# was sold to (a domestic relationship), badly injured; the police would not register an FIR. She
# is in a women's shelter; her natal family will not take her back. Her household's caste and
# SECC criteria are not known.
DOMESTIC_VIOLENCE_28: Profile = {
    "age": 28, "gender": "female", "state": "haryana", "residence_area": "rural",
    "nationality": "india", "trafficked": True, "crime_victim": True, "sexually_exploited": False,
    "domestic_violence": True, "faced_violence": True, "harms_suffered": ["grievous_injury"],
    "pocso_offence_victim": False, "fir_registered": False, "living_situation": "shelter_home",
    "needs_shelter": True, "has_family_support": False, "ration_card": "none",
    "below_poverty_line": False, "destitute": False, "homeless": False,
    "needs_mental_health_care": True, "threatened_as_witness": False, "working_now": False,
    "shg_member": False, "in_school": False, "urban_listed_occupation": False,
    "pmjay_listed": False, "workplace_harassment": False, "released_from_bonded_labour": False,
    "has_disability": False, "care_leaver": False, "engaged_in_sex_work": False,
    "rescued_from_child_labour": False, "primitive_tribal_group": False,
    "manual_scavenger_household": False,
}

# Only age and gender: a first phone call.
SPARSE_16: Profile = {"age": 16, "gender": "female"}

# A boy of 15 trafficked to Delhi and sexually exploited (penetrative assault), now in a children's
# home with no family to go back to; the CWC has recommended special relief. His family's ration
# card and poverty listing are not known.
BOY_15_POCSO: Profile = {
    "age": 15, "gender": "male", "state": "delhi", "residence_area": "metro",
    "nationality": "india", "trafficked": True, "sexually_exploited": True, "crime_victim": True,
    "pocso_offence_victim": True, "harms_suffered": ["unnatural_sexual_assault"],
    "fir_registered": True, "case_outcome": "pending", "cwc_recommended_relief": True,
    "in_need_of_care_and_protection": True, "living_situation": "child_care_institution",
    "has_family_support": False, "needs_shelter": True, "in_school": False,
    "threatened_as_witness": False, "restored_from_institution": False,
    "rescued_from_child_labour": False, "released_from_bonded_labour": False,
    "has_disability": False, "needs_mental_health_care": True, "destitute": False,
    "homeless": False, "engaged_in_sex_work": False, "domestic_violence": False,
    "workplace_harassment": False, "care_leaver": False, "working_now": False,
    "urban_listed_occupation": False, "pmjay_listed": False,
}

# A woman of 26 in a town in Uttar Pradesh, trafficked for sexual exploitation, escaped, then
# attacked with acid by the trafficker (face disfigured, more than 50% burns); the attacker is
# untraced. Lives with her family, priority ration card, on the PM-JAY list.
ACID_ATTACK_26: Profile = {
    "age": 26, "gender": "female", "state": "uttar_pradesh", "residence_area": "urban",
    "nationality": "india", "trafficked": True, "sexually_exploited": True, "crime_victim": True,
    "harms_suffered": ["acid_attack_face", "acid_attack_over_50pct"], "fir_registered": True,
    "case_outcome": "accused_untraced", "pocso_offence_victim": False,
    "living_situation": "with_family", "has_family_support": True, "needs_shelter": False,
    "ration_card": "priority", "needs_mental_health_care": True, "threatened_as_witness": False,
    "urban_listed_occupation": False, "pmjay_listed": True, "working_now": False,
    "in_school": False, "shg_member": False, "domestic_violence": False,
    "workplace_harassment": False, "released_from_bonded_labour": False, "destitute": False,
    "homeless": False, "care_leaver": False, "engaged_in_sex_work": False,
    "rescued_from_child_labour": False,
}

# A Scheduled Caste woman of 71 from rural Uttar Pradesh, released with her whole family from
# bondage at a brick kiln (not trafficked); the kiln owner was convicted. Antyodaya card. Whether
# she has a disability, and whether she faced violence there, are not recorded.
ELDER_BONDED_71: Profile = {
    "age": 71, "gender": "female", "state": "uttar_pradesh", "residence_area": "rural",
    "nationality": "india", "released_from_bonded_labour": True, "trafficked": False,
    "sexually_exploited": False, "crime_victim": True, "case_outcome": "convicted",
    "fir_registered": True, "harms_suffered": [], "pocso_offence_victim": False,
    "living_situation": "with_family", "has_family_support": True, "needs_shelter": False,
    "ration_card": "antyodaya", "social_category": "sc", "needs_mental_health_care": False,
    "shg_member": False, "working_now": False, "in_school": False, "destitute": False,
    "homeless": False, "domestic_violence": False, "workplace_harassment": False,
    "threatened_as_witness": False, "engaged_in_sex_work": False, "care_leaver": False,
    "rescued_from_child_labour": False,
}

PROFILES: dict[str, Profile] = {
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
