"""Which language a page is in: ``?lang=``, else the cookie the switcher set, else the
browser's Accept-Language, else English."""

from __future__ import annotations

from fastapi import Request

from service.rules.ruleset import Ruleset
from service.text.languages import choose_language
from service.text.words import languages

COOKIE = "adhikar_lang"
# Offered on every page, whether or not a catalogue has its translations yet: a text without
# one is shown in English (``Words.t``), never missing.
OFFERED = {"en": "English", "hi": "हिन्दी", "bn": "বাংলা"}


def offered(ruleset: Ruleset) -> dict[str, str]:
    return {**OFFERED, **languages(ruleset)}


def chosen(request: Request, ruleset: Ruleset) -> str:
    available = offered(ruleset)
    for asked in (request.query_params.get("lang"), request.cookies.get(COOKIE)):
        if asked and asked in available:
            return asked
    return choose_language(available, accept_language=request.headers.get("accept-language"))


def asked_in_query(request: Request, ruleset: Ruleset) -> str | None:
    """The language named by ``?lang=``, when it is one offered: the switcher's choice,
    kept in a cookie for the next pages."""
    asked = request.query_params.get("lang")
    return asked if asked in offered(ruleset) else None
