"""A rules directory -> a ``Ruleset``, or every error in it at once. Never half a ruleset.

Reads files (``marks``), checks each against its model (``model``), then links across files
and compiles conditions (``link``). The digest covers every rule file byte for byte.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import pydantic

from service.errors import RuleError, RulesetInvalid
from service.rules import link, marks, model
from service.rules.ruleset import Ruleset

M = TypeVar("M", bound=pydantic.BaseModel)

SPECIAL: dict[str, type[pydantic.BaseModel]] = {
    "ruleset.yaml": model.RulesetFile,
    "facts.yaml": model.FactsFile,
    "offices.yaml": model.OfficesFile,
    "documents.yaml": model.DocumentsFile,
}
PARAMETERS = "parameters"  # the folder of parameter files
TEXT = "text"  # the folder of translation catalogues, one file a language
FOLDERS = (*model.DOMAINS, PARAMETERS, TEXT)
DISTRICTS = "places/districts.yaml"  # India's districts by State; optional (lint warns)


def load_ruleset(root: Path) -> Ruleset:
    """Load and check every rule file under ``root``. Raises ``RulesetInvalid``.

    Files read before, byte for byte (the same digest), give the ruleset already made from
    them: a ruleset is never changed once made, and parsing and linking take about a second
    (a reload that changes nothing, a batch worker, every app a test suite starts)."""
    errors: list[RuleError] = []
    texts = _read_texts(root, errors)
    made = _MADE.get(digest(texts)) if not errors else None
    if made is not None:
        return made
    ruleset = _load(texts, errors)
    if len(_MADE) >= 4:
        _MADE.clear()
    _MADE[ruleset.digest] = ruleset
    return ruleset


_MADE: dict[str, Ruleset] = {}


def _load(texts: dict[str, str], errors: list[RuleError]) -> Ruleset:
    parsed: dict[str, tuple[marks.Document, Any]] = {}
    for name, text in texts.items():
        doc = read_file(name, text, errors)
        if doc is None:
            continue
        checked = validate(doc, _schema(name), errors)
        if checked is not None:
            parsed[name] = (doc, checked)
    for name in SPECIAL:
        if name not in texts:
            errors.append(RuleError(name, 1, 1, "E107", f"{name} is missing from the rules "
                                    "directory"))
    if errors:
        raise RulesetInvalid(errors)
    read = FilesRead({name: texts[name] for name in parsed})
    ruleset = link.link(parsed, digest(texts), errors, read)
    if errors or ruleset is None:
        raise RulesetInvalid(sorted(set(errors), key=lambda e: (e.file, e.line, e.col)))
    return ruleset


def read_file(name: str, text: str, errors: list[RuleError]) -> marks.Document | None:
    """One rule file as read, with the position of every value (``marks.read``); in an
    entitlement's, the versions marked ``from_previous`` filled in from the one before."""
    doc = marks.read(name, text, errors)
    if doc is not None and _schema(name) is model.EntitlementFile:
        inherit_versions(doc)
    return doc


class FilesRead(Mapping[str, marks.Document]):
    """Each rule file of a ruleset as read, by name, read again when asked for: positions
    are wanted only to name where a problem stands (lint, a rule's examples, a refused
    reload), and kept for every value of every file they would be most of a service
    worker's memory (16 MB against the 2 MB of the texts). The texts themselves are kept
    compressed (2.9 MB as strings, 0.5 MB so; zlib's fastest level, 30 ms a load), as they
    are read so seldom. The last few asked for are kept, as lint asks for the same file many
    times."""

    def __init__(self, texts: Mapping[str, str], keep: int = 4) -> None:
        self._texts = {name: zlib.compress(text.encode(), 1) for name, text in texts.items()}
        self._keep = keep
        self._recent: dict[str, marks.Document] = {}

    def __getitem__(self, name: str) -> marks.Document:
        doc = self._recent.pop(name, None)
        if doc is None:
            doc = read_file(name, zlib.decompress(self._texts[name]).decode(), [])
            if doc is None:  # read once without a problem, the same text reads so again
                raise KeyError(name)
        self._recent[name] = doc  # the most recent last
        while len(self._recent) > self._keep:
            del self._recent[next(iter(self._recent))]
        return doc

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


def inherit_versions(doc: marks.Document) -> None:
    """A version marked ``from_previous: true`` is the version before it with what it writes
    changed: each key it leaves out (other than its dates) is the previous version's, as
    written there; its `benefits` and `routes` name only those that change (by label, by id),
    the rest are the previous version's, in their order. Errors in an inherited part point to
    where it is written."""
    versions = doc.data.get("versions") if isinstance(doc.data, dict) else None
    if not isinstance(versions, list):
        return
    for i in range(1, len(versions)):
        here, before = versions[i], versions[i - 1]
        if not (isinstance(here, dict) and isinstance(before, dict)
                and here.get("from_previous") is True):
            continue
        for key, value in before.items():
            if key in ("valid_from", "valid_until", "from_previous"):
                continue
            if key not in here:
                here[key] = value
                _copy_marks(doc, ("versions", i - 1, key), ("versions", i, key))
            elif key in _BY_NAME and isinstance(value, list) and isinstance(here[key], list):
                here[key] = _merge_named(doc, (i - 1, i), key, value, here[key])


