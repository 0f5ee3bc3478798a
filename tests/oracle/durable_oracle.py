"""durable-rules as an independent oracle for ``statuses()``.

The parent (pytest, or bench/run.py) translates each entitlement's version in force into a
*plan*: the condition tree in negation normal form, as JSON, with every leaf reading one
attribute (``{"attr": "age", "op": "<", "value": 18}``) and groups ``{"all": [...]}`` /
``{"any": [...]}``. A child process (``python -m tests.oracle.durable_oracle``) turns each plan
into a durable-rules rule (``m.age < 18``, ``&``, ``|``), posts the profiles and reports which
rules fired for each one. The parent compares that with ``statuses()``.

Why a child process: durable-rules' C core has faults that can kill a process (see
``run_rules``), so they may fail the oracle test but must never take pytest down with them.

How facts are shown to durable-rules, which has no dates, sets or unknowns:
- a date is its ISO ordinal (``date.toordinal()``), compared as an int;
- a set fact is one bool attribute per allowed value: ``harms_suffered__rape``
  (fact names never hold a double underscore, so the split is unambiguous);
- every profile is fully known: durable-rules has no notion of an unknown fact;
- every posted fact also carries ``_always: true``, for constant conditions and the catch-all
  rule (a fact name starts with a letter, so it cannot clash).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.expr import nodes
from service.expr.kleene import TRUE, UNKNOWN
from service.rules.ruleset import Clause, FactDef, Ruleset

Plan = dict[str, Any]
Facts = dict[str, Any]

ROOT = Path(__file__).resolve().parents[2]
ALWAYS = "_always"
CATCH_ALL = "_catch_all"
# One durable-rules ruleset raises MemoryError at its 1,025th state (sid) unless states are
# deleted; deleting each state is not trusted alone, so a ruleset also sees fewer than 1,024
# profiles before a fresh one takes over.
MAX_BATCH = 1023
BATCH = 500
NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


class OracleError(Exception):
    """The durable-rules child failed: crashed, timed out, or found its input unusable."""


# ---- translation: our checked tree -> plan ------------------------------------------------


def translate_ruleset(ruleset: Ruleset, as_of: dt.date) -> dict[str, Plan]:
    """One plan per entitlement with a version in force on ``as_of``."""
    plans: dict[str, Plan] = {}
    for ent in ruleset.entitlements.values():
        version = ent.version_on(as_of)
        if version is not None:
            plans[ent.id] = group("all", [clause_plan(c) for c in version.clauses])
    return plans


def clause_plan(clause: Clause, negate: bool = False) -> Plan:
    """A clause as written (leaf, or all/any group), with ``not`` pushed to the leaves."""
    if clause.node is not None:
        return node_plan(clause.node, negate)
    kids = [clause_plan(c, negate) for c in clause.children]
    return group("all" if (clause.kind == "all") != negate else "any", kids)


def node_plan(node: nodes.Node, negate: bool = False) -> Plan:
    """A checked node in negation normal form (De Morgan), so durable-rules needs no ``not``."""
    if isinstance(node, nodes.Fact):
        return leaf(node.name, "==", not negate)
    if isinstance(node, nodes.Derived):
        return node_plan(node.node, negate)  # derived facts stay expanded
    if isinstance(node, nodes.Not):
        return node_plan(node.operand, not negate)
    if isinstance(node, nodes.All | nodes.Any_):
        kids = [node_plan(n, negate) for n in node.operands]
        return group("all" if isinstance(node, nodes.All) != negate else "any", kids)
    if isinstance(node, nodes.HasAny):
        kids = [leaf(set_attr(node.fact, v), "==", not negate) for v in sorted(node.values)]
        return group("all" if negate else "any", kids)
    return compare_plan(node, negate)


def compare_plan(node: nodes.Compare, negate: bool) -> Plan:
    if node.op in ("contains", "not contains"):
        held = (node.op == "contains") != negate
        return leaf(set_attr(node.fact, str(node.literal)), "==", held)
    if node.op in ("in", "not in"):
        members = sorted(node.literal, key=repr)  # type: ignore[arg-type]
        if (node.op == "in") != negate:  # `in` is a chain of == joined by or
            return group("any", [leaf(node.fact, "==", scalar(v)) for v in members])
        return group("all", [leaf(node.fact, "!=", scalar(v)) for v in members])
    op = NEGATED[node.op] if negate else node.op
    return leaf(node.fact, op, scalar(node.literal))


def leaf(attr: str, op: str, value: Any) -> Plan:
    return {"attr": attr, "op": op, "value": value}


def group(kind: str, kids: list[Plan]) -> Plan:
    if len(kids) == 1:
        return kids[0]
    if not kids:  # all of nothing holds, any of nothing does not (e.g. `age in []`)
        return {"const": kind == "all"}
    return {kind: kids}


def set_attr(fact: str, value: str) -> str:
    return f"{fact}__{value}"


def scalar(value: Any) -> Any:
    return value.toordinal() if isinstance(value, dt.date) else value


def plan_attributes(plan: Plan) -> set[str]:
    if "attr" in plan:
        return {plan["attr"]}
    if "const" in plan:
        return {ALWAYS}
    kids = plan.get("all") or plan.get("any") or []
    return set().union(*(plan_attributes(k) for k in kids))


# ---- profiles -----------------------------------------------------------------------------


def condition_literals(ruleset: Ruleset) -> dict[str, list[Any]]:
    """Every literal each fact is compared with, in any condition of any version."""
    found: dict[str, set[Any]] = {}

    def walk(node: nodes.Node) -> None:
        if isinstance(node, nodes.Compare):
            values = node.literal if isinstance(node.literal, frozenset) else {node.literal}
            found.setdefault(node.fact, set()).update(values)
        elif isinstance(node, nodes.Derived):
            walk(node.node)
        elif isinstance(node, nodes.Not):
            walk(node.operand)
        elif isinstance(node, nodes.All | nodes.Any_):
            for n in node.operands:
                walk(n)

    for clause in all_clauses(ruleset):
        if clause.node is not None:
            walk(clause.node)
    return {name: sorted(values, key=repr) for name, values in found.items()}


def all_clauses(ruleset: Ruleset) -> Iterable[Clause]:
    for ent in ruleset.entitlements.values():
        for version in ent.versions:
            for clause in version.clauses:
                yield from clause.walk()


def random_profiles(ruleset: Ruleset, count: int, seed: int, known: float = 1.0) -> list[Facts]:
    """Profiles in the engine's form. ``known`` is the chance that each fact is present."""
    rng = random.Random(seed)
    near = condition_literals(ruleset)
    return [{name: random_value(fact, rng, near.get(name, []))
             for name, fact in ruleset.facts.items() if known >= 1.0 or rng.random() < known}
            for _ in range(count)]


