"""The paralegal's brief: a routes answer cut to one printed page, in her language.

What it holds, in the order she reads it: a "start here" list of the three or four actions in
the order a paralegal takes them, each at one office, with the papers to carry and the date it
is due; the amounts she can expect now and the instrument that gives each; the routes not yet
open and the event that opens each; the one or two questions that most change the amount; the
rules' version and digest. Only routes that concern her case are named: closed ones are
counted, and so are routes under which nothing can be paid to her.

Pure: it reads the answer and the words, nothing else. ``service.compensation.render`` lays
it out as Markdown, HTML and PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from service.compensation.result import DueDate, RouteResult, RoutesAnswer
from service.compensation.wording import amounts, figure, within
from service.engine.result import BenefitResult, StepResult
from service.text.words import Words

# A page holds this many actions, and this many things to do across them.
ACTIONS = 4
STEPS = 4
QUESTIONS = 2
# Benefits of one route waiting on the same question share a row from this many.
GROUPED = 3
# A time limit in months, as days, to order actions by how soon they are due; a clock this
# short (or shorter) puts its office first.
_MONTH = 30
_URGENT = 30
_NO_LIMIT = 10**6


@dataclass(frozen=True, slots=True)
class Action:
    """One visit: the office, what to do there, what to carry, and by when."""

    office: str
    do: list[str]
    carry: str | None
    due: str | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class Expected:
    """An amount she can expect under an open route, and the instrument that gives it."""

    amount: str
    kind: str  # interim or final, in words
    under: str


@dataclass(frozen=True, slots=True)
class Brief:
    language: str  # en, hi, bn: the page's lang attribute
    title: str
    as_of: str
    headings: dict[str, str]
    start_here: list[Action]
    nothing_open: str | None
    expected: list[Expected]
    not_yet_open: list[str]
    questions: list[str]
    counted: list[str]  # routes left out, as counts
    footer: str
    draft: str | None


def brief(answer: RoutesAnswer, words: Words) -> Brief:
    concern = [r for r in answer.routes if _concerns(r)]
    actions = start_here([r for r in concern if r.status == "open" or r.actionable], words)
    return Brief(
        language=words.language,
        title=words.msg("brief.title"),
        as_of=words.msg("brief.as_of", date=words.date(answer.as_of)),
        headings={key: words.msg(f"brief.{key}") for key in
                  ("start_here", "expect", "not_yet_open", "questions")},
        start_here=actions,
        nothing_open=None if actions else words.msg("brief.nothing_open"),
        expected=[e for r in concern if r.status == "open" for e in _expected(r, words)],
        not_yet_open=[_awaited(r, words) for r in concern if r.status == "not_yet_open"],
        questions=questions(answer, words),
        counted=_counted(answer, concern, words),
        footer=words.msg("brief.footer", name=answer.ruleset.name,
                         version=answer.ruleset.version, digest=answer.ruleset.digest,
                         language=words.name),
        draft=words.msg("answer.draft") if _drafted(words) else None)


def _concerns(r: RouteResult) -> bool:
    """Open or not yet open, and something under it can still be paid to her."""
    benefits = [*r.interim, *r.final]
    return r.status in ("open", "not_yet_open") and (
        not benefits or any(b.applies is not False for b in benefits))


def start_here(routes: list[RouteResult], words: Words) -> list[Action]:
    """One action per office she goes to, in the order of ``_urgency`` (for a child: the
    CWC's week, then the Special Court's month, then the DLSA); at most ``ACTIONS`` of them
    and ``STEPS`` things to do in all."""
    offices: dict[str, list[tuple[RouteResult, StepResult]]] = {}
    for r in sorted(routes, key=_urgency):
        # the answer's own lines ("not open until", "find out") name no office
        step = next((s for s in r.steps if s.office is not None), None)
        if step is not None and step.office is not None:
            offices.setdefault(step.office.id, []).append((r, step))
    chosen = list(offices.values())[:ACTIONS]
    spare = STEPS - len(chosen)  # each action does one thing; spare room goes to the first
    out = []
    for group in chosen:
        steps = list(dict.fromkeys(step.action for _, step in group))
        more = min(spare, len(steps) - 1)
        spare -= more
        out.append(_action(group, steps[:1 + more], words))
    return out


def _urgency(r: RouteResult) -> tuple[int, ...]:
    """A date passed first; then a clock of a month or less (special relief within a week of
    the CWC's recommendation, POCSO compensation within 30 days of the order), whether the
    route is open yet or not; then open routes before those not yet open; then the shorter
    clock, and a route with an amount before one whose amount is set case by case."""
    overdue = any(t.overdue for t in r.time_limits)
    shortest = min((_days(t) for t in r.time_limits), default=_NO_LIMIT)
    money = any(b.has_amount and b.applies is not False for b in (*r.interim, *r.final))
    return (0 if overdue else 1, shortest if shortest <= _URGENT else _NO_LIMIT,
            0 if r.status == "open" else 1, shortest, 0 if money else 1)


def _days(t: DueDate) -> int:
    return t.days if t.days else (t.months or 0) * _MONTH


def _action(group: list[tuple[RouteResult, StepResult]], steps: list[str],
            words: Words) -> Action:
    """The papers are those the office decides on for a route open now (a route not yet
    open needs its papers later, at the office that decides it)."""
    office = group[0][1].office
    assert office is not None
    carry = list(dict.fromkeys(d.name for r, _ in group
                               if r.status == "open" and r.forum.id == office.id
                               for d in r.documents))
    limits = [t for r, _ in group for t in r.time_limits]
    dated = sorted((t for t in limits if t.due is not None), key=_due_day)
    due: str | None = None
    overdue = False
    if dated:
        first = dated[0]
        overdue = bool(first.overdue)
        due = words.msg("brief.limit_passed" if overdue else "brief.limit_by",
                        limit=first.label, date=words.date(_due_day(first)))
        if overdue and first.escalate_to is not None:  # where to go now, before all else
            steps = [words.msg("brief.escalate", office=first.escalate_to.name), *steps]
    elif limits:
        first = min(limits, key=_days)
        due = words.msg("brief.limit_within", limit=first.label,
                        within=within(first, words, start=False))
    return Action(office=office.name, do=steps,
                  carry=words.msg("brief.carry", documents="; ".join(carry)) if carry else None,
                  due=due, overdue=overdue)


def _due_day(t: DueDate) -> dt.date:
    assert t.due is not None
    return t.due


def _expected(r: RouteResult, words: Words) -> Iterable[Expected]:
    """One row for each benefit she gets or may get; those that wait on the same unanswered
    question (each harm of a schedule while her harms are not known) share one row, named
    by what they wait on, so that the schedule does not push the page onto a second one."""
    under = r.version.title or r.title
    for kind, benefits in (("interim", r.interim), ("final", r.final)):
        said = words.msg(f"brief.{kind}")
        waiting: dict[tuple[str, ...], list[BenefitResult]] = {}
        for b in benefits:
            if b.applies is None and b.missing:
                waiting.setdefault(tuple(b.missing), []).append(b)
        shared = {missing: same for missing, same in waiting.items() if len(same) >= GROUPED}
        for b in benefits:
            if b.applies is True or (b.applies is None and tuple(b.missing) not in shared):
                yield Expected(amount=amounts([b], words), kind=said, under=under)
        for missing, same in shared.items():
            yield Expected(amount=_by(missing, same, words), kind=said, under=under)


def _by(missing: tuple[str, ...], benefits: list[BenefitResult], words: Words) -> str:
    """``By the harms she suffered, each if it applies: Rape: ₹6,00,000 to ₹10,50,000; ...``;
    said unverified once, before the list, when every figure is."""
    unverified = not any(b.verified for b in benefits)
    each = "; ".join(words.msg("memo.benefit", label=b.label,
                               amount=figure(b, words, marked=not unverified))
                     for b in benefits)
    return words.msg("brief.by_unverified" if unverified else "brief.by",
                     facts=", ".join(words.label(f) for f in missing), amounts=each)


def _awaited(r: RouteResult, words: Words) -> str:
    events = "; ".join(e.event for e in r.opens_on if e.awaited is not False)
    line = words.msg("brief.opens_on", route=r.label, events=events)
    money = [f"{b.label}: {figure(b, words)}" for b in (*r.interim, *r.final)
             if b.applies is not False and b.has_amount]
    return " ".join([line, *money])


def questions(answer: RoutesAnswer, words: Words) -> list[str]:
    """The questions that most change what she gets: first by how far the answer would
    narrow an amount (the rupees between the ends of its range), then by how many routes it
    would settle."""
    narrows: dict[str, int] = {}
    for r in answer.routes:
        if r.status == "closed":
            continue
        for b in (*r.interim, *r.final):
            if b.applies is False:
                continue
            for name in b.missing:
                narrows[name] = narrows.get(name, 0) + _width(b.amount_min, b.amount_max)
    settles = {q.fact: q.routes for q in answer.questions}
    order = {name: i for i, name in enumerate(words.facts)}
    ranked = sorted(narrows.keys() | settles.keys(), key=lambda f: (
        -narrows.get(f, 0), -settles.get(f, 0), order.get(f, len(order))))
    said = [words.t(q) for f in ranked if f in words.facts
            and (q := words.facts[f].question) is not None]
    return said[:QUESTIONS]


def _width(low: int | None, high: int | None) -> int:
    """How far an amount may still move: the span of its range; an open end counts as its
    known end, so that "at least ₹1,00,000" still ranks above an exact amount."""
    if low is not None and high is not None:
        return high - low
    return low or high or 0


def _counted(answer: RoutesAnswer, concern: list[RouteResult], words: Words) -> list[str]:
    undecided = sum(1 for r in answer.routes if r.status == "needs_info")
    left = len(answer.routes) - len(concern) - undecided
    out = [words.msg("brief.undecided", n=words.number(undecided))] if undecided else []
    return out + ([words.msg("brief.closed", n=words.number(left))] if left else [])


def _drafted(words: Words) -> bool:
    """The page is in a translation no person has checked yet."""
    catalogue = words.catalogue
    return catalogue is not None and any(not t.reviewed for t in catalogue.texts.values())
