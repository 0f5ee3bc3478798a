"""An example body for each request that takes one, by operation id, for the contract.

Synthetic: a made-up case, facts only; the case reference is of the kind an NGO uses. The
contract tests send them, so each must be valid against the bundled rules.
"""

from __future__ import annotations

from typing import Any

_GIRL: dict[str, Any] = {
    "age": 16, "gender": "female", "state": "west_bengal", "trafficked": True,
    "crime_victim": True, "residence_area": "rural", "in_school": True,
    "family_annual_income_inr": 60000, "restored_from_institution": True}
_ASK: dict[str, Any] = {"profile": _GIRL, "as_of": "2026-11-28",
                        "documents_held": ["aadhaar", "fir-copy"], "district": "Murshidabad"}

REQUESTS: dict[str, dict[str, Any]] = {
    "checkEligibility": {**_ASK, "domains": ["legal", "social"], "detail": "brief"},
    "checkEligibilityBatch": {"items": [
        {"profile": _GIRL}, {"profile": {"age": 30, "released_from_bonded_labour": True}}]},
    "compensationRoutes": _ASK,
    "compensationBrief": _ASK,
    "createScreening": {**_ASK, "case_ref": "SNJ-2026-0142"},
    "openClaim": {"entitlement": "victim-compensation", "case_ref": "SNJ-2026-0142",
                  "as_of": "2026-11-28", "district": "Murshidabad"},
    "addClaimEvent": {"to_status": "documents_ready",
                      "note": "release certificate and FIR copy in hand"},
}
