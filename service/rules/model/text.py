"""Translation catalogues, ``rules/text/<language>.yaml``: every text a person reads, in one
more language, apart from the logic (see docs/translating.md)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from service.rules.model.base import Strict, Text


class TextEntry(Strict):
    en: Text = Field(description="the English, exactly as the rules or the service write it")
    text: str = Field("", description="the translation; empty while none is written")
    reviewed: bool = Field(False, description="a person who reads the language has checked it; "
                           "until then the answer marks it a draft")
    at: list[str] = Field(default_factory=list, description="where the English stands "
                          "(file#path), kept by `adhikar text update` to tell a changed English")
    was: str | None = Field(None, description="the English the translation was made from, "
                            "when the English has changed since: the translation is stale")


class TextFile(Strict):
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 code: hi, bn")]
    locale: Annotated[str, Field(pattern=r"^[a-z]{2,3}_[A-Z]{2}$",
                                 description="the locale for numbers, money and dates: hi_IN")]
    name: Text = Field(description="the language's name in itself: हिन्दी")
    texts: list[TextEntry] = Field(default_factory=list)
