"""The web app's pages: how long the service takes to make them and how many bytes they are
(a cheap phone on a slow network pays for every byte). Run by hand:

    .venv/bin/python bench/web.py [--runs N]

In-process (Starlette's test client, no network), with a throwaway SQLite database: the
screener on arrival, after five answers, in Hindi; a case plan with two claims; the programme
view; one rule's page. Prints the median and the slowest of N runs, and the size of each page
(and gzipped, as a server behind a proxy would send it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from api.settings import Settings  # noqa: E402
from service.store import keys  # noqa: E402

ANSWERS = {"a.age": "16", "a.gender": "female", "a.trafficked": "true",
           "a.state": "west_bengal", "a.residence_area": "rural"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="adhikar-bench-web-"))
    app = create_app(Settings(database_url=f"sqlite:///{folder / 'bench.db'}"))
    with TestClient(app) as client:
        with app.state.db.session() as session:
            key = keys.create(session, org="bench", role="caseworker", label="bench",
                              now=dt.datetime.now(dt.UTC)).key
        page = client.get("/sign-in").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        client.post("/sign-in", data={"csrf": csrf, "key": key})
        csrf = re.search(r'name="csrf" value="([^"]+)"',  # type: ignore[union-attr]
                         client.get("/").text).group(1)
        saved = client.post("/screenings", data={"csrf": csrf, **ANSWERS,
                                                 "case_ref": "9000-1"},
                            follow_redirects=False).headers["location"]
        plan = client.get(saved).text
        for ent in re.findall(r'name="entitlement" value="([^"]+)"', plan)[:2]:
            client.post(f"{saved}/claims", data={"csrf": csrf, "entitlement": ent})
        pages = {
            "screener, arrival": lambda: client.get("/"),
            "screener, 5 answers": lambda: client.post("/", data={"csrf": csrf, **ANSWERS}),
            "screener, 5 answers, Hindi": lambda: client.post(
                "/?lang=hi", data={"csrf": csrf, **ANSWERS}),
            "case plan, 2 claims": lambda: client.get(saved),
            "programme": lambda: client.get("/programme"),
            "rule page": lambda: client.get("/rules/victim-compensation"),
        }
        print(f"{'page':32} {'median ms':>10} {'max ms':>8} {'KB':>7} {'KB gz':>7}")
        for name, ask in pages.items():
            ask()  # warm
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                answer = ask()
                times.append((time.perf_counter() - start) * 1000)
                assert answer.status_code == 200, (name, answer.status_code)
            body = answer.content
            print(f"{name:32} {statistics.median(times):10.1f} {max(times):8.1f} "
                  f"{len(body) / 1024:7.1f} {len(gzip.compress(body)) / 1024:7.1f}")


if __name__ == "__main__":
    main()
