"""The paralegal's brief, timed by hand: routes answer, brief, Markdown, HTML and PDF.

    .venv/bin/python bench/brief.py --repeat 10

For the first hand-worked case (a girl of 15, trial pending) in each language, prints the
median milliseconds of each stage and the size of the PDF. The first PDF of the process pays
for loading WeasyPrint and the fonts; it is timed apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.compensation import render  # noqa: E402
from service.compensation.answer import routes  # noqa: E402
from service.compensation.brief import brief  # noqa: E402
from service.engine.profile import coerce_profile  # noqa: E402
from service.rules.load import load_ruleset  # noqa: E402
from service.text.words import words_for  # noqa: E402

CHILD = {"age": 15, "gender": "female", "trafficked": True, "sexually_exploited": True,
         "crime_victim": True, "pocso_offence_victim": True, "harms_suffered": ["rape"],
         "fir_registered": True, "fir_date": "2024-11-12", "chargesheet_filed": True,
         "case_outcome": "pending", "cwc_recommended_relief": False,
         "offence_date": "2024-11-10", "released_from_bonded_labour": False,
         "rescued_from_child_labour": False}


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    ruleset = load_ruleset(ROOT / "rules")
    facts = coerce_profile(ruleset, CHILD)
    as_of = dt.date(2025, 6, 1)
    start = time.perf_counter()
    render.pdf(render.html(brief(routes(ruleset, facts, as_of), words_for(ruleset))))
    print(f"first PDF of the process: {(time.perf_counter() - start) * 1000:.0f} ms")
    for language in ("en", "hi", "bn"):
        words = words_for(ruleset, language)
        answer = routes(ruleset, facts, as_of, words=words)
        page = brief(answer, words)
        html = render.html(page)
        size = len(render.pdf(html))
        stages = {
            "answer": lambda: routes(ruleset, facts, as_of, words=words),  # noqa: B023
            "brief": lambda: brief(answer, words),  # noqa: B023
            "markdown": lambda: render.markdown(page),  # noqa: B023
            "html": lambda: render.html(page),  # noqa: B023
            "pdf": lambda: render.pdf(html),  # noqa: B023
        }
        shown = ", ".join(f"{name} {median_ms(fn, args.repeat):.1f} ms"
                          for name, fn in stages.items())
        print(f"{language}: {shown}; PDF {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
