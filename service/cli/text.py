"""Plain-text renderings of answers for the terminal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from service.engine.offices import state_name
from service.engine.result import BenefitResult, EntitlementResult, Evaluation, Reason
from service.money import PERIODS, span
from service.rules.parameters import Parameter, Value

MARK = {"eligible": "ELIGIBLE", "not_eligible": "not eligible", "needs_info": "needs info"}


def amount(b: BenefitResult) -> str:
    if not b.has_amount:
        return "in kind / set case by case"
    figure = span(b.amount_min, b.amount_max, b.unit) or "not fixed"
    period = PERIODS.get(b.period or "", "")
    return f"{figure} {period}".strip() + ("" if b.verified else " (unverified)")


def check_table(answer: Evaluation) -> str:
    lines = [f"As of {answer.as_of}, rules {answer.ruleset.version} "
             f"({answer.ruleset.digest[:19]}): " + ", ".join(
                 f"{n} {MARK[s]}" for s, n in answer.counts.items())]
    for r in answer.results:
        lines.append("")
        lines.append(f"{MARK[r.status]:<12} {r.entitlement}: {r.title}")
        if not r.version.verified:
            lines.append(f"{'':12} version unverified: {r.version.note or 'see the rule file'}")
        for b in r.benefits:
            if b.applies is not False:
                maybe = "" if b.applies else " (if it applies)"
                lines.append(f"{'':12} {b.label}: {amount(b)}{maybe}")
        lines.append(f"{'':12} office: {r.office.name}")
        missing_docs = [d.name for d in r.documents if d.held is False]
        if missing_docs:
            lines.append(f"{'':12} documents missing: " + "; ".join(missing_docs))
        if r.missing:
            lines.append(f"{'':12} waiting on: " + ", ".join(r.missing))
    if answer.questions:
        lines += ["", "Ask next:"]
        for q in answer.questions[:8]:
            lines.append(f"  {q.question}  [{q.fact}; holds up {q.entitlements}]")
    return "\n".join(lines)


def explanation(r: EntitlementResult, as_of: dt.date, reasons: list[Reason],
                parameters: Sequence[Parameter] = ()) -> str:
    """``reasons``: every clause of the version, not only those that decided it;
    ``parameters``: those its rules name, printed with their dated values."""
    v = r.version
    until = f" to {v.valid_until}" if v.valid_until else ""
    lines = [f"{r.entitlement}: {r.title}", f"version in force on {as_of}: from "
             f"{v.valid_from}{until}" + ("" if v.verified else " (unverified: see note)")]
    lines += [f"  legal basis: {b.instrument}" + (f", {b.section}" if b.section else "")
              for b in v.legal_basis]
    lines.append(f"status: {MARK[r.status]}")
    lines.append("conditions (all must hold):")
    status_value = {"eligible": True, "not_eligible": False, "needs_info": None}[r.status]
    for reason in reasons:
        word = {True: "yes", False: "no", None: "unknown"}[reason.value]
        decisive = reason.value is status_value and r.status != "eligible"
        flag = "  <- decides it" if decisive else ""
        # the analyst reads the condition as written, then what it says of her in words
        lines.append(f"  [{word:>7}] {reason.clause}{flag}")
        lines.append(f"            {reason.explanation}")
        if reason.cite:
            lines.append(f"            {reason.cite}")
    if r.missing:
        lines.append("would be decided by: " + ", ".join(r.missing))
    if r.keep:
        lines.append("to keep receiving it:")
        for reason in r.keep:
            word = {True: "yes", False: "no", None: "unknown"}[reason.value]
            lines.append(f"  [{word:>7}] {reason.explanation}")
    lines.append("benefits:")
    for b in r.benefits:
        applies = {True: "applies", False: "does not apply", None: "undecided"}[b.applies]
        cond = f" (when {b.condition})" if b.condition else ""
        lines.append(f"  {b.label}: {amount(b)}: {applies}{cond}")
        if b.missing:
            lines.append(f"    would be narrowed by: {', '.join(b.missing)}")
        lines += [f"    from {f.parameter}: {f.explanation}" for f in b.figures]
    if v.note:
        lines.append(f"note: {v.note}")
    if parameters:
        lines.append("parameters:")
        lines += [line for p in parameters for line in parameter_lines(p)]
    return "\n".join(lines)


def parameter_lines(p: Parameter) -> list[str]:
    """A parameter with its dated values, nationally and by State."""
    lines = [f"  {p.name} ({p.unit}): {p.description}"]
    for state, series in p.series():
        lines.append(f"    {state_name(state) if state else 'national'}:")
        lines += [f"      {_value(v, p.unit)}" for v in series]
    return lines


def _value(v: Value, unit: str) -> str:
    dates = f"from {v.start}" + (f" to {v.until}" if v.until else "")
    figure = (span(v.low, v.high, unit) if unit in ("inr", "days")
              else f"{v.low} {unit}" if v.exact is not None else f"{v.low}-{v.high} {unit}")
    flag = "" if v.verified else " (unverified)"
    return f"{dates}: {figure}{flag}; {v.basis}"
