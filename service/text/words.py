"""``Words``: every text of one language, for one ruleset.

A text is looked up by its English: a rule text by the English written in the rule files,
a service phrase by its id in ``messages``. Anything untranslated comes back in English, so
an answer never fails for want of a translation; ``is_draft`` tells a translation that no
person has checked yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from babel import Locale

from service.engine.offices import state_name
from service.halves import Halves
from service.rules.ruleset import DerivedDef, FactDef, Ruleset
from service.rules.texts import Catalogue
from service.text import formats
from service.text.languages import ENGLISH
from service.text.messages import MESSAGES

_ENGLISH_LOCALE = "en_IN"
MEMO_LIMIT = 20_000  # texts, in two halves: a few MB (40,000: 9 MB more for 2% less work)
T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Words:
    language: str  # en, hi, bn
    locale: Locale
    name: str  # the language's name in itself
    facts: Mapping[str, FactDef]
    derived: Mapping[str, DerivedDef]
    catalogue: Catalogue | None = None
    # Texts already made, by what made them: Babel's formatting and a condition's words
    # cost more than the rest of an answer. Bounded, in two halves: what recurs stays, and
    # what is new comes in (an office's name in each of India's districts, a clause's words
    # for the values of a new caseload).
    memo: Halves[Any] = field(default_factory=lambda: Halves(MEMO_LIMIT), repr=False)

    def remember(self, key: Hashable, make: Callable[..., T], *args: Any) -> T:
        """``make(*args)``, made once per ``key`` (which must say all ``make`` reads)."""
        held = self.memo.newer.get(key)  # a look-up, not a call, when it is there
        found: T = held[1] if held is not None else self.memo.get(key, None, make, *args)
        return found

    # ---- texts ------------------------------------------------------------------------

    def t(self, en: str) -> str:
        """``en`` in this language, or ``en`` itself when it has no translation."""
        if self.catalogue is None:
            return en
        found = self.catalogue.get(en)
        return found.text if found is not None else en

    def maybe(self, en: str | None) -> str | None:
        return None if en is None else self.t(en)

    def is_draft(self, en: str | None) -> bool:
        """True when ``en`` is shown in a translation no person has checked yet."""
        if en is None or self.catalogue is None:
            return False
        found = self.catalogue.get(en)
        return found is not None and not found.reviewed

    def msg(self, key: str, **values: Any) -> str:
        """The service phrase ``key`` in this language, its placeholders filled."""
        english = MESSAGES[key]
        try:
            return self.t(english).format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation: say it in English
            return english.format(**values)

    # ---- facts in words ---------------------------------------------------------------

    def label(self, fact: str) -> str:
        """The fact's name in words ("her age"); its id with spaces when it has none."""
        spec = self._spec(fact)
        written = spec.label if spec is not None else None
        return self.t(written) if written else fact.replace("_", " ")

    def value(self, fact: str, value: Any) -> str:
        """One value of a fact in words: an enum's label, money, a date, a number."""
        spec = self.facts.get(fact)
        if isinstance(value, bool):
            return self.msg("reason.yes" if value else "reason.no", label=self.label(fact))
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, int):
            if spec is not None and (spec.unit or "").lower() == "inr":
                return self.money(value)
            return self.number(value)
        if spec is not None and isinstance(value, str):
            written = spec.labels.get(value)
            if written:
                return self.t(written)
            return state_name(value) if fact == "state" else value.replace("_", " ")
        return str(value)

    def says(self, fact: str, truth: bool) -> str | None:
        """What a yes/no fact says of her ("she was sexually exploited"), or None."""
        spec = self._spec(fact)
        written = spec.says.get("true" if truth else "false") if spec is not None else None
        return self.t(written) if written else None

    def _spec(self, fact: str) -> FactDef | DerivedDef | None:
        return self.facts.get(fact) or self.derived.get(fact)

    # ---- numbers, money, dates, lists -----------------------------------------------

    def money(self, amount: int) -> str:
        return self.remember(("money", amount), formats.money, amount, self.locale)

    def number(self, value: int) -> str:
        return self.remember(("number", value), formats.number, value, self.locale)

    def date(self, day: dt.date) -> str:
        return self.remember(("date", day), formats.date, day, self.locale)

    def either(self, items: Sequence[str]) -> str:
        return formats.either(items, self.locale)

    def every(self, items: Sequence[str]) -> str:
        return formats.every(items, self.locale)


def languages(ruleset: Ruleset) -> dict[str, str]:
    """The languages a ruleset answers in, code -> name in itself; English first."""
    return {ENGLISH: "English", **{code: c.name for code, c in sorted(ruleset.catalogues.items())}}


def words_for(ruleset: Ruleset, language: str = ENGLISH) -> Words:
    """The ``Words`` of ``language`` for ``ruleset``; English when it has no catalogue.
    Built once per ruleset (by its digest) and language."""
    language = language if language in ruleset.catalogues else ENGLISH
    key = (ruleset.digest, language)
    words = _BUILT.get(key)
    if words is None:
        if len(_BUILT) >= 32:  # rulesets come and go with reloads; start again, it is cheap
            _BUILT.clear()
        words = _BUILT[key] = _build(ruleset, language)
    return words


_BUILT: dict[tuple[str, str], Words] = {}


def english(ruleset: Ruleset) -> Words:
    """The English ``Words``, built afresh (cheap): what the engine uses when given none."""
    return Words(ENGLISH, Locale.parse(_ENGLISH_LOCALE), "English", ruleset.facts,
                 ruleset.derived)


def _build(ruleset: Ruleset, language: str) -> Words:
    catalogue = ruleset.catalogues.get(language)
    if catalogue is None:
        return english(ruleset)
    return Words(language, Locale.parse(catalogue.locale), catalogue.name, ruleset.facts,
                 ruleset.derived, catalogue)
