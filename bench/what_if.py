"""What "what would change the answer" and the narrowing of questions cost: run by hand.

    .venv/bin/python bench/what_if.py             # the bundled corpus, full and partial
    .venv/bin/python bench/what_if.py --passes 3  # fewer passes, quicker

On the bundled corpus (corpus/profiles.jsonl: every fact known) and on the same profiles with
each fact dropped with probability 0.4 (seeded): ``evaluate()`` with and without ``what_if``,
full and brief, and the narrowing of questions alone. CPU time (``time.process_time``), the
fastest of several passes over all the profiles, divided by the number of profiles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: service lives one level up

from service.corpus import read_profiles  # noqa: E402
from service.engine import questions  # noqa: E402
from service.engine.evaluate import evaluate  # noqa: E402
from service.engine.parts import PartsCache  # noqa: E402
from service.engine.profile import coerce_profile  # noqa: E402
from service.engine.result import Evaluation  # noqa: E402
from service.rules.load import load_ruleset  # noqa: E402
from service.rules.ruleset import InForce  # noqa: E402

Facts = dict[str, Any]


def per_profile(profiles: list[Facts], call: Callable[[Facts], object], passes: int) -> float:
    """Milliseconds of CPU per profile: the fastest pass."""
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        for facts in profiles:
            call(facts)
        best = min(best, time.process_time() - start)
    return best * 1000 / len(profiles)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 28))
    args = parser.parse_args()
    ruleset = load_ruleset(ROOT / "rules")
    full = [coerce_profile(ruleset, raw) for _, raw in read_profiles()]
    rng = random.Random(7)
    partial = [{k: v for k, v in f.items() if rng.random() >= 0.4} for f in full]
    cache = PartsCache()
    day = args.as_of

    def narrowing(facts: Facts) -> tuple[Evaluation, InForce]:
        answer = evaluate(ruleset, facts, day, cache=cache, what_if=False)
        return answer, ruleset.in_force(day, facts.get("state"))

    print(f"{len(full)} profiles, {len(ruleset.entitlements)} entitlements, as of {day}; "
          f"ms of CPU per profile, fastest of {args.passes} passes")
    for name, profiles in (("fully known", full), ("partial (60% of facts)", partial)):
        print(f"\n{name}")
        for brief in (False, True):
            for what_if in (False, True):
                def call(facts: Facts, brief: bool = brief, what_if: bool = what_if) -> object:
                    return evaluate(ruleset, facts, day, brief=brief, cache=cache,
                                    what_if=what_if)
                ms = per_profile(profiles, call, args.passes)
                print(f"  evaluate(brief={brief!s:5}, what_if={what_if!s:5})  {ms:7.3f}")
        prepared = [(f, *narrowing(f)) for f in profiles]
        best = float("inf")
        for _ in range(args.passes):
            start = time.process_time()
            for facts, answer, in_force in prepared:
                questions.narrowing(answer.results, in_force, facts, day, ruleset.facts)
            best = min(best, time.process_time() - start)
        print(f"  questions.narrowing alone               {best * 1000 / len(prepared):7.3f}")
        counts = [sum(1 for r in evaluate(ruleset, f, day, cache=cache).results if r.changes)
                  for f in profiles]
        print(f"  results with a suggested change: {sum(counts)} over {len(profiles)} profiles")


if __name__ == "__main__":
    main()