_BY_NAME = {"benefits": "label", "routes": "id"}


def _merge_named(doc: marks.Document, at: tuple[int, int], key: str, before: list[Any],
                 given: list[Any]) -> list[Any]:
    """The previous version's list with the entries ``given`` names replaced (and any new
    ones added at the end); marks follow each entry to its place in the merged list."""
    name = _BY_NAME[key]
    named = {e.get(name): j for j, e in enumerate(given) if isinstance(e, dict)}
    merged: list[tuple[Any, marks.Path]] = []
    for j, entry in enumerate(before):
        mine = named.pop(entry.get(name), None) if isinstance(entry, dict) else None
        if mine is None:
            merged.append((entry, ("versions", at[0], key, j)))
        else:
            merged.append((given[mine], ("versions", at[1], key, mine)))
    merged += [(given[j], ("versions", at[1], key, j)) for j in sorted(named.values())]
    merged += [(e, ("versions", at[1], key, j)) for j, e in enumerate(given)
               if not isinstance(e, dict)]
    snapshot = (dict(doc.values), dict(doc.keys))
    for table in (doc.values, doc.keys):
        for path in [p for p in table if p[:3] == ("versions", at[1], key)]:
            del table[path]
    for k, (_, source) in enumerate(merged):
        _copy_marks_from(snapshot, doc, source, ("versions", at[1], key, k))
    return [entry for entry, _ in merged]


def _copy_marks_from(snapshot: tuple[dict[Any, Any], dict[Any, Any]], doc: marks.Document,
                     old: marks.Path, new: marks.Path) -> None:
    for source, table in zip(snapshot, (doc.values, doc.keys), strict=True):
        for path, pos in source.items():
            if path[:len(old)] == old:
                table[new + path[len(old):]] = pos


def _copy_marks(doc: marks.Document, old: marks.Path, new: marks.Path) -> None:
    for table in (doc.values, doc.keys):
        for path, pos in list(table.items()):
            if path[:len(old)] == old:
                table[new + path[len(old):]] = pos


def _schema(name: str) -> type[pydantic.BaseModel]:
    if name.startswith(PARAMETERS + "/"):
        return model.ParametersFile
    if name.startswith(TEXT + "/"):
        return model.TextFile
    if name == DISTRICTS:
        return model.DistrictsFile
    return SPECIAL.get(name, model.EntitlementFile)


def rule_files(root: Path) -> list[Path]:
    """Every rule file under ``root``, sorted; hidden and temporary files are not rules."""
    return sorted(p for p in root.rglob("*.yaml")
                  if not any(part.startswith(".") for part in p.relative_to(root).parts))


def _read_texts(root: Path, errors: list[RuleError]) -> dict[str, str]:
    if not root.is_dir():
        errors.append(RuleError(str(root), 1, 1, "E107", "the rules directory does not exist"))
        return {}
    texts: dict[str, str] = {}
    for path in rule_files(root):
        name = path.relative_to(root).as_posix()
        parts = name.split("/")
        if not (name in SPECIAL or name == DISTRICTS
                 or (len(parts) == 2 and parts[0] in FOLDERS)):
            errors.append(RuleError(name, 1, 1, "E108", "a rule file belongs in one of the "
                                    "domain folders (" + ", ".join(model.DOMAINS) + "), in "
                                    f"{PARAMETERS}/ or in {TEXT}/; the one file of places/ is "
                                    f"{DISTRICTS}"))
            continue
        try:
            texts[name] = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append(RuleError(name, 1, 1, "E101", f"not UTF-8 text (byte {exc.start})"))
        except OSError as exc:
            errors.append(RuleError(name, 1, 1, "E101", f"cannot read: {exc.strerror}"))
    return texts


def digest(texts: dict[str, str]) -> str:
    """sha256 over every rule file's path and bytes, in path order."""
    h = hashlib.sha256()
    for name in sorted(texts):
        data = texts[name].encode()
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return "sha256:" + h.hexdigest()


def validate(doc: marks.Document, schema: type[M], errors: list[RuleError]) -> M | None:
    """Check ``doc`` against ``schema``; each pydantic error becomes a positioned RuleError."""
    try:
        return schema.model_validate(doc.data)
    except pydantic.ValidationError as exc:
        for err in exc.errors(include_input=False, include_url=False):
            errors.append(_schema_error(doc, err))
        return None


def _schema_error(doc: marks.Document, err: Any) -> RuleError:
    path: tuple[str | int, ...] = ()
    for part in err["loc"]:
        candidate = (*path, part)
        if candidate in doc.values or candidate in doc.keys:
            path = candidate
    where = ".".join(str(p) for p in path) or "the file"
    if err["type"] == "extra_forbidden":
        key = err["loc"][-1]
        return doc.error(path, "E401", f"{where}: unknown key {key!r}", key=True)
    if err["type"] == "missing":
        return doc.error(path, "E401", f"{where}: {err['loc'][-1]!r} is required")
    return doc.error(path, "E401", f"{where}: {err['msg']}")
