"""GET /v1/places/districts: India's districts by State, as the rules list them, so that a
form can offer a choice and a client can check a district before it sends one."""

# No `from __future__ import annotations`: the State parameter's values come from facts.yaml
# at start-up, and FastAPI must see the real type in the handler's signature.

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api.deps import RulesetDep
from api.place_models import DistrictOut, DistrictsPublic, ListSourceOut
from service.engine.evaluate import ruleset_ref


def build(states: tuple[str, ...]) -> APIRouter:
    """The router, its `state` parameter one of ``states`` (the `state` fact's values)."""
    router = APIRouter(prefix="/v1/places", tags=["places"])
    state_id: Any = Literal[states]

    @router.get("/districts")
    def list_districts(rules: RulesetDep, state: Annotated[state_id | None, Query(
            description="a State or Union Territory, by its id in the `state` fact: only its "
            "districts; all when absent")] = None) -> DistrictsPublic:
        """The districts a screening or claim may name, in the order of their names: those
        of `state`, or of every State. A district sent is matched to these in any case,
        punctuation and word order, and to the other spellings listed with each; what is kept
        is `name`."""
        places = rules.places
        listed = [state] if state is not None else sorted(places.by_state)
        data = [DistrictOut.of(d) for s in listed for d in places.by_state.get(s, ())]
        return DistrictsPublic(ruleset=ruleset_ref(rules), state=state, data=data,
                               count=len(data), source=ListSourceOut.of(places.source)
                               if places.source else None)

    return router
