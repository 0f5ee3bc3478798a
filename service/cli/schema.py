"""adhikar schema: JSON Schemas for the rule files, for editors with a YAML language server.

Each rule file's first line points to its schema, e.g.
    # yaml-language-server: $schema=../../schema/entitlement.schema.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from service.rules import model

OUT = Path(__file__).resolve().parents[2] / "schema"
SCHEMAS: dict[str, type[BaseModel]] = {
    "entitlement": model.EntitlementFile,
    "facts": model.FactsFile,
    "offices": model.OfficesFile,
    "documents": model.DocumentsFile,
    "ruleset": model.RulesetFile,
    "parameters": model.ParametersFile,
    "text": model.TextFile,
    "districts": model.DistrictsFile,
}


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "schema", help="write JSON Schemas for the rule files",
        description="Write one JSON Schema per kind of rule file (entitlement, facts, offices, "
        "documents, ruleset, parameters, text, districts) into --out. Rule files name theirs on "
        "their first line, so that an editor with a YAML language server completes and checks "
        "them as you type.")
    parser.add_argument("--out", type=Path, default=OUT, metavar="DIR",
                        help=f"where to write them (default: {OUT.name}/ in the repository)")
    parser.set_defaults(run=run)


def schemas() -> dict[str, str]:
    """File name -> JSON text, the same on every run."""
    out = {}
    for name, schema_model in SCHEMAS.items():
        schema = schema_model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"adhikar {name} file"
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def run(args: argparse.Namespace) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in schemas().items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(args.out / name)
    return 0
