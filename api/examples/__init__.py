"""Examples for the contract: a body for each request that takes one, by operation id; and
the answers to them, recorded from the service (``responses``).

The requests are synthetic: a made-up case, facts only; the case reference is of the kind an
NGO uses. The contract tests send them, so each must be valid against the bundled rules. The
answers are never written by hand: ``make openapi`` records them (api/examples/record.py)
into responses.json, which a test checks is current.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

RESPONSES_FILE = Path(__file__).with_name("responses.json")
ANY_OPERATION = "*"  # problems any operation may answer with, by status

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
    "createScreening": {**_ASK, "case_ref": "2026-0142"},
    "openClaim": {"entitlement": "victim-compensation", "case_ref": "2026-0142",
                  "as_of": "2026-11-28", "district": "Murshidabad"},
    "addClaimEvent": {"to_status": "documents_ready",
                      "note": "release certificate and FIR copy in hand"},
}


def responses() -> dict[str, Any]:
    """The recorded answers (``answers``: operation id -> status -> media type -> name ->
    Example) and each kind of problem once (``problems``: code -> Example)."""
    loaded: dict[str, Any] = json.loads(RESPONSES_FILE.read_text())
    return loaded


def for_response(recorded: dict[str, Any], operation: str, status: str,
                 media: str) -> dict[str, Any] | None:
    """The examples of one answer: the operation's own, else (for an error) those any
    operation may give with that status."""
    answers = recorded["answers"]
    own = answers.get(operation, {}).get(status, {}).get(media)
    if own is None and status[0] in "45":
        own = answers.get(ANY_OPERATION, {}).get(status, {}).get(media)
    # A copy for each use: the contract is written as YAML, which would tie shared objects
    # together with anchors.
    found: dict[str, Any] | None = copy.deepcopy(own)
    return found
