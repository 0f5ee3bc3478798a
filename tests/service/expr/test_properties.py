"""Properties of the condition language, over random well-typed conditions written as TEXT.

The conditions are generated as rule text, so every example goes through the parser. Python's
own ``eval`` is the oracle for fully known profiles: the condition language is a subset of
Python expressions with the same meaning. (Rule text is never eval'd in the service; only this
test does it, on text it generated itself.)

Small domains keep completions enumerable: ints are drawn from 0..4 around literals 1..3, dates
from five days around two literal dates, sets from the eight subsets of three values.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from service.expr import explain, nodes
from service.expr.compile import compile_node
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.expr.nodes import FactType, Node
from service.expr.parse import parse

PROPS = settings(max_examples=250, deadline=None)

GENDERS = ("female", "male", "transgender")
HARMS = ("acid_attack", "burns", "rape")
FACTS: dict[str, FactType] = {
    "rescued": FactType("bool"),
    "pregnant": FactType("bool"),
    "age": FactType("int", min=0, max=120),
    "children": FactType("int", min=0, max=20),
    "gender": FactType("enum", frozenset(GENDERS)),
    "harms": FactType("set", frozenset(HARMS)),
    "rescued_on": FactType("date"),
}
DERIVED_TEXT = {"is_young": "age < 2"}
DERIVED: dict[str, Node] = {name: parse(text, FACTS, {}) for name, text in DERIVED_TEXT.items()}

D = dt.date.fromisoformat
INT_LITERALS = (1, 2, 3)
DATE_LITERALS = ("2020-01-01", "2021-01-01")
DOMAIN: dict[str, tuple[Any, ...]] = {
    "rescued": (False, True),
    "pregnant": (False, True),
    "age": (0, 1, 2, 3, 4),
    "children": (0, 1, 2, 3, 4),
    "gender": GENDERS,
    "harms": tuple(frozenset(c) for r in range(4) for c in itertools.combinations(HARMS, r)),
    "rescued_on": tuple(map(D, ("2019-06-01", "2020-01-01", "2020-06-01", "2021-01-01",
                                "2021-06-01"))),
}
CMP = ("==", "!=", "<", "<=", ">", ">=")
FLIP = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


# ---- strategies: conditions as text -------------------------------------------------------


def _list(values: list[Any]) -> str:
    return "[" + ", ".join(repr(v) for v in values) + "]"


def _subset(values: tuple[Any, ...], *, proper: bool) -> st.SearchStrategy[list[Any]]:
    """A list of distinct values; ``proper``: neither empty nor all of them (never constant)."""
    size = (1, len(values) - 1) if proper else (0, len(values))
    return st.lists(st.sampled_from(values), unique=True, min_size=size[0], max_size=size[1])


@st.composite
def atom(draw: st.DrawFn, fact: str, *, read_once: bool) -> str:
    """One comparison about ``fact``. With ``read_once`` it reads the fact once and is not
    constant over the fact's domain, so the fact always matters to it."""
    kind = FACTS[fact].kind if fact in FACTS else "derived"
    proper = read_once
    if kind == "derived":
        return fact
    if kind == "bool":
        return draw(st.sampled_from([fact, f"{fact} == true", f"{fact} == false",
                                     f"{fact} != true", f"true == {fact}"]))
    if kind == "int":
        lits = st.sampled_from(INT_LITERALS) if read_once else st.integers(-1, 5)
        op, k = draw(st.sampled_from(CMP)), draw(lits)
        choices = [f"{fact} {op} {k}", f"{k} {FLIP[op]} {fact}",
                   f"{fact} in {_list(draw(_subset(INT_LITERALS, proper=proper)))}",
                   f"{fact} not in {_list(draw(_subset(INT_LITERALS, proper=proper)))}"]
        if not read_once:
            op2, k2 = draw(st.sampled_from(CMP)), draw(lits)
            choices.append(f"{k} {op} {fact} {op2} {k2}")
        return draw(st.sampled_from(choices))
    if kind == "enum":
        v = draw(st.sampled_from(GENDERS))
        return draw(st.sampled_from([
            f"{fact} == {v!r}", f"{fact} != {v!r}", f"{v!r} == {fact}",
            f"{fact} in {_list(draw(_subset(GENDERS, proper=proper)))}",
            f"{fact} not in {_list(draw(_subset(GENDERS, proper=proper)))}"]))
    if kind == "set":
        v = draw(st.sampled_from(HARMS))
        some = draw(_subset(HARMS, proper=False).filter(lambda xs: xs or not read_once))
        return draw(st.sampled_from([f"{v!r} in {fact}", f"{v!r} not in {fact}",
                                     f"has_any({fact}, {_list(some)})"]))
    op, day = draw(st.sampled_from(CMP)), draw(st.sampled_from(DATE_LITERALS))
    return draw(st.sampled_from([f"{fact} {op} date({day!r})",
                                 f"date({day!r}) {FLIP[op]} {fact}"]))