def as_sent(facts: Mapping[str, Any]) -> dict[str, Any]:
    """A profile in the engine's form as a request carries it in JSON: a set as a sorted
    list, a date as YYYY-MM-DD."""
    return {name: sorted(value) if isinstance(value, frozenset)
            else value.isoformat() if isinstance(value, dt.date) else value
            for name, value in facts.items()}


def random_value(fact: FactDef, rng: random.Random, near: list[Any]) -> Any:
    """A value of the fact's declared type, often on or beside a literal the rules use."""
    if fact.kind == "bool":
        return rng.random() < 0.5
    if fact.kind == "int":
        return random_int(rng, near, fact.min, fact.max)
    if fact.kind == "date":
        lows = [d.toordinal() for d in near]
        return dt.date.fromordinal(random_int(rng, lows, dt.date(1950, 1, 1).toordinal(),
                                              dt.date(2040, 12, 31).toordinal()))
    if fact.kind == "enum":
        if near and rng.random() < 0.5:
            return rng.choice(near)
        return rng.choice(fact.values)
    return frozenset(v for v in fact.values if rng.random() < 0.3)


def random_int(rng: random.Random, near: list[int], low: int | None, high: int | None) -> int:
    low = min(near, default=0) - 100 if low is None else low
    high = max([*near, low]) + 100 if high is None else high
    edges = sorted({v + d for v in near for d in (-1, 0, 1) if low <= v + d <= high}
                   | {low, high})
    # Boundaries are where translations go wrong (< against <=), so most draws land there.
    return rng.choice(edges) if rng.random() < 0.7 else rng.randint(low, high)


def encode(ruleset: Ruleset, facts: Mapping[str, Any]) -> Facts:
    """A fully-known profile as the flat JSON attributes durable-rules reads."""
    out: Facts = {}
    for name, fact in ruleset.facts.items():
        value = facts[name]  # KeyError: the oracle only takes fully-known profiles
        if fact.kind == "set":
            out.update({set_attr(name, v): v in value for v in fact.values})
        else:
            out[name] = scalar(value)
    return out


