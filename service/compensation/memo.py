"""A routes answer as a Markdown memo a paralegal can attach to an application: the routes and
where they stand, amounts and dates, next steps, how the routes interact, the provisions relied
on, the rule versions and digest, and the facts relied on. In plain words, in the language of
``words``: routes by their labels, facts by what they say of her, never an id.
"""

from __future__ import annotations

from service.compensation.result import STATUSES, RouteResult, RoutesAnswer
from service.compensation.wording import amounts, due, fact
from service.text.plain import capital
from service.text.words import Words


def memo(answer: RoutesAnswer, words: Words) -> str:
    counts = ", ".join(words.msg(f"memo.count.{s}", n=words.number(answer.counts[s]))
                       for s in STATUSES)
    lines = [
        f"# {words.msg('memo.title')}", "",
        words.msg("memo.as_of", date=words.date(answer.as_of), name=f"*{answer.ruleset.name}*",
                  version=answer.ruleset.version, digest=f"`{answer.ruleset.digest}`")
        + f" {counts}.", ""]
    chosen = [r for r in answer.routes if r.status == "open"]
    if chosen:
        lines += [f"## {words.msg('memo.open')}", ""]
        for r in chosen:
            lines += _open(r, words)
    for status in ("not_yet_open", "needs_info", "closed"):
        chosen = [r for r in answer.routes if r.status == status]
        if chosen:
            lines += [f"## {words.msg('memo.' + status)}", "",
                      *(_brief(r, words) for r in chosen), ""]
    lines += _interactions(answer, words)
    lines += [f"## {words.msg('memo.provisions')}", "",
              "; ".join(_provisions(answer, words)) + ".", ""]
    lines += [f"## {words.msg('memo.versions')}", "", *_versions(answer, words), ""]
    said = "; ".join(fact(name, v, words) for name, v in answer.facts.items())
    lines += [f"## {words.msg('memo.facts')}", "", capital(said) or words.msg("memo.none"), ""]
    unverified = [r.label for r in answer.routes if not r.verified and r.status != "closed"]
    if unverified:
        lines += [words.msg("memo.awaiting", routes="; ".join(unverified)), ""]
    return "\n".join(lines)


def _open(r: RouteResult, words: Words) -> list[str]:
    applicants = words.every([words.msg(f"memo.applicant.{a}") for a in r.applicants])
    head = words.msg("memo.decides", forum=r.forum.name, payer=r.payer.name,
                     applicants=applicants)
    if r.opened_on:
        head += " " + words.msg("memo.open_since", date=words.date(r.opened_on))
    lines = [f"### {r.label}", "", head]
    lines += _money(r, words)
    missing = [d.name for d in r.documents if d.held is False]
    if missing:
        lines.append(words.msg("memo.documents_missing", documents="; ".join(missing)))
    if r.time_limits:
        lines.append(words.msg("memo.time_limits",
                               limits="; ".join(due(t, words) for t in r.time_limits)))
    lines += [f"{i}. {s.action}" for i, s in enumerate(r.steps, 1)]
    return [*lines, ""]


def _brief(r: RouteResult, words: Words) -> str:
    """One line: what opens it, or what it waits on, or why it is closed."""
    if r.status == "closed":
        return "- " + words.msg("memo.closed_because", route=r.label,
                                reasons="; ".join(x.explanation for x in r.reasons))
    if r.status == "not_yet_open":
        awaited = [e.event for e in r.opens_on if e.awaited is not False]
        line = words.msg("memo.opens_on", route=r.label, events="; ".join(awaited))
    else:
        line = words.msg("memo.waiting_on", route=r.label,
                         facts=words.every([words.label(f) for f in r.missing]))
    return " ".join(["-", line, *_money(r, words)])


def _money(r: RouteResult, words: Words) -> list[str]:
    return ([words.msg("memo.interim", amounts=amounts(r.interim, words))] if r.interim
            else []) + ([words.msg("memo.final", amounts=amounts(r.final, words))]
                        if r.final else [])


def _interactions(answer: RoutesAnswer, words: Words) -> list[str]:
    """Between routes that are not closed (a closed route pays nothing to take into account);
    the routes an offset names are grouped under the route whose award it concerns."""
    live = {r.id: r.label for r in answer.routes if r.status != "closed"}
    grouped: dict[tuple[str, str, bool], list[str]] = {}
    together: dict[str, None] = {}
    for r in answer.routes:
        for o in r.offsets:
            if {o.from_route, o.into_route} <= live.keys():
                sources = grouped.setdefault((o.how, o.into_route, o.verified), [])
                if o.from_route not in sources:
                    sources.append(o.from_route)
        for c in r.concurrent_with:
            if {r.id, c.route} <= live.keys():
                first, second = sorted((r.id, c.route))
                together.setdefault(words.msg("memo.together", first=_quoted(live[first]),
                                              second=_quoted(live[second])), None)
    said = []
    for (how, dst, ok), src in grouped.items():
        text = words.msg(f"memo.how.{how}", dst=_quoted(live[dst]),
                         src=words.every([_quoted(live[s]) for s in src]))
        said.append((text if ok else words.msg("route.unverified", text=text)) + ".")
    said += list(together)
    return [f"## {words.msg('memo.interactions')}", "",
            *(f"- {s[0].upper()}{s[1:]}" for s in said), ""] if said else []


def _quoted(label: str) -> str:
    return f"“{label}”"


def _provisions(answer: RoutesAnswer, words: Words) -> list[str]:
    seen: dict[str, None] = {}
    for r in answer.routes:
        if r.status != "closed":
            for b in r.legal_basis:
                if b.applies:
                    seen.setdefault(b.instrument + (f" {b.section}" if b.section else ""), None)
    return list(seen) or [words.msg("memo.none")]


def _versions(answer: RoutesAnswer, words: Words) -> list[str]:
    seen: dict[str, None] = {}
    for r in answer.routes:
        if r.status == "closed":
            continue
        v = r.version
        title = v.title or r.title
        start = words.date(v.valid_from)
        text = (words.msg("memo.version_until", title=title, start=start,
                          end=words.date(v.valid_until)) if v.valid_until
                else words.msg("memo.version", title=title, start=start))
        if v.dated_by != "as_of":
            text = words.msg("memo.picked_by", version=text, fact=words.label(v.dated_by),
                             date=words.date(v.date))
        seen.setdefault(f"- {text}", None)
    return list(seen)
