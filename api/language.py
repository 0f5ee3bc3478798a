"""The language of an answer: `?lang=hi`, else the request's Accept-Language, else English.

Only languages with a catalogue are offered; anything else falls back, never fails. The
choice is left on the request's state, where ``RulesetHeaders`` reads it to send
``Content-Language``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from api.deps import RulesetDep
from service.rules.ruleset import Ruleset
from service.text import Words, choose_language, words_for

LANG_HELP = ("the language of the answer's texts: en, hi or bn (any language with a catalogue "
             "in rules/text/); overrides Accept-Language; unknown ones fall back to English")


async def get_words(request: Request, rules: RulesetDep, lang: Annotated[str | None, Query(
        max_length=35, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$",
        description=LANG_HELP)] = None) -> Words:
    return request_words(request, rules, lang)


def request_words(request: Request, rules: Ruleset, lang: str | None) -> Words:
    """The words of the language this request asks for, left on its state for
    Content-Language."""
    code = choose_language(rules.catalogues, lang, request.headers.get("accept-language"))
    request.state.language = code
    return words_for(rules, code)


WordsDep = Annotated[Words, Depends(get_words)]
