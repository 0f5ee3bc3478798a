"""Run the examples embedded in rule files against the engine."""

from __future__ import annotations

from dataclasses import dataclass

from service.engine.evaluate import entitlement_result
from service.engine.offices import OfficeBook, Place
from service.engine.profile import coerce_profile
from service.engine.result import EntitlementResult
from service.rules import model
from service.rules.ruleset import Entitlement, Ruleset


@dataclass(frozen=True, slots=True)
class ExampleOutcome:
    entitlement: str
    file: str
    index: int  # its place in the file's `examples`
    name: str
    problems: tuple[str, ...]  # empty when the example passes

    @property
    def passed(self) -> bool:
        return not self.problems


def run_example(ruleset: Ruleset, ent: Entitlement, example: model.Example,
                index: int = 0) -> ExampleOutcome:
    version = ent.version_on(example.as_of, example.profile.get("state"))
    if version is None or example.expect.status == "not_in_force":
        ok = version is None and example.expect.status == "not_in_force"
        problem = () if ok else (f"expected {example.expect.status}; in force: "
                                 f"{version is not None}",)
        return ExampleOutcome(ent.id, ent.file, index, example.name, problem)
    facts = coerce_profile(ruleset, example.profile)
    book = OfficeBook(ruleset, Place())
    result = entitlement_result(ent, version, facts, example.documents_held, book)
    return ExampleOutcome(ent.id, ent.file, index, example.name,
                          tuple(compare(example.expect, result)))


def run_examples(ruleset: Ruleset) -> list[ExampleOutcome]:
    return [run_example(ruleset, ent, ex, i)
            for ent in ruleset.entitlements.values() for i, ex in enumerate(ent.examples)]


def compare(expect: model.Expect, result: EntitlementResult) -> list[str]:
    problems = []
    if result.status != expect.status:
        why = "; ".join(r.explanation for r in result.reasons)
        problems.append(f"status: expected {expect.status}, got {result.status} ({why})")
    if expect.missing is not None and sorted(expect.missing) != sorted(result.missing):
        problems.append(f"missing: expected {sorted(expect.missing)}, got "
                        f"{sorted(result.missing)}")
    by_label = {b.label: b for b in result.benefits}
    for label, want in (expect.benefits or {}).items():
        got = by_label[label]
        if want is None:
            if got.applies is not False:
                problems.append(f"benefit {label!r}: expected not to apply, got applies="
                                f"{got.applies}")
            continue
        if got.applies is not True:
            problems.append(f"benefit {label!r}: expected to apply, got applies={got.applies}")
        low, high = (want, want) if isinstance(want, int) else (want[0], want[1])
        if (got.amount_min, got.amount_max) != (low, high):
            problems.append(f"benefit {label!r}: expected {_amount(low, high)}, got "
                            f"{_amount(got.amount_min, got.amount_max)}")
    return problems


def _amount(low: int | None, high: int | None) -> str:
    if low == high:
        return f"{low}"
    return f"[{low}, {high}]"
