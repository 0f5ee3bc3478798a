"""YAML -> plain data, with the line and column of every value, by path.

Stricter than ``yaml.safe_load``: only the plain YAML types, dates kept as the strings they
are written as, no tags, no anchors or aliases, no duplicate keys. Every problem becomes a
``RuleError``; nothing is constructed from a tag.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from service.errors import RuleError

Path = tuple[str | int, ...]

_SCALARS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:float",
}


# libyaml's parser when PyYAML has it (about twenty times faster than the pure-Python one,
# and the same events and marks); the resolver is the same either way.
_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """SafeLoader without the timestamp resolver: dates stay strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    col: int  # 1-based, characters
    style: str | None = None  # the scalar's quoting style: None plain, "'" or '"', "|" or ">"
    single_line: bool = True


@dataclass
class Document:
    """A YAML file read into plain data, and where each value and key stands."""

    file: str
    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def at(self, path: Path, *, key: bool = False) -> Position:
        """The position of ``path``, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Position(1, 1))

    def error(self, path: Path, code: str, message: str, hint: str | None = None, *,
              key: bool = False) -> RuleError:
        pos = self.at(path, key=key)
        return RuleError(self.file, pos.line, pos.col, code, message, hint)


def read(file: str, text: str, errors: list[RuleError]) -> Document | None:
    """Parse ``text``; on any problem append to ``errors`` and return None."""
    try:
        if _anchors_and_aliases(file, text, errors):
            return None
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        errors.append(RuleError(file, line, col, "E101",
                                f"invalid YAML on line {line}: {plain_words(problem)}"))
        return None
    except yaml.YAMLError as exc:
        errors.append(RuleError(file, 1, 1, "E101", f"invalid YAML: {exc}"))
        return None
    if root is None or (isinstance(root, yaml.ScalarNode) and root.value == ""
                        and root.tag == "tag:yaml.org,2002:null"):
        errors.append(RuleError(file, 1, 1, "E102", "the file is empty"))
        return None
    builder = _Builder(Document(file, None), errors)
    before = len(errors)
    builder.doc.data = builder.build(root, ())
    return builder.doc if len(errors) == before else None


def _anchors_and_aliases(file: str, text: str, errors: list[RuleError]) -> bool:
    """Refuse anchors and aliases where they are written; the composed tree loses both."""
    found = False
    for event in yaml.parse(text, Loader=_Loader):
        what = ("an alias" if isinstance(event, yaml.AliasEvent)
                else "an anchor" if getattr(event, "anchor", None) else None)
        if what:
            mark = event.start_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            errors.append(RuleError(file, line, col, "E103",
                                    f"{what} is not allowed: write the value out"))
            found = True
    return found


def _position(node: yaml.Node) -> Position:
    mark = node.start_mark
    style = getattr(node, "style", None) or None  # libyaml writes "" for plain
    single = node.start_mark.line == node.end_mark.line
    return Position(mark.line + 1, mark.column + 1, style, single)


class _Builder:
    """Walks a composed node tree once, recording positions and refusing what is unsafe."""

    def __init__(self, doc: Document, errors: list[RuleError]) -> None:
        self.doc = doc
        self.errors = errors
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.doc.values[path] = _position(node)
        if id(node) in self.seen:
            return self.fail(node, "E103", "anchors and aliases are not allowed")
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode) and node.tag == "tag:yaml.org,2002:map":
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALARS:
            return self.constructor.construct_object(node)
        return self.fail(node, "E104", f"tag {node.tag!r} is not allowed")

    def mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALARS:
                self.fail(key_node, "E105", "a key must be plain text")
                continue
            key = str(key_node.value)
            if key in result:
                self.fail(key_node, "E106", f"duplicate key {key!r}")
                continue
            self.doc.keys[(*path, key)] = _position(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result

    def fail(self, node: yaml.Node, code: str, message: str) -> None:
        pos = _position(node)
        self.errors.append(RuleError(self.doc.file, pos.line, pos.col, code, message))


# libyaml's messages, in the words of someone editing a rule file.
_PLAIN = (
    ("mapping values are not allowed",
     "a 'key: value' where none can start: this line is indented more than the one before, "
     "or a value holds ': ' and needs quotes"),
    ("could not find expected ':'", "a key without its ':' (or a line that should be part "
     "of the line above: check its indentation)"),
    ("expected <block end>, but found", "this line is indented less than the lines it "
     "belongs with, or more than the one before"),
    ("found a tab character", "a tab: indent with spaces only"),
    ("found character '\\t'", "a tab: indent with spaces only"),
    ("did not find expected key", "this line is indented less than the one before but not "
     "as far back as a key it could belong to: line it up with its neighbours"),
    ("did not find expected '-' indicator", "a list item that is not lined up with the "
     "items before it"),
    ("found undefined alias", "an alias (*name) with no anchor; aliases are not allowed"),
    ("found unexpected end of stream", "the file ends inside a quoted text: a quote is "
     "not closed"),
    ("found duplicate anchor", "the same anchor twice; anchors are not allowed"),
    ("did not find expected ',' or ']'", "a list in [ ] that is not closed, or a missing comma"),
    ("did not find expected ',' or '}'", "a mapping in { } that is not closed, or a missing comma"),
    ("found unknown escape character", "a backslash in double quotes: use single quotes, "
     "or write \\\\"),
)


def plain_words(problem: str) -> str:
    for start, plain in _PLAIN:
        if start in problem:
            return f"{plain} (YAML says: {problem})"
    return problem
