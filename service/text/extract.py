"""The English a person reads, found in the rule files: which fields of which rule-file
parts are words for people (a title, a benefit's label, a step) as against code (a
condition, an id, a citation). Translators translate exactly these, and the service's own
phrases (``messages``).

The walk reads the checked rule models, so a new field for people is one line here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from service.rules import model
from service.text.messages import MESSAGES
from service.text.problems import KINDS

# The fields a person reads, by the part of a rule file that holds them. A field holding a
# list or a mapping gives each of its strings. Parts not named here are searched inside.
WORDS: dict[type[BaseModel], tuple[str, ...]] = {
    model.FactSpec: ("question", "label", "labels", "says"),
    model.DerivedSpec: ("question", "label", "says"),
    model.OfficeSpec: ("name",),
    model.Helpline: ("name",),
    model.DocumentSpec: ("name",),
    model.EntitlementFile: ("title", "summary"),
    model.Version: ("title",),
    model.Benefit: ("label",),
    model.LegalBasis: ("instrument",),
    model.TimeLimit: ("label", "start"),
    model.Step: ("action",),
    model.Route: ("label",),
    model.RouteEvent: ("event",),
    model.ParamValue: ("instrument", "provision"),
    model.Common: ("instrument", "provision"),
}
# Parts with nothing for people: worked examples, citations and sources.
SKIP: tuple[type[BaseModel], ...] = (model.Example, model.Source, model.OfficeSource,
                                     model.TextFile)
MESSAGES_FILE = "service/text/messages.py"
PROBLEMS_FILE = "service/text/problems.py"


def english(specs: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every English text for people in the checked rule files (``{file: model}``) and the
    service's phrases: ``{english: [where it stands, "file#path"]}``, in file order."""
    found: dict[str, list[str]] = {}
    for name in sorted(specs):
        for text, where in _walk(specs[name], name + "#"):
            found.setdefault(text, []).append(where)
    for key, text in MESSAGES.items():
        found.setdefault(text, []).append(f"{MESSAGES_FILE}#{key}")
    for kind in KINDS.values():  # the API's problems: titles and detail templates
        found.setdefault(kind.title, []).append(f"{PROBLEMS_FILE}#{kind.code}.title")
        found.setdefault(kind.detail, []).append(f"{PROBLEMS_FILE}#{kind.code}.detail")
    return found


def _walk(value: Any, at: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, SKIP):
        return
    if isinstance(value, BaseModel):
        words = _words_of(type(value))
        for name in type(value).model_fields:
            field = getattr(value, name)
            here = f"{at}{'.' if not at.endswith('#') else ''}{name}"
            if name in words:
                yield from _strings(field, here)
            else:
                yield from _walk(field, here)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk(item, f"{at}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{at}.{key}" if not at.endswith("#") else f"{at}{key}")


def _strings(value: Any, at: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str) and value:
        yield value, at
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{at}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{at}.{str(key).lower()}")


def _words_of(kind: type[BaseModel]) -> tuple[str, ...]:
    for base in kind.__mro__:
        if base in WORDS:
            return WORDS[base]
    return ()
