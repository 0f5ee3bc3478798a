"""The screener's answers so far, carried from page to page in the form itself (hidden fields
``a.<fact>``; ``skip`` for each "don't know"), so that nothing is kept on the server until a
caseworker saves a screening. Facts only: the form has no place for a name or a phone.

Reading the form is pure: a form's fields in, the answers (or the problem with the one just
given) out. The profile is checked against the rules by ``Case.read`` like any API request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from service.engine.result import Evaluation, Question
from service.rules.ruleset import FactDef, Ruleset

PREFIX = "a."
UNKNOWN_CHOICE = "dont_know"


@dataclass(frozen=True, slots=True)
class Answers:
    facts: dict[str, Any] = field(default_factory=dict)  # fact -> value, the engine's form
    skipped: tuple[str, ...] = ()  # answered "don't know"
    problem: tuple[str, str] | None = None  # (fact, message id) of an answer refused

    def hidden(self) -> list[tuple[str, str]]:
        """The hidden fields that carry these answers to the next page."""
        out: list[tuple[str, str]] = []
        for name, value in self.facts.items():
            values = value if isinstance(value, list) else [value]
            out += [(PREFIX + name, _text(v)) for v in values]
            if isinstance(value, list) and not value:
                out.append((PREFIX + name, ""))  # an empty set: none of them
        out += [("skip", name) for name in self.skipped]
        return out

    def asked(self) -> set[str]:
        return {*self.facts, *self.skipped}


def read(ruleset: Ruleset, form: Iterable[tuple[str, str]]) -> Answers:
    """The answers a form carries, with the one just given (``q`` and ``v``, or ``do=skip``)
    added, and one taken back when ``forget`` names it."""
    pairs = list(form)
    single = {k: v for k, v in pairs}
    raw: dict[str, list[str]] = {}
    skipped: list[str] = []
    for key, value in pairs:
        if key.startswith(PREFIX) and key[len(PREFIX):] in ruleset.facts:
            raw.setdefault(key[len(PREFIX):], []).append(value)
        elif key == "skip" and value in ruleset.facts and value not in skipped:
            skipped.append(value)
    facts: dict[str, Any] = {}
    for name, values in raw.items():
        parsed = parse(ruleset.facts[name], values)
        if parsed is not None:
            facts[name] = parsed
    problem = None
    asked = single.get("q") or ""
    forget = single.get("forget")
    if forget:  # taking an answer back: the question on the page is left unanswered
        facts.pop(forget, None)
        return Answers(facts, tuple(s for s in skipped if s != forget), None)
    if asked in ruleset.facts and asked not in facts and asked not in skipped:
        given = [v for k, v in pairs if k == "v"]
        if single.get("do") == "skip" or given == [UNKNOWN_CHOICE]:
            skipped.append(asked)
        else:
            value = parse(ruleset.facts[asked], given, empty_set_ok=single.get("do") == "none")
            if value is None:
                problem = (asked, "web.answer.invalid")
            else:
                facts[asked] = value
    return Answers(facts, tuple(skipped), problem)


def parse(fact: FactDef, values: list[str], *, empty_set_ok: bool = True) -> Any:
    """One fact's value from form text, in the engine's form; None when it does not fit (the
    rules' own check, ``FactDef.coerce``, has the last word)."""
    values = [v.strip() for v in values]
    try:
        if fact.kind == "set":
            chosen = sorted({v for v in values if v})
            if not chosen and not empty_set_ok:
                return None
            return _checked(fact, chosen)
        if len(values) != 1 or not values[0]:
            return None
        text = values[0]
        if fact.kind == "bool":
            return {"true": True, "false": False}.get(text)
        if fact.kind == "int":
            return _checked(fact, int(text))
        if fact.kind == "date":
            return _checked(fact, dt.date.fromisoformat(text).isoformat())
        return _checked(fact, text)
    except ValueError:
        return None


def _checked(fact: FactDef, value: Any) -> Any:
    _, problem = fact.coerce(value)
    return None if problem else value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def next_question(evaluation: Evaluation, answers: Answers) -> Question | None:
    """The engine's best next question that she has not been asked yet."""
    asked = answers.asked()
    return next((q for q in evaluation.questions if q.fact not in asked), None)


def profile(answers: Answers) -> Mapping[str, Any]:
    return dict(answers.facts)
