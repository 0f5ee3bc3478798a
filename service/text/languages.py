"""Which language to answer in: a ``lang`` the caller names, else the best of her
``Accept-Language``, else English. Only languages with a catalogue (and English) are offered."""

from __future__ import annotations

from collections.abc import Collection

ENGLISH = "en"


def choose_language(available: Collection[str], lang: str | None = None,
                    accept_language: str | None = None) -> str:
    """The language to answer in. An unknown ``lang`` or header falls back, never fails."""
    if lang:
        code = _primary(lang)
        if code in available or code == ENGLISH:
            return code
    if accept_language:  # most programs send none
        for code in _preferred(accept_language):
            if code in available or code == ENGLISH:
                return code
    return ENGLISH


def _preferred(header: str) -> list[str]:
    """The primary language codes of an Accept-Language header, best first (RFC 9110
    s.12.5.4): ``hi-IN,hi;q=0.9,en;q=0.8`` -> ['hi', 'en']. A q of 0 means not wanted."""
    weighted: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag and tag != "*" and q > 0:
            weighted.append((-q, i, _primary(tag)))
    return [code for _, _, code in sorted(weighted)]


def _primary(tag: str) -> str:
    return tag.strip().replace("_", "-").split("-")[0].lower()