# ---- parent: run the child and compare ----------------------------------------------------


@dataclass(frozen=True)
class OracleRun:
    fired: list[frozenset[str]]  # per profile, the entitlements whose rule fired
    seconds: float  # posting every profile and deleting its state
    setup_seconds: float  # building and registering the rulesets


def child_command() -> list[str]:
    return [sys.executable, "-m", "tests.oracle.durable_oracle"]


def run_oracle(plans: Mapping[str, Plan], profiles: Sequence[Facts], *, batch: int = BATCH,
               timeout: float = 300.0) -> OracleRun:
    """Ask a durable-rules child which rules fire for each encoded profile."""
    payload = json.dumps({"plans": plans, "profiles": list(profiles), "batch": batch})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    try:
        proc = subprocess.run(child_command(), input=payload, capture_output=True, text=True,
                              cwd=ROOT, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise OracleError(f"the durable-rules child took longer than {timeout:.0f} s") from None
    if proc.returncode != 0:
        raise OracleError(describe_exit(proc.returncode, proc.stdout, proc.stderr))
    try:
        data = json.loads(proc.stdout)
        return OracleRun([frozenset(f) for f in data["fired"]], data["seconds"],
                         data["setup_seconds"])
    except (ValueError, KeyError, TypeError) as exc:
        raise OracleError(f"unreadable answer from the durable-rules child: {exc}") from None


def describe_exit(code: int, stdout: str, stderr: str) -> str:
    if code < 0:
        try:
            why = f"killed by {signal.Signals(-code).name}"
        except ValueError:
            why = f"killed by signal {-code}"
    else:
        why = f"exited with status {code}"
    try:
        detail = json.loads(stdout)["error"]
    except (ValueError, KeyError, TypeError):
        detail = stderr.strip()[-2000:]
    return f"the durable-rules child {why}: {detail}"


@dataclass(frozen=True)
class Disagreement:
    index: int
    facts: Facts
    engine: frozenset[str]
    durable: frozenset[str]
    unknown: frozenset[str]  # entitlements the engine left unknown on a fully-known profile

    def __str__(self) -> str:
        shown = {k: sorted(v) if isinstance(v, frozenset) else str(v)
                 for k, v in self.facts.items()}
        return (f"profile {self.index}: engine eligible {sorted(self.engine)}, durable-rules "
                f"{sorted(self.durable)}, unknown {sorted(self.unknown)}; facts {shown}")


def engine_eligible(ruleset: Ruleset, facts: Facts, as_of: dt.date,
                    statuses: Callable[..., Mapping[str, Any]]) -> tuple[frozenset[str],
                                                                          frozenset[str]]:
    found = statuses(ruleset, facts, as_of)
    return (frozenset(k for k, v in found.items() if v is TRUE),
            frozenset(k for k, v in found.items() if v is UNKNOWN))


def disagreements(ruleset: Ruleset, as_of: dt.date, profiles: Sequence[Facts],
                  fired: Sequence[frozenset[str]]) -> list[Disagreement]:
    """Every profile where the engine's eligible set differs from the rules that fired."""
    from service.engine.evaluate import statuses  # the parent's side: the child never calls it

    if len(profiles) != len(fired):
        raise OracleError(f"{len(profiles)} profiles sent, {len(fired)} answers back")
    out = []
    for i, (facts, durable) in enumerate(zip(profiles, fired, strict=True)):
        eligible, unknown = engine_eligible(ruleset, facts, as_of, statuses)
        if eligible != durable or unknown:
            out.append(Disagreement(i, facts, eligible, durable, unknown))
    return out


# ---- child: plans -> durable-rules, one profile at a time ---------------------------------


def durable_condition(plan: Plan) -> Any:
    """A plan as a durable.lang expression, e.g. ``(m.age < 18) & (m.gender == 'female')``."""
    from durable.lang import value  # type: ignore[import-untyped]

    if "const" in plan:
        return value("$m", ALWAYS) == plan["const"]
    if "all" in plan:
        return functools.reduce(operator.and_, map(durable_condition, plan["all"]))
    if "any" in plan:
        return functools.reduce(operator.or_, map(durable_condition, plan["any"]))
    compare = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
               "==": operator.eq, "!=": operator.ne}[plan["op"]]
    # value("$m", name) is what `m.name` builds; built directly so that a fact called, say,
    # `alias` or `define` is not taken for an attribute of durable's own class.
    return compare(value("$m", plan["attr"]), plan["value"])


