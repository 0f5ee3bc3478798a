"""Rule text -> a checked condition tree (``nodes.Node``), or every error found in it.

Only ``ast.parse(text, mode="eval")`` is used: rule text is never evaluated or compiled.
Anything outside the whitelist below is an error, and fact types are checked in the same pass.
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from service.expr import nodes
from service.expr.nodes import FactType, Node, Scalar

FUNCTIONS = ("date", "has_any")
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!=",
         "in": "contains", "not in": "not contains"}
_OPS: dict[type[ast.cmpop], str] = {
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.In: "in", ast.NotIn: "not in",
}
_BOOL_NAMES = {"true": True, "True": True, "false": False, "False": False}
_ALLOWED_OPS = {
    "bool": {"==", "!="},
    "int": {"==", "!=", "<", "<=", ">", ">=", "in", "not in"},
    "date": {"==", "!=", "<", "<=", ">", ">="},
    "enum": {"==", "!=", "in", "not in"},
    "set": {"contains", "not contains"},
}


@dataclass(frozen=True, slots=True)
class ExprError:
    """A problem at a 0-based character offset into the expression text."""

    offset: int
    code: str
    message: str
    hint: str | None = None


class ExprInvalid(Exception):
    def __init__(self, errors: list[ExprError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class _Literal:
    value: Scalar | frozenset[Scalar]
    kind: str  # bool | int | str | date | list
    param: str | None = None  # the parameter it is the value of


@dataclass
class _Ctx:
    text: str
    facts: Mapping[str, FactType]
    derived: Mapping[str, Node]
    params: Mapping[str, nodes.ParamSlot] = field(default_factory=dict)
    errors: list[ExprError] = field(default_factory=list)

    def error(self, node: ast.AST, code: str, message: str, hint: str | None = None) -> None:
        byte_col = getattr(node, "col_offset", 0)
        offset = len(self.text.encode()[:byte_col].decode(errors="ignore"))
        self.errors.append(ExprError(offset, code, message, hint))

    def source(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.text, node) or self.text


def parse(text: str, facts: Mapping[str, FactType], derived: Mapping[str, Node],
          params: Mapping[str, nodes.ParamSlot] | None = None) -> Node:
    """Parse and type-check one condition. Raises ``ExprInvalid`` with every error found.

    A dotted name (``icps.income_ceiling``) is a parameter: ``params`` gives its value where
    the condition is read, and the checked tree holds that value as the literal.
    """
    flat = " ".join(text.split("\n"))
    body = flat.lstrip()
    lead = len(flat) - len(body)  # offsets are into the text as written
    ctx = _Ctx(body.rstrip(), facts, derived, params or {})
    if not ctx.text:
        raise ExprInvalid([ExprError(0, "E201", "empty condition")])
    try:
        tree = ast.parse(ctx.text, mode="eval")
    except SyntaxError as exc:
        offset = lead + max((exc.offset or 1) - 1, 0)
        raise ExprInvalid([ExprError(offset, "E201", f"syntax error: {exc.msg}")]) from None
    node = _condition(tree.body, ctx)
    if ctx.errors or node is None:
        errors = [ExprError(e.offset + lead, e.code, e.message, e.hint) for e in ctx.errors]
        raise ExprInvalid(errors)
    return node


def _condition(node: ast.AST, ctx: _Ctx) -> Node | None:
    handler = _CONDITIONS.get(type(node))
    if handler is None:
        _not_allowed(node, ctx)
        return None
    return handler(node, ctx)


def _not_allowed(node: ast.AST, ctx: _Ctx) -> None:
    what = {ast.Attribute: "attribute access (x.y)", ast.Subscript: "indexing (x[0])",
            ast.BinOp: "arithmetic", ast.Lambda: "lambda", ast.NamedExpr: "assignment (:=)",
            ast.JoinedStr: "an f-string", ast.ListComp: "a comprehension",
            ast.GeneratorExp: "a generator", ast.IfExp: "if-else",
            ast.Constant: "a bare literal"}.get(type(node), type(node).__name__)
    ctx.error(node, "E202", f"{what} is not allowed in a condition")


def _bool_op(node: ast.AST, ctx: _Ctx) -> Node | None:
    assert isinstance(node, ast.BoolOp)
    parts = [_condition(v, ctx) for v in node.values]
    if any(p is None for p in parts):
        return None
    operands = tuple(p for p in parts if p is not None)
    cls = nodes.All if isinstance(node.op, ast.And) else nodes.Any_
    return cls(operands, ctx.source(node))


def _unary(node: ast.AST, ctx: _Ctx) -> Node | None:
    assert isinstance(node, ast.UnaryOp)
    if not isinstance(node.op, ast.Not):
        _not_allowed(node, ctx)
        return None
    operand = _condition(node.operand, ctx)
    return None if operand is None else nodes.Not(operand, ctx.source(node))


def _name(node: ast.AST, ctx: _Ctx) -> Node | None:
    assert isinstance(node, ast.Name)
    name = node.id
    if name in ctx.derived:
        return nodes.Derived(name, ctx.derived[name], name)
    fact = ctx.facts.get(name)
    if fact is None:
        _unknown_fact(node, name, ctx)
        return None
    if fact.kind != "bool":
        ctx.error(node, "E304", f"{name!r} is {_a(fact.kind)} fact, not a condition: compare it "
                  "with a value")
        return None
    return nodes.Fact(name, name)


def _unknown_fact(node: ast.AST, name: str, ctx: _Ctx) -> None:
    if name in _BOOL_NAMES:
        ctx.error(node, "E202", "a bare literal is not allowed in a condition")
        return
    known = [*ctx.facts, *ctx.derived]
    close = difflib.get_close_matches(name, known, n=1)
    ctx.error(node, "E301", f"unknown fact {name!r}", close[0] if close else None)


def _call(node: ast.AST, ctx: _Ctx) -> Node | None:
    assert isinstance(node, ast.Call)
    if not (isinstance(node.func, ast.Name) and node.func.id == "has_any"):
        _bad_call(node, ctx, "a condition")
        return None
    if len(node.args) != 2 or node.keywords or not isinstance(node.args[0], ast.Name):
        ctx.error(node, "E203", "has_any takes a set fact and a list: has_any(fact, ['a', 'b'])")
        return None
    name = node.args[0].id
    fact = ctx.facts.get(name)
    if fact is None:
        _unknown_fact(node.args[0], name, ctx)
        return None
    if fact.kind != "set":
        ctx.error(node.args[0], "E302", f"has_any needs a set fact; {name!r} is {fact.kind}")
        return None
    literal = _literal(node.args[1], ctx)
    if literal is None:
        return None
    if literal.kind != "list":
        ctx.error(node.args[1], "E302", "has_any needs a list of values as its second argument")
        return None
    if not _check_members(node.args[1], name, fact, literal, ctx):
        return None
    values = frozenset(str(v) for v in literal.value)  # type: ignore[union-attr]
    return nodes.HasAny(name, values, ctx.source(node))


def _bad_call(node: ast.Call, ctx: _Ctx, where: str) -> None:
    name = node.func.id if isinstance(node.func, ast.Name) else ctx.source(node.func)
    ctx.error(node, "E203", f"function {name!r} is not allowed in {where}; allowed: "
              + ", ".join(FUNCTIONS))


def _compare(node: ast.AST, ctx: _Ctx) -> Node | None:
    assert isinstance(node, ast.Compare)
    parts: list[Node | None] = []
    left = node.left
    for op, right in zip(node.ops, node.comparators, strict=True):
        if type(op) not in _OPS:
            ctx.error(node, "E202", "'is' is not allowed in a condition; compare with == or !=")
            return None
        parts.append(_pair(node, left, _OPS[type(op)], right, ctx))
        left = right
    if any(p is None for p in parts):
        return None
    leaves = tuple(p for p in parts if p is not None)
    return leaves[0] if len(leaves) == 1 else nodes.All(leaves, ctx.source(node))


def _pair(whole: ast.Compare, left: ast.expr, op: str, right: ast.expr, ctx: _Ctx) -> Node | None:
    text = f"{ctx.source(left)} {op} {ctx.source(right)}"
    if len(whole.ops) == 1:
        text = ctx.source(whole)
    left_fact, right_fact = _fact_name(left, ctx), _fact_name(right, ctx)
    if left_fact and right_fact:
        ctx.error(whole, "E302", "compare a fact with a value, not with another fact")
        return None
    if not left_fact and not right_fact:
        # Name what is wrong with each side (an unknown fact, arithmetic, a call) before
        # saying that no side is a fact.
        before = len(ctx.errors)
        for side in (left, right):
            _literal(side, ctx)
        if len(ctx.errors) == before:
            ctx.error(whole, "E302", "a comparison needs a fact on one side")
        return None
    if left_fact:
        name, value_node = left_fact, right
    else:
        assert right_fact is not None
        name, value_node = right_fact, left
        op = _FLIP[op]  # `'x' in fact` reads as `fact contains 'x'`
    if name in ctx.derived:
        ctx.error(whole, "E302", f"{name!r} is a derived condition: use it on its own, "
                  f"or with not")
        return None
    literal = _literal(value_node, ctx)
    if literal is None:
        return None
    fact = ctx.facts[name]
    if not _check_types(whole, name, fact, op, literal, value_node, ctx):
        return None
    value = literal.value
    return nodes.Compare(name, op, value, text, literal.param)


def _fact_name(node: ast.expr, ctx: _Ctx) -> str | None:
    if isinstance(node, ast.Name) and (node.id in ctx.facts or node.id in ctx.derived):
        return node.id
    return None


def _check_types(whole: ast.AST, name: str, fact: FactType, op: str, literal: _Literal,
                 value_node: ast.AST, ctx: _Ctx) -> bool:
    if op not in _ALLOWED_OPS[fact.kind]:
        allowed = ", ".join(sorted(_ALLOWED_OPS[fact.kind]))
        ctx.error(whole, "E302", f"{op!r} cannot be used with {fact.kind} fact {name!r}; "
                  f"allowed: {allowed}" + ("; for several values use has_any(...)"
                                           if fact.kind == "set" else ""))
        return False
    if op in ("in", "not in"):
        if literal.kind != "list":
            ctx.error(value_node, "E302", f"'{op}' needs a list of values, e.g. [1, 2]")
            return False
        return _check_members(value_node, name, fact, literal, ctx)
    if literal.kind == "list":
        ctx.error(value_node, "E302", f"a list cannot be compared with {op!r}; use 'in'")
        return False
    return _check_scalar(value_node, name, fact, literal, ctx)


def _check_members(node: ast.AST, name: str, fact: FactType, literal: _Literal,
                   ctx: _Ctx) -> bool:
    assert isinstance(node, ast.List | ast.Tuple)
    ok = True
    for element in node.elts:
        member = _literal(element, ctx)
        ok = ok and member is not None and _check_scalar(element, name, fact, member, ctx)
    return ok


_EXPECTED = {"bool": "bool", "int": "int", "date": "date", "enum": "str", "set": "str"}


def _check_scalar(node: ast.AST, name: str, fact: FactType, literal: _Literal,
                  ctx: _Ctx) -> bool:
    want = _EXPECTED[fact.kind]
    if literal.kind != want:
        example = {"bool": "true", "int": "18", "date": "date('2024-07-01')",
                   "str": repr(sorted(fact.values)[0]) if fact.values else "'value'"}[want]
        ctx.error(node, "E302", f"{name!r} is {_a(fact.kind)} fact; it cannot be compared "
                  f"with {_a(literal.kind)} (write a value like {example})")
        return False
    if want == "str" and literal.value not in fact.values:
        close = difflib.get_close_matches(str(literal.value), sorted(fact.values), n=1)
        ctx.error(node, "E303", f"{literal.value!r} is not a value of {name!r}; allowed: "
                  + ", ".join(sorted(fact.values)), close[0] if close else None)
        return False
    return True


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _literal(node: ast.AST, ctx: _Ctx) -> _Literal | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, bool | int | str):
        kind = {bool: "bool", int: "int", str: "str"}[type(node.value)]
        return _Literal(node.value, kind)
    if isinstance(node, ast.Name) and node.id in _BOOL_NAMES:
        return _Literal(_BOOL_NAMES[node.id], "bool")
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant) and type(node.operand.value) is int):
        return _Literal(-node.operand.value, "int")
    if isinstance(node, ast.List | ast.Tuple):
        members = [_literal(e, ctx) for e in node.elts]
        if any(m is None for m in members):
            return None
        values: list[Scalar] = [m.value for m in members
                                if m is not None and not isinstance(m.value, frozenset)]
        if len(values) != len(members):
            _not_allowed(node, ctx)  # a list inside a list
            return None
        return _Literal(frozenset(values), "list")
    if isinstance(node, ast.Call):
        return _date_call(node, ctx)
    if isinstance(node, ast.Attribute) and (name := _dotted(node)) is not None:
        return _param(node, name, ctx)
    if isinstance(node, ast.Name):
        _unknown_fact(node, node.id, ctx)
        return None
    _not_allowed(node, ctx)
    return None


def _dotted(node: ast.AST) -> str | None:
    """``a.b.c`` as written, or None when it is not a plain dotted name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return None if head is None else f"{head}.{node.attr}"
    return None