@st.composite
def combine(draw: st.DrawFn, leaves: list[str]) -> str:
    """Join leaves with and/or and not, in a random shape. Parentheses are random too: the
    text means whatever Python's grammar says, and both sides of each test read the same text."""
    if len(leaves) == 1:
        text = leaves[0]
    else:
        cut = draw(st.integers(1, len(leaves) - 1))
        left, right = draw(combine(leaves[:cut])), draw(combine(leaves[cut:]))
        op = draw(st.sampled_from(["and", "or"]))
        text = f"{_maybe_paren(draw, left)} {op} {_maybe_paren(draw, right)}"
    if draw(st.integers(0, 3)) == 0:
        text = f"not {_maybe_paren(draw, text)}"
    return text


def _maybe_paren(draw: st.DrawFn, text: str) -> str:
    return f"({text})" if draw(st.booleans()) else text


@st.composite
def conditions(draw: st.DrawFn) -> str:
    """Any well-typed condition; facts may repeat, and derived facts appear."""
    names = [*FACTS, *DERIVED]
    picked = draw(st.lists(st.sampled_from(names), min_size=1, max_size=5))
    return draw(combine([draw(atom(f, read_once=False)) for f in picked]))


@st.composite
def read_once_conditions(draw: st.DrawFn) -> str:
    """A condition that reads each fact at most once, through non-constant comparisons."""
    order = draw(st.permutations(list(FACTS)))
    picked = order[: draw(st.integers(1, 5))]
    return draw(combine([draw(atom(f, read_once=True)) for f in picked]))


def values(fact: str) -> st.SearchStrategy[Any]:
    return st.sampled_from(DOMAIN[fact])


full_profiles = st.fixed_dictionaries({f: values(f) for f in FACTS})
partial_profiles = st.fixed_dictionaries({}, optional={f: values(f) for f in FACTS})


# ---- oracles --------------------------------------------------------------------------------


def python_value(text: str, facts: Mapping[str, Any]) -> bool:
    """Plain Python evaluation of the condition text, every fact known."""
    ns: dict[str, Any] = {**facts, "true": True, "false": False, "date": dt.date.fromisoformat,
                          "has_any": lambda s, xs: bool(set(s) & set(xs))}
    for name, derived_text in DERIVED_TEXT.items():
        if set(nodes.base_facts(DERIVED[name])) <= set(facts):
            ns[name] = eval(derived_text, {"__builtins__": {}}, ns)
    result = eval(text, {"__builtins__": {}}, ns)  # the test oracle, on generated text
    assert isinstance(result, bool)
    return result


def completions(facts: Mapping[str, Any], names: list[str]) -> Iterator[dict[str, Any]]:
    """Every way of filling in ``names`` from their small domains."""
    for combo in itertools.product(*(DOMAIN[n] for n in names)):
        yield {**facts, **dict(zip(names, combo, strict=True))}


def unknown_base_facts(node: Node, facts: Mapping[str, Any]) -> list[str]:
    return [f for f in nodes.base_facts(node) if f not in facts]


def can_change(fn: Any, facts: Mapping[str, Any], fact: str, unknown: list[str]) -> bool:
    """Two completions that differ only in ``fact`` give different results."""
    others = [f for f in unknown if f != fact]
    for base in completions(facts, others):
        if len({fn({**base, fact: v}) for v in DOMAIN[fact]}) > 1:
            return True
    return False


# ---- properties -----------------------------------------------------------------------------


@PROPS
@given(conditions(), full_profiles)
def test_compiled_agrees_with_python_when_every_fact_is_known(
        text: str, facts: dict[str, Any]) -> None:
    node = parse(text, FACTS, DERIVED)
    assert compile_node(node)(facts) is Tri.of(python_value(text, facts)), text


@PROPS
@given(conditions(), partial_profiles)
def test_compiled_agrees_with_the_tree_interpreter(text: str, facts: dict[str, Any]) -> None:
    node = parse(text, FACTS, DERIVED)
    assert compile_node(node)(facts) is explain.value(node, facts), text


@PROPS
@given(conditions(), full_profiles, st.fixed_dictionaries({f: st.integers(0, 2) for f in FACTS}))
def test_more_facts_never_change_a_decided_result(
        text: str, full: dict[str, Any], level: dict[str, int]) -> None:
    # level 0: unknown in both; 1: known only in the larger profile; 2: known in both.
    smaller = {f: v for f, v in full.items() if level[f] == 2}
    larger = {f: v for f, v in full.items() if level[f] >= 1}
    fn = compile_node(parse(text, FACTS, DERIVED))
    before = fn(smaller)
    if before is not UNKNOWN:
        assert fn(larger) is before, text
        assert fn(full) is before, text


