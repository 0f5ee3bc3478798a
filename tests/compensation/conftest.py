"""Helpers for the compensation tests: one case's answer, by route id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from service.compensation.answer import routes
from service.compensation.result import RouteResult, RoutesAnswer
from service.engine.profile import coerce_profile
from service.engine.result import BenefitResult
from service.rules.ruleset import Ruleset

Ask = Callable[..., tuple[RoutesAnswer, dict[str, RouteResult]]]


@pytest.fixture
def ask(ruleset: Ruleset) -> Ask:
    def run(profile: dict[str, Any], as_of: str, held: list[str] | None = None,
            ) -> tuple[RoutesAnswer, dict[str, RouteResult]]:
        answer = routes(ruleset, coerce_profile(ruleset, profile), dt.date.fromisoformat(as_of),
                        documents_held=held)
        return answer, {r.id: r for r in answer.routes}
    return run


def status(by_id: dict[str, RouteResult]) -> dict[str, str]:
    return {rid: r.status for rid, r in by_id.items()}


def benefit(benefits: list[BenefitResult], label: str) -> BenefitResult:
    return next(b for b in benefits if b.label == label)


def span(b: BenefitResult) -> tuple[int | None, int | None]:
    return b.amount_min, b.amount_max


def awaited(r: RouteResult) -> list[str]:
    return [e.event for e in r.opens_on if e.awaited]
