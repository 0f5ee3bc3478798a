"""Keeping a language's catalogue (rules/text/<language>.yaml) in step with the English.

``update`` adds every English text that has no entry yet (with an empty translation), keeps
each translation whose English still stands, and marks stale a translation whose English has
changed where it stood: the entry takes the new English and keeps the old one in ``was``,
so the translator sees both. A translation of an English that is gone is dropped.
``coverage`` counts what a language has: translated, reviewed, stale, missing.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

# `at` keeps a few places an English stands, enough to show a translator its context and
# to tell when it changed; a step repeated in twenty versions needs no twenty.
_PLACES = 3


@dataclass(frozen=True, slots=True)
class Coverage:
    language: str
    total: int
    translated: int
    reviewed: int
    stale: int
    missing: list[str]
    stale_texts: list[str]

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def update(english: Mapping[str, tuple[str, ...]], old: Mapping[str, Any]) -> dict[str, Any]:
    """The catalogue ``old`` (as read from YAML) brought up to date with ``english``
    ({english: places}); a new catalogue when ``old`` has no entries."""
    entries: list[dict[str, Any]] = list(old.get("texts") or [])
    standing = {place: en for en, places in english.items() for place in places}
    kept: dict[str, dict[str, Any]] = {}
    for entry in entries:
        en = entry.get("en", "")
        if en in english:
            kept.setdefault(en, entry)
            continue
        if not entry.get("text"):
            continue
        now = next((standing[p] for p in entry.get("at") or () if p in standing), None)
        if now is not None and now not in kept and not _translated(entries, now):
            kept[now] = {**entry, "en": now, "was": entry.get("was") or en, "reviewed": False}
    out = []
    for en, places in english.items():
        entry = kept.get(en) or {"en": en, "text": "", "reviewed": False}
        row = {"en": en, "text": entry.get("text", "")}
        if entry.get("reviewed"):  # false unless said: a translation is a draft until checked
            row["reviewed"] = True
        if entry.get("was"):
            row["was"] = entry["was"]
        row["at"] = list(places[:_PLACES])
        out.append(row)
    return {"language": old["language"], "locale": old["locale"], "name": old["name"],
            "texts": out}


def _translated(entries: list[dict[str, Any]], en: str) -> bool:
    return any(e.get("en") == en and e.get("text") for e in entries)


def coverage(language: str, english: Mapping[str, Any],
             texts: Mapping[str, Any]) -> Coverage:
    """What ``texts`` ({english: Translation}) covers of ``english``."""
    missing = [en for en in english if en not in texts]
    stale = [en for en in english if en in texts and texts[en].stale]
    present = [texts[en] for en in english if en in texts and not texts[en].stale]
    return Coverage(language, len(english), len(present),
                    sum(1 for t in present if t.reviewed), len(stale), missing, stale)


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a phrase fills: a translation must keep exactly the English's."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def dump(catalogue: Mapping[str, Any]) -> str:
    head = ("# Translations of every text a person reads, by its English (see "
            "docs/translating.md).\n# `adhikar text update` adds new English and marks "
            "changed English stale; translate `text`,\n# and set `reviewed: true` once a "
            "person who reads the language has checked it.\n")
    return head + yaml.safe_dump(dict(catalogue), allow_unicode=True, sort_keys=False,
                                 width=100, default_flow_style=None)