@PROPS
@given(conditions(), partial_profiles)
def test_a_decided_result_holds_for_every_completion(text: str, facts: dict[str, Any]) -> None:
    node = parse(text, FACTS, DERIVED)
    fn = compile_node(node)
    result = fn(facts)
    if result is UNKNOWN:
        return
    for full in completions(facts, unknown_base_facts(node, facts)):
        assert fn(full) is result, (text, full)


@PROPS
@given(conditions(), partial_profiles)
def test_unknown_facts_is_empty_exactly_when_decided(text: str, facts: dict[str, Any]) -> None:
    node = parse(text, FACTS, DERIVED)
    listed = explain.unknown_facts(node, facts)
    if explain.value(node, facts) is UNKNOWN:
        assert listed, text
        assert len(set(listed)) == len(listed)
        assert set(listed) <= set(unknown_base_facts(node, facts))
    else:
        assert listed == (), text


@PROPS
@given(read_once_conditions(), partial_profiles)
def test_every_listed_missing_fact_can_change_the_outcome(
        text: str, facts: dict[str, Any]) -> None:
    node = parse(text, FACTS, DERIVED)
    fn = compile_node(node)
    unknown = unknown_base_facts(node, facts)
    for fact in explain.unknown_facts(node, facts):
        assert can_change(fn, facts, fact, unknown), (text, fact)


@PROPS
@given(conditions(), partial_profiles)
def test_a_missing_fact_left_unlisted_cannot_change_the_outcome(
        text: str, facts: dict[str, Any]) -> None:
    # Holds for any condition, read-once or not: an unlisted fact sits only under decided
    # parts, and a decided part keeps its value in every completion.
    node = parse(text, FACTS, DERIVED)
    fn = compile_node(node)
    unknown = unknown_base_facts(node, facts)
    listed = set(explain.unknown_facts(node, facts))
    for fact in unknown:
        if fact not in listed:
            assert not can_change(fn, facts, fact, unknown), (text, fact)


@PROPS
@given(read_once_conditions())
def test_read_once_generator_reads_each_fact_once(text: str) -> None:
    # Guards the generator that the relevance property depends on.
    node = parse(text, FACTS, DERIVED)
    leaves: list[str] = []

    def walk(n: Node) -> None:
        if isinstance(n, nodes.Fact):
            leaves.append(n.name)
        elif isinstance(n, nodes.Compare | nodes.HasAny):
            leaves.append(n.fact)
        elif isinstance(n, nodes.Not):
            walk(n.operand)
        elif isinstance(n, nodes.All | nodes.Any_):
            for child in n.operands:
                walk(child)

    walk(node)
    assert len(leaves) == len(set(leaves)), text


# ---- chained comparisons ------------------------------------------------------------------


@st.composite
def chains(draw: st.DrawFn) -> tuple[str, str, str]:
    fact = draw(st.sampled_from(["age", "children", "rescued_on"]))
    if fact == "rescued_on":
        a, b = (f"date({d!r})" for d in draw(st.lists(st.sampled_from(DATE_LITERALS),
                                                        min_size=2, max_size=2)))
    else:
        a, b = str(draw(st.integers(-1, 5))), str(draw(st.integers(-1, 5)))
    op1, op2 = draw(st.sampled_from(CMP)), draw(st.sampled_from(CMP))
    return fact, f"{a} {op1} {fact} {op2} {b}", f"{a} {op1} {fact} and {fact} {op2} {b}"


def _leaves(node: Node) -> list[tuple[str, str, Any]]:
    assert isinstance(node, nodes.All)
    out = []
    for c in node.operands:
        assert isinstance(c, nodes.Compare)
        out.append((c.fact, c.op, c.literal))
    return out


@PROPS
@given(chains(), st.booleans(), st.data())
def test_a_chained_comparison_is_the_conjunction_of_its_links(
        chain: tuple[str, str, str], known: bool, data: st.DataObject) -> None:
    fact, chained, split = chain
    a, b = parse(chained, FACTS, DERIVED), parse(split, FACTS, DERIVED)
    assert _leaves(a) == _leaves(b)
    facts = {fact: data.draw(values(fact))} if known else {}
    assert compile_node(a)(facts) is compile_node(b)(facts)
    assert explain.value(a, facts) is explain.value(b, facts)
    if known:
        assert compile_node(a)(facts) is Tri.of(python_value(chained, facts))
    else:
        assert compile_node(a)(facts) is UNKNOWN


def test_a_chain_reads_its_fact_in_the_middle() -> None:
    fn = compile_node(parse("14 <= age < 18", FACTS, DERIVED))
    assert [fn({"age": n}) for n in (13, 14, 17, 18)] == [FALSE, TRUE, TRUE, FALSE]
    assert fn({}) is UNKNOWN
