"""Choosing the language of an answer, and writing numbers, money and dates per locale."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import Locale

from service.text import formats
from service.text.languages import choose_language

OFFERED = {"hi", "bn"}


@pytest.mark.parametrize(("lang", "header", "chosen"), [
    (None, None, "en"),
    (None, "hi-IN,hi;q=0.9,en;q=0.8", "hi"),
    (None, "bn", "bn"),
    (None, "en-GB,bn;q=0.5", "en"),
    (None, "fr-FR,bn;q=0.4,hi;q=0.7", "hi"),  # the best one offered, by weight
    (None, "fr, de", "en"),  # none offered: English, never an error
    (None, "hi;q=0, bn;q=0.1", "bn"),  # q=0 means "not this one"
    (None, "hi;q=abc, bn;q=0.2", "bn"),  # a weight that is not a number counts as 0
    ("bn", "hi", "bn"),  # ?lang= wins over the header
    ("bn-IN", None, "bn"),
    ("or", "hi", "hi"),  # a language without a catalogue falls back to the header
    ("en", "hi", "en"),
])
def test_the_language_chosen(lang: str | None, header: str | None, chosen: str) -> None:
    assert choose_language(OFFERED, lang, header) == chosen


@pytest.mark.parametrize(("locale", "money", "day"), [
    ("en_IN", "₹1,50,000", "28 November 2026"),
    ("hi_IN", "₹1,50,000", "28 नवंबर 2026"),
    ("bn_IN", "₹1,50,000", "28 নভেম্বর 2026"),
])
def test_money_and_dates_per_locale(locale: str, money: str, day: str) -> None:
    where = Locale.parse(locale)
    assert formats.money(150000, where) == money  # lakh grouping, whole rupees
    assert formats.money(12345678, where) == "₹1,23,45,678"
    assert formats.date(dt.date(2026, 11, 28), where) == day


def test_lists_in_the_locale_words() -> None:
    assert formats.either(["a", "b", "c"], Locale.parse("en_IN")) == "a, b or c"
    assert formats.every(["a", "b"], Locale.parse("hi_IN")) == "a और b"
    assert formats.either(["a", "b"], Locale.parse("bn_IN")) == "a বা b"
