"""Where the bundled rules, migrations and profile corpus are, installed or in the source tree.

A wheel carries them as package data under ``service/_bundle`` (setup.py copies the top-level
``rules/``, ``migrations/`` and ``corpus/`` there at build time, so that the source tree keeps
them where the rule authors edit them); a checkout or an editable install reads them in place.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

SOURCE_TREE = Path(__file__).resolve().parent.parent
RULES_ENV = "ADHIKAR_RULES_DIR"


def bundled(name: str) -> Path:
    """The bundled folder ``name`` (rules, migrations or corpus)."""
    packaged = resources.files("service").joinpath("_bundle", name)
    if packaged.is_dir():
        return Path(str(packaged))
    return SOURCE_TREE / name


def in_source_tree() -> bool:
    return (SOURCE_TREE / "pyproject.toml").is_file() and not bundled_in_package()


def bundled_in_package() -> bool:
    return resources.files("service").joinpath("_bundle").is_dir()


def default_rules_dir() -> Path:
    """ADHIKAR_RULES_DIR, then ./rules when it exists, then the bundled rules: the same order
    for the service and every command."""
    named = os.environ.get(RULES_ENV)
    if named:
        return Path(named)
    here = Path.cwd() / "rules"
    if (here / "ruleset.yaml").is_file():
        return here
    return bundled("rules")
