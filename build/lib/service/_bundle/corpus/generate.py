"""Make corpus/profiles.jsonl: a few hundred varied, synthetic survivor profiles.

    .venv/bin/python corpus/generate.py > corpus/profiles.jsonl

Deterministic (a fixed seed). Each profile starts from an archetype the research report
describes (a trafficked girl restored to her village, a released bonded labourer, a rescued
child labourer, a care leaver...), gets random values for the other facts of facts.yaml, and
then loses a random share of its facts, as a first visit does. No real case is used.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
COUNT = 300
SEED = 20261128

ARCHETYPES: list[tuple[str, float, dict[str, Any]]] = [
    ("trafficked girl restored to her family", 3, {
        "age": (11, 17), "gender": "female", "trafficked": True, "crime_victim": True,
        "restored_from_institution": True, "residence_area": "rural"}),
    ("woman trafficked for sexual exploitation", 3, {
        "age": (18, 40), "gender": "female", "trafficked": True, "sexually_exploited": True,
        "crime_victim": True}),
    ("released bonded labourer", 3, {
        "age": (16, 55), "released_from_bonded_labour": True, "crime_victim": True,
        "residence_area": "rural"}),
    ("rescued child labourer", 2, {
        "age": (8, 17), "rescued_from_child_labour": True, "crime_victim": True}),
    ("care leaver", 1, {"age": (18, 23), "care_leaver": True, "has_family_support": False}),
    ("survivor of domestic violence", 1, {
        "age": (19, 50), "gender": "female", "domestic_violence": True, "faced_violence": True}),
    ("transgender survivor of sexual exploitation", 1, {
        "age": (18, 35), "gender": "transgender", "sexually_exploited": True, "trafficked": True,
        "crime_victim": True}),
    ("woman trafficked into a spinning mill", 1, {
        "age": (14, 25), "gender": "female", "trafficked": True, "crime_victim": True,
        "released_from_bonded_labour": True}),
    ("survivor from Nepal or Bangladesh", 1, {
        "age": (13, 30), "gender": "female", "trafficked": True, "crime_victim": True,
        "nationality": ("nepal", "bangladesh")}),
    ("older survivor", 0.5, {"age": (60, 85)}),
    ("a first visit: age and gender only", 1, {"age": (10, 45)}),
]


def main() -> None:
    facts = yaml.safe_load((ROOT / "rules" / "facts.yaml").read_text())["facts"]
    rng = random.Random(SEED)
    weights = [w for _, w, _ in ARCHETYPES]
    for n in range(1, COUNT + 1):
        name, _, fixed = rng.choices(ARCHETYPES, weights)[0]
        profile = {k: _value(spec, rng) for k, spec in facts.items()}
        profile.update({k: _pick(v, rng) for k, v in fixed.items() if k in facts})
        sparse = name.startswith("a first visit")
        keep = 0.0 if sparse else rng.uniform(0.4, 1.0)
        kept = {k: v for k, v in profile.items()
                if k in fixed or (not sparse and rng.random() < keep)}
        if sparse:
            kept["gender"] = rng.choice(facts["gender"]["values"])
        line = {"id": f"p{n:03d}", "archetype": name, "profile": dict(sorted(kept.items()))}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def _pick(value: Any, rng: random.Random) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return rng.randint(*value)
    if isinstance(value, tuple):
        return rng.choice(value)
    return value


def _value(spec: dict[str, Any], rng: random.Random) -> Any:
    kind = spec["type"]
    if kind == "bool":
        return rng.random() < 0.3
    if kind == "enum":
        return rng.choice(spec["values"])
    if kind == "set":
        return sorted(rng.sample(spec["values"], k=rng.choice([0, 0, 0, 1, 2])))
    if kind == "int":
        low, high = spec.get("min", 0), spec.get("max", 100)
        if spec.get("unit") == "INR":
            return rng.choice([0, 12000, 24000, 24001, 36000, 60000, 72000, 72001, 96000,
                               120000, 250000])
        return rng.randint(low, min(high, low + 30))
    raise ValueError(f"no generator for {kind} facts")


if __name__ == "__main__":
    main()
