"""Parameter files, linked: each parameter's series checked and made into ``Parameter``.

Part of ``link``. Errors, each at its line and column: E423 a series out of date order or
overlapping; E424 a value without a source; E425 an unknown source; E426 a State key that is
not a value of the ``state`` fact; E427 a parameter file whose name is not a group name.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from service.rules import model
from service.rules.linker import Linker
from service.rules.marks import Document, Path
from service.rules.parameters import Parameter, Value

GROUP = re.compile(r"^[a-z][a-z0-9_]*$")


def link_parameters(linker: Linker, name: str, doc: Document,
                    spec: model.ParametersFile) -> None:
    group = PurePosixPath(name).stem
    if not GROUP.match(group):
        linker.errors.append(doc.error((), "E427", f"a parameter file is named for its group "
                                       f"in snake_case, e.g. victim_compensation.yaml; not "
                                       f"{group!r}"))
        return
    sources = linker.sources(doc, spec.sources)
    for key, node in spec.parameters.items():
        _node(linker, name, doc, ("parameters", key), f"{group}.{key}", node, sources)


def _node(linker: Linker, file: str, doc: Document, path: Path, name: str, node: Any,
          sources: dict[str, model.Source]) -> None:
    if isinstance(node, model.Parameter):
        common = node.common
        national = _series(linker, doc, (*path, "values"), node.values, sources, common)
        states = {}
        allowed = linker.facts["state"].values if "state" in linker.facts else ()
        for state, values in node.states.items():
            if state not in allowed:
                close = difflib.get_close_matches(state, list(allowed), n=1)
                linker.errors.append(doc.error((*path, "states", state), "E426",
                                               f"{state!r} is not a State or Union Territory "
                                               "(a value of the `state` fact)",
                                               close[0] if close else None, key=True))
                continue
            states[state] = _series(linker, doc, (*path, "states", state), values, sources,
                                    common)
        linker.params[name] = Parameter(name, node.description, node.unit, file, national,
                                        states, node.note)
        return
    for key, child in node.items():
        _node(linker, file, doc, (*path, key), f"{name}.{key}", child, sources)


def _series(linker: Linker, doc: Document, path: Path, values: list[model.ParamValue],
            sources: dict[str, model.Source],
            common: Mapping[dt.date, model.Common]) -> tuple[Value, ...]:
    out: list[Value] = []
    for i, given in enumerate(values):
        where = (*path, i)
        v = _with_common(given, common.get(given.start))
        if not v.sources:
            linker.errors.append(doc.error(where, "E424", "a value needs its source: "
                                           "`sources: [id]` from the file's sources"))
        if not v.instrument:
            linker.errors.append(doc.error(where, "E424", "a value needs its `instrument`: "
                                           "the scheme, notification or Act that sets it"))
        if v.verified is False and not v.note:
            linker.errors.append(doc.error(where, "E424", "a value with verified: false needs "
                                           "a note saying what to check"))
        for j, sid in enumerate(v.sources or ()):
            linker.ref(doc, (*where, "sources", j), sid, sources, "source", "E425")
        if out:
            before = out[-1]
            if v.start <= before.start:
                linker.errors.append(doc.error((*where, "from"), "E423",
                                               "values must be in date order"))
            elif before.until is None or before.until >= v.start:
                linker.errors.append(doc.error((*where, "from"), "E423", f"this value starts "
                                               f"{v.start} while the one before (from "
                                               f"{before.start}) is still in force: give that "
                                               "one `until`, or drop it"))
        low, high = (v.value, v.value) if v.value is not None else (v.min, v.max)
        out.append(Value(v.start, _until(v, values, i), low, high, v.instrument or "",
                         v.provision, tuple(sources[s] for s in v.sources or () if s in sources),
                         v.verified is not False, v.note))
    return tuple(out)


def _with_common(value: model.ParamValue, common: model.Common | None) -> model.ParamValue:
    """The value, with what it leaves out taken from its date's ``common`` entry."""
    if common is None:
        return value
    shared = {k: v for k, v in common.model_dump().items()
              if v is not None and getattr(value, k) is None}
    return value.model_copy(update=shared)


def _until(v: model.ParamValue, values: list[model.ParamValue], i: int) -> dt.date | None:
    """A value ends where it says, else the day before the next one starts."""
    if v.until is not None or i + 1 == len(values):
        return v.until
    return values[i + 1].start - dt.timedelta(days=1)
