"""A routes answer as a one-page Markdown memo a paralegal can attach to an application: the
routes and where they stand, amounts and dates, next steps, how the routes interact, the
provisions relied on, the rule versions and digest, and the facts relied on.
"""

from __future__ import annotations

from service.compensation.result import DueDate, RouteResult, RoutesAnswer
from service.engine.explain import show_value
from service.engine.result import BenefitResult
from service.money import every, span

HEADINGS = {"open": "Open now", "not_yet_open": "Not yet open",
            "needs_info": "Undecided: facts missing", "closed": "Closed"}
APPLICANTS = {"victim": "the survivor", "dependants": "her dependants",
              "guardian": "a parent, guardian or support person",
              "sho": "the officer in charge of the police station (certificate)",
              "magistrate": "a Magistrate (certificate)", "prosecutor": "the prosecutor",
              "court_suo_motu": "the court on its own",
              "authority_suo_motu": "the deciding authority on its own",
              "cwc": "the Child Welfare Committee"}
HOW = {"counted": "`{dst}` takes into account what she received under `{src}` for the same loss",
       "deducted": "`{dst}` deducts what she received under `{src}`",
       "adjusted_in_final": "the interim award under `{src}` is adjusted in the final award "
                            "under `{dst}`",
       "declared": "`{dst}` asks her to declare that nothing was received for the same loss "
                   "under `{src}`"}


def figure(b: BenefitResult) -> str:
    """``Rs 4,00,000 to Rs 7,00,000``, ``at least Rs 1,00,000``, ``set case by case``."""
    text = span(b.amount_min, b.amount_max, b.unit)
    if text is None:
        return "set case by case" + ("" if b.verified else " (unverified)")
    period = every(b.period)
    return text + (f" {period}" if period else "") + ("" if b.verified else " (unverified)")


def amounts(benefits: list[BenefitResult]) -> str:
    shown = [f"{b.label}: {figure(b)}" + (" (if it applies)" if b.applies is None else "")
             for b in benefits if b.applies is not False]
    return "; ".join(shown) or "none applies"


def due(limit: DueDate) -> str:
    who = limit.office.name if limit.office else "the office"
    if limit.due is not None:
        late = ", passed" if limit.overdue else ""
        return f"{limit.label}: {who} by {limit.due.isoformat()}{late}"
    length = f"{limit.days} days" if limit.days else f"{limit.months} months"
    return f"{limit.label}: {who}, within {length}" + (f" of {limit.starts}"
                                                        if limit.starts else "")


def memo(answer: RoutesAnswer) -> str:
    lines = [
        "# Compensation routes: memo", "",
        f"As of {answer.as_of.isoformat()}. Rules *{answer.ruleset.name}* version "
        f"{answer.ruleset.version}, digest `{answer.ruleset.digest}`. "
        + ", ".join(f"{n} {HEADINGS[s].split(':')[0].lower()}" for s, n in answer.counts.items())
        + ".", ""]
    chosen = [r for r in answer.routes if r.status == "open"]
    if chosen:
        lines += [f"## {HEADINGS['open']}", ""]
        for r in chosen:
            lines += _open(r)
    for status in ("not_yet_open", "needs_info", "closed"):
        chosen = [r for r in answer.routes if r.status == status]
        if chosen:
            lines += [f"## {HEADINGS[status]}", "", *(_brief(r) for r in chosen), ""]
    lines += _interactions(answer)
    lines += ["## Provisions relied on", "", "; ".join(_provisions(answer)) + ".", ""]
    lines += ["## Rule versions", "", *_versions(answer), ""]
    lines += ["## Facts relied on", "", "; ".join(
        f"{name} = {show_value(v)}" for name, v in answer.facts.items()) or "none", ""]
    unverified = [r.id for r in answer.routes if not r.verified and r.status != "closed"]
    if unverified:
        lines += ["Awaiting confirmation (see each rule's note): "
                  + ", ".join(f"`{x}`" for x in unverified) + ".", ""]
    return "\n".join(lines)


def _open(r: RouteResult) -> list[str]:
    since = f" Open since {r.opened_on.isoformat()}." if r.opened_on else ""
    lines = [f"### {r.label} (`{r.id}`)", "",
             f"Decides: {r.forum.name}; pays: {r.payer.name}. May apply: "
             f"{', '.join(APPLICANTS[a] for a in r.applicants)}.{since}"]
    lines += _money(r)
    missing = [d.name for d in r.documents if d.held is False]
    if missing:
        lines.append("Documents missing: " + "; ".join(missing) + ".")
    if r.time_limits:
        lines.append("Time limits: " + "; ".join(due(t) for t in r.time_limits) + ".")
    lines += [f"{i}. {s.action}" for i, s in enumerate(r.steps, 1)]
    return [*lines, ""]


def _brief(r: RouteResult) -> str:
    """One line: what opens it, or what it waits on, or why it is closed."""
    if r.status == "closed":
        return f"- `{r.id}`: " + "; ".join(x.explanation for x in r.reasons)
    awaited = [e.event for e in r.opens_on if e.awaited is not False]
    what = (f"opens on {'; '.join(awaited)}" if r.status == "not_yet_open"
            else f"waiting on {', '.join(r.missing)}")
    return f"- {r.label} (`{r.id}`): {what}. " + " ".join(_money(r))


def _money(r: RouteResult) -> list[str]:
    return ([f"Interim: {amounts(r.interim)}."] if r.interim else []) + (
        [f"Final: {amounts(r.final)}."] if r.final else [])


def _interactions(answer: RoutesAnswer) -> list[str]:
    """Between routes that are not closed (a closed route pays nothing to take into account);
    the routes an offset names are grouped under the route whose award it concerns."""
    live = {r.id for r in answer.routes if r.status != "closed"}
    grouped: dict[tuple[str, str, bool], list[str]] = {}
    together: dict[str, None] = {}
    for r in answer.routes:
        for o in r.offsets:
            if {o.from_route, o.into_route} <= live:
                sources = grouped.setdefault((o.how, o.into_route, o.verified), [])
                if o.from_route not in sources:
                    sources.append(o.from_route)
        for c in r.concurrent_with:
            if {r.id, c.route} <= live:
                first, second = sorted((r.id, c.route))
                together.setdefault(f"`{first}` and `{second}` can run at the same time.", None)
    said = [HOW[how].format(src="`, `".join(src), dst=dst) + ("." if ok else " (unverified).")
            for (how, dst, ok), src in grouped.items()]
    said += list(together)
    return ["## How the routes interact", "", *(f"- {s[0].upper()}{s[1:]}" for s in said),
            ""] if said else []


def _provisions(answer: RoutesAnswer) -> list[str]:
    seen: dict[str, None] = {}
    for r in answer.routes:
        if r.status != "closed":
            for b in r.legal_basis:
                if b.applies:
                    seen.setdefault(b.instrument + (f" {b.section}" if b.section else ""), None)
    return list(seen) or ["none"]


def _versions(answer: RoutesAnswer) -> list[str]:
    seen: dict[str, None] = {}
    for r in answer.routes:
        if r.status == "closed":
            continue
        v = r.version
        until = f" to {v.valid_until.isoformat()}" if v.valid_until else ""
        picked = "" if v.dated_by == "as_of" else f", by {v.dated_by} {v.date.isoformat()}"
        seen.setdefault(f"- `{r.entitlement}`: {v.title or 'version'}, in force from "
                        f"{v.valid_from.isoformat()}{until}{picked}", None)
    return list(seen)