def ruleset_definition(plans: Mapping[str, Plan], fired: list[str]) -> dict[str, Any]:
    """One rule per entitlement, plus a catch-all rule that fires for every profile.

    The catch-all proves each profile was seen; keeps ``assert_fact`` from raising
    ``MessageNotHandledException`` for a profile no entitlement matches; and keeps
    ``delete_state`` from freeing memory the C core never initialised (seen with rulesets of 1
    to 5 rules, which the catch-all avoided).
    """
    from durable.lang import when_all

    def action(name: str) -> Callable[[Any], None]:
        def record(_closure: Any) -> None:
            fired.append(name)

        return record

    rules = {}
    for i, (name, plan) in enumerate(plans.items()):
        rule = when_all(durable_condition(plan))
        rule.func = [action(name)]
        rules[f"r{i}"] = rule.define()
    catch_all = when_all(always_true())
    catch_all.func = [action(CATCH_ALL)]
    rules["catch_all"] = catch_all.define()
    return rules


def always_true() -> Any:
    from durable.lang import value

    return value("$m", ALWAYS) == True  # noqa: E712 - builds a durable expression


def quiet_host() -> Any:
    """A durable-rules host without its background dispatch threads.

    ``engine.Host`` starts timer threads that call into the C core beside the caller; the core
    is not thread-safe (crashes or wrong answers), and our rules have no timers or deferred
    actions, so everything runs in this one thread.
    """
    from durable import engine  # type: ignore[import-untyped]

    class QuietHost(engine.Host):  # type: ignore[misc]
        def _run(self) -> None:
            pass

    return QuietHost()


def run_rules(plans: Mapping[str, Plan], profiles: Sequence[Facts],
              batch: int) -> tuple[list[list[str]], float, float]:
    """Which rules fire for each profile; with the time spent posting and building.

    Each profile is *asserted as a fact* under its own state id: a fact is seen by every rule
    that matches it, while a posted event is consumed by the first matching rule only. The
    state is deleted straight after, and each ruleset takes at most ``batch`` profiles.
    """
    if not 0 < batch <= MAX_BATCH:
        raise ValueError(f"batch must be from 1 to {MAX_BATCH}, not {batch}")
    check_attributes(plans, profiles)
    host = quiet_host()
    fired: list[str] = []
    out: list[list[str]] = []
    seconds = setup = 0.0  # CPU time, as bench/run.py counts the engine's: the machine is shared
    for start in range(0, len(profiles), batch):
        name = f"oracle_{start // batch}"
        began = time.process_time()
        host.register_rulesets({name: ruleset_definition(plans, fired)})
        setup += time.process_time() - began
        began = time.process_time()
        for sid, facts in enumerate(profiles[start:start + batch]):
            fired.clear()
            host.assert_fact(name, {**facts, ALWAYS: True, "sid": str(sid)})
            host.delete_state(name, str(sid))
            if fired.count(CATCH_ALL) != 1:
                raise ValueError(f"profile {start + sid}: the catch-all rule fired "
                                 f"{fired.count(CATCH_ALL)} times, not once")
            # A rule fires once per `|` branch that holds (durable-rules splits a condition
            # into its disjuncts), so repeats are expected: only the set is the answer.
            out.append(sorted(set(fired) - {CATCH_ALL}))
        seconds += time.process_time() - began
    return out, seconds, setup


def check_attributes(plans: Mapping[str, Plan], profiles: Sequence[Facts]) -> None:
    """durable-rules reads a misspelt or absent attribute as false, silently; refuse instead."""
    wanted = set().union(*(plan_attributes(p) for p in plans.values())) - {ALWAYS}
    for i, facts in enumerate(profiles):
        missing = wanted - facts.keys()
        if missing:
            raise ValueError(f"profile {i} lacks attributes the rules read: {sorted(missing)}")


def main() -> int:
    out = sys.stdout
    sys.stdout = sys.stderr  # stray prints from the library must not spoil the JSON answer
    try:
        request = json.load(sys.stdin)
        fired, seconds, setup = run_rules(request["plans"], request["profiles"],
                                          int(request.get("batch", BATCH)))
    except Exception as exc:  # any failure is reported to the parent, which fails the test
        json.dump({"error": f"{type(exc).__name__}: {exc}"}, out)
        return 2
    json.dump({"fired": fired, "seconds": seconds, "setup_seconds": setup}, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
