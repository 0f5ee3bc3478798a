"""Full answers worked out and written in this process, as ``bench/run.py`` times them
(``answers.full(evaluate(...))``): no app, no ASGI. Started by ``bench/instructions.py
--engine`` under callgrind with counting off; it turns counting on around the counted pass.

    python bench/answer_driver.py ROOT PROFILES_FILE AS_OF

ROOT is the checkout whose engine answers (its code is imported, not this one's),
PROFILES_FILE holds one profile a line, as ``bench/run.drawn`` draws them. Every profile is
answered once to warm the memos, then once more, counted, with the garbage collector off:
when a collection falls in the counted pass depends on every allocation before it, and one
more or less moved the count by a percent or two between commits that changed nothing it
counts. Nothing here is imported from the project before ROOT is first on the path.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import subprocess
import sys
from pathlib import Path


def main() -> int:
    root, profiles, as_of = (Path(sys.argv[1]), Path(sys.argv[2]),
                             dt.date.fromisoformat(sys.argv[3]))
    sys.path.insert(0, str(root))
    # the code of ROOT, imported once it is on the path
    from api import answers
    from service.engine.evaluate import evaluate
    from service.engine.parts import PartsCache
    from service.engine.profile import coerce_profile
    from service.rules.load import load_ruleset

    ruleset = load_ruleset(root / "rules")
    mixed = [coerce_profile(ruleset, json.loads(line))
             for line in profiles.read_text().splitlines()]
    cache, fragments = PartsCache(), answers.Fragments()
    for facts in mixed:
        answers.full(evaluate(ruleset, facts, as_of, cache=cache), fragments)
    gc.collect()
    gc.disable()
    _counting("on")
    for facts in mixed:
        answers.full(evaluate(ruleset, facts, as_of, cache=cache), fragments)
    _counting("off")
    return 0


def _counting(state: str) -> None:
    subprocess.run(["callgrind_control", f"--instr={state}", str(os.getpid())], check=True,
                   capture_output=True)


if __name__ == "__main__":
    sys.exit(main())
