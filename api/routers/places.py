"""GET /v1/places/districts: India's districts by State, as the rules list them, so that a
form can offer a choice and a client can check a district before it sends one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import RulesetDep
from api.place_models import DistrictOut, DistrictsPublic, ListSourceOut
from service.engine.evaluate import ruleset_ref
from service.errors import InvalidInput

router = APIRouter(prefix="/v1/places", tags=["places"])
StateId = Annotated[str | None, Query(pattern=r"^[a-z][a-z0-9_]{1,47}$", description=(
    "a State or Union Territory, by its id in the `state` fact (GET /v1/facts): only its "
    "districts; all when absent"))]


@router.get("/districts")
def list_districts(rules: RulesetDep, state: StateId = None) -> DistrictsPublic:
    """The districts a screening or claim may name, in the order of their names: those of
    `state`, or of every State. A district sent is matched to these in any case, punctuation
    and word order, and to the other spellings listed with each; what is kept is `name`."""
    places = rules.places
    if state is not None and state not in rules.facts["state"].values:
        raise InvalidInput([(("query", "state"), "unknown_state", "not a State or Union "
                             "Territory: GET /v1/facts lists the values of `state`")])
    states = [state] if state is not None else sorted(places.by_state)
    data = [DistrictOut.of(d) for s in states for d in places.by_state.get(s, ())]
    return DistrictsPublic(ruleset=ruleset_ref(rules),
                           source=ListSourceOut.of(places.source) if places.source else None,
                           state=state, data=data, count=len(data))