def _param(node: ast.AST, name: str, ctx: _Ctx) -> _Literal | None:
    head = name.split(".")[0]
    if head in ctx.facts or head in ctx.derived:  # `age.real`: a fact's attribute
        _not_allowed(node, ctx)
        return None
    slot = ctx.params.get(name)
    if slot is None:
        close = difflib.get_close_matches(name, list(ctx.params), n=1)
        ctx.error(node, "E420", f"unknown parameter {name!r}", close[0] if close else None)
        return None
    if slot.problem is not None:
        ctx.error(node, *slot.problem)
        return None
    assert slot.value is not None
    return _Literal(slot.value, "int", name)


def _date_call(node: ast.Call, ctx: _Ctx) -> _Literal | None:
    if not (isinstance(node.func, ast.Name) and node.func.id == "date"):
        _bad_call(node, ctx, "a value")
        return None
    arg = node.args[0] if len(node.args) == 1 and not node.keywords else None
    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
        ctx.error(node, "E306", "date takes one ISO date in quotes: date('2024-07-01')")
        return None
    try:
        return _Literal(dt.date.fromisoformat(arg.value), "date")
    except ValueError:
        ctx.error(arg, "E306", f"{arg.value!r} is not a date; write YYYY-MM-DD")
        return None


_CONDITIONS: dict[type[ast.AST], Callable[[ast.AST, _Ctx], Node | None]] = {
    ast.BoolOp: _bool_op,
    ast.UnaryOp: _unary,
    ast.Compare: _compare,
    ast.Name: _name,
    ast.Call: _call,
}
