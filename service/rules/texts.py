"""Translation catalogues, linked: for each language, its translations by English text.

A text is looked up by its English, so one translation serves every place the same English
stands (a step written in a version and again in a route).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Translation:
    text: str
    reviewed: bool
    stale: bool = False  # made from an English that has changed since


@dataclass(frozen=True, slots=True)
class Catalogue:
    language: str  # hi
    locale: str  # hi_IN
    name: str  # हिन्दी
    texts: Mapping[str, Translation] = field(default_factory=dict)
    file: str = ""

    def get(self, en: str) -> Translation | None:
        """The translation of ``en``, or None when none is written or it was made from an
        English that has changed since (a stale translation may say the old law)."""
        found = self.texts.get(en)
        return None if found is None or found.stale else found
