"""A process's memory across rule reloads, by hand:

    .venv/bin/python bench/reloads.py                     # 60 reloads
    .venv/bin/python bench/reloads.py --reloads 200 --root ../other-checkout

An analyst reloads the rules after each notification, and a worker lives through many: what
the old rules leave behind must not gather. The service runs in this process (``create_app``
through Starlette's test client, on its own SQLite file and a copy of the rules); between
reloads it answers full answers for 12 ages in 5 States (the parts they share are built for
each State). Prints the process's resident memory every ten reloads, and how many objects
are frozen at the end (everything held when the last reload settled: ``service/memory.py``).
Flat from the tenth reload on is right; a rise that goes on is something held across them.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATES = ("delhi", "west_bengal", "maharashtra", "bihar", "odisha")
AGES = range(5, 29, 2)
SURVIVOR = {"gender": "female", "trafficked": True, "sexually_exploited": True,
            "crime_victim": True}
TOKEN = "bench-admin-token"


def rss_mb() -> float:
    # Not bench/run.py's reader: importing it loads this checkout's service before --root
    # puts the other checkout first on the path.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reloads", type=int, default=60)
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the checkout whose code and rules to run (default: this one)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root))
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    scratch = Path(tempfile.mkdtemp(prefix="adhikar-reloads-"))
    try:
        rules = scratch / "rules"
        shutil.copytree(args.root / "rules", rules)
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.db'}"
        app = create_app(Settings(rules_dir=rules, admin_token=TOKEN))  # type: ignore[call-arg]
        auth = {"Authorization": f"Bearer {TOKEN}"}
        with TestClient(app) as client:
            for reload in range(args.reloads + 1):
                for state in STATES:
                    for age in AGES:
                        profile = SURVIVOR | {"age": age, "state": state}
                        r = client.post("/v1/eligibility", json={"profile": profile})
                        r.raise_for_status()
                if reload % 10 == 0:
                    print(f"after {reload:4d} reloads: {rss_mb():6.1f} MB", flush=True)
                if reload < args.reloads:
                    client.post("/v1/ruleset/reload", headers=auth).raise_for_status()
            print(f"objects frozen: {gc.get_freeze_count():,}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
