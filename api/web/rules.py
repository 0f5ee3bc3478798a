"""``/rules``: every entitlement, its versions, amounts and the parameters they come from,
its conditions in words with their citations; in the reader's language. The printable
catalogue (``adhikar catalogue``) as pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response

from api.web import conditions, guard
from api.web.components import grouped
from api.web.pages import PageDep

router = APIRouter(include_in_schema=False)
EntitlementId = Annotated[str, Path(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]


@router.get("/rules")
def rule_list(page: PageDep) -> Response:
    guard.may_screen(page)
    ents = list(page.rules.entitlements.values())
    return page.render("rules.html", components=grouped(ents, lambda e: e.domain))


@router.get("/rules/{entitlement_id}")
def rule_page(entitlement_id: EntitlementId, page: PageDep) -> Response:
    guard.may_screen(page)
    ent = page.rules.entitlements.get(entitlement_id)
    if ent is None:
        return page.error(404, page.words.msg("web.error.not_found"))
    params = [page.rules.parameters[p] for p in ent.parameters if p in page.rules.parameters]
    return page.render("rule.html", ent=ent, params=params, said=conditions.clause,
                       offices=page.rules.offices, documents=page.rules.documents,
                       escalation=page.rules.escalation)
