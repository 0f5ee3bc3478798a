"""Dependencies the routers share."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.holder import RulesetHolder
from service.rules.ruleset import Ruleset


def get_holder(request: Request) -> RulesetHolder:
    holder: RulesetHolder = request.app.state.rules
    return holder


def get_ruleset(request: Request) -> Ruleset:
    return get_holder(request).current


RulesetDep = Annotated[Ruleset, Depends(get_ruleset)]
HolderDep = Annotated[RulesetHolder, Depends(get_holder)]
