"""Dependencies the routers share."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.holder import RulesetHolder
from service.rules.ruleset import Ruleset


# async, so that FastAPI calls them on the event loop rather than in its thread pool.
async def get_holder(request: Request) -> RulesetHolder:
    holder: RulesetHolder = request.app.state.rules
    return holder


async def get_ruleset(request: Request) -> Ruleset:
    holder: RulesetHolder = request.app.state.rules
    return holder.current


RulesetDep = Annotated[Ruleset, Depends(get_ruleset)]
HolderDep = Annotated[RulesetHolder, Depends(get_holder)]
