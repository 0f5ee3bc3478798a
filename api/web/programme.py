"""``/programme``: how far claims get, per CBR component and per entitlement, as bar charts;
the gaps; the same report as CSV. Small figures are hidden exactly as the API's funnel report
hides them: the rows are regrouped, then go through the same ``suppression.publish``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from fastapi import APIRouter
from fastapi.responses import Response
from sqlmodel import Session

from api.report_models import to_csv
from api.web import charts, guard
from api.web.components import COMPONENTS
from api.web.pages import Page, PageDep
from service.dates import india_today
from service.engine import districts
from service.rules.ruleset import Ruleset
from service.store import funnel, privacy, suppression
from service.store.database import Database
from service.store.suppression import HIDDEN, Line

router = APIRouter(include_in_schema=False)


@router.get("/programme")
def programme(page: PageDep) -> Response:
    principal = guard.signed_in(page)
    district = _district(page)
    raw = _raw(page, principal.report_scope, district)
    rules = page.rules
    by_component, _ = suppression.publish(regroup(raw, lambda e, o: _domain(rules, e),
                                                  every=[d for d, _ in COMPONENTS]))
    per_entitlement = regroup(raw, lambda e, o: e)
    by_entitlement, total = suppression.publish(per_entitlement)
    by_office, _ = suppression.publish(regroup(raw, lambda e, o: o))
    order: dict[str, int] = {d: i for i, (d, _) in enumerate(COMPONENTS)}
    by_component.sort(key=lambda line: order.get(line.entitlement or "", 99))
    names = dict(COMPONENTS)
    return page.render(
        "programme.html", district=district or "", threshold=suppression.THRESHOLD,
        components=charts.charts(by_component), component_names=names,
        entitlements=charts.charts(by_entitlement), total=charts.charts([total])[0],
        never_applied=never_applied(by_entitlement, per_entitlement),
        most_overdue=most_overdue(by_office),
        title_of=lambda e: rules.entitlements[e].title if e in rules.entitlements else e,
        office_of=lambda o: rules.offices[o].name if o in rules.offices else o,
        empty=raw.total.identified == 0)


@router.get("/programme.csv")
def programme_csv(page: PageDep) -> Response:
    """The funnel as the API's CSV (GET /v1/reports/funnel.csv): per entitlement and office."""
    principal = guard.signed_in(page)
    lines, total = suppression.publish(_raw(page, principal.report_scope, _district(page)))
    return page.finish(Response(to_csv(lines, total), media_type="text/csv", headers={
        "Content-Disposition": 'attachment; filename="funnel.csv"'}))


def regroup(raw: funnel.Funnel, key: Callable[[str, str], str],
            every: Iterable[str] = ()) -> funnel.Funnel:
    """The same claims' figures under another grouping: by component, by entitlement alone,
    by office. Each row's figures are the sum of the rows it gathers; ``every`` names rows
    to show even when no claim falls in them."""
    rows: dict[tuple[str, str], funnel.Tally] = defaultdict(funnel.Tally)
    for name in every:
        rows[(name, "")] = funnel.Tally()
    for (ent, office), tally in raw.rows.items():
        _add(rows[(key(ent, office), "")], tally)
    return funnel.Funnel(dict(sorted(rows.items())), raw.total)


def never_applied(lines: list[Line], grouped: funnel.Funnel) -> list[str]:
    """Entitlements identified for many (a count shown) and applied for by fewer than the
    threshold. It says no more than the hidden cell says ("<5"); a cell hidden only so that
    the total cannot give another away is not taken for a small one."""
    return [str(line.entitlement) for line in lines
            if line.cells["identified"] != HIDDEN
            and grouped.rows[(str(line.entitlement), "")].applied < suppression.THRESHOLD]


def most_overdue(lines: list[Line], top: int = 5) -> list[tuple[str, int]]:
    """Offices with the most overdue claims, among those whose count is shown."""
    shown = [(str(line.entitlement), int(c)) for line in lines
             if isinstance(c := line.cells["overdue"], int) and c > 0]
    return sorted(shown, key=lambda x: (-x[1], x[0]))[:top]


def _add(into: funnel.Tally, tally: funnel.Tally) -> None:
    for name in funnel.COUNTS:
        setattr(into, name, into.count(name) + tally.count(name))
    into.claimed += tally.claimed
    into.paid += tally.paid
    into.paid_days += tally.paid_days


def _domain(rules: Ruleset, entitlement: str) -> str:
    ent = rules.entitlements.get(entitlement)
    return ent.domain if ent else "social"


def _district(page: Page) -> str | None:
    asked = (page.request.query_params.get("district") or "").strip()
    # as api.schemas.District: a place's name, never a person's
    return (districts.as_listed(page.rules, asked)
            if asked and privacy.district_problem(asked) is None else None)


def _raw(page: Page, scope: str | None, district: str | None) -> funnel.Funnel:
    db: Database = page.request.app.state.db
    session: Session
    with db.session() as session:
        return funnel.funnel(session, scope=scope, today=india_today(), district=district)
