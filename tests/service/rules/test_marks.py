"""marks.read: plain data from YAML, safe semantics only, and a 1-based position for everything."""

from __future__ import annotations

import pytest

from service.errors import RuleError
from service.rules import marks
from service.rules.marks import Position

CALLS: list[str] = []


def _record(*args: object) -> str:  # a tag below names this; it must never be called
    CALLS.append("called")
    return "constructed"


def read_ok(text: str) -> marks.Document:
    errors: list[RuleError] = []
    doc = marks.read("f.yaml", text, errors)
    assert errors == []
    assert doc is not None
    return doc


def read_bad(text: str) -> list[tuple[str, int, int]]:
    errors: list[RuleError] = []
    assert marks.read("f.yaml", text, errors) is None
    assert errors, "a rejected file must say why"
    assert all(e.file == "f.yaml" for e in errors)
    return [(e.code, e.line, e.col) for e in errors]


# ---- plain data ---------------------------------------------------------------------------------


def test_dates_stay_the_strings_they_are_written_as() -> None:
    doc = read_ok("valid_from: 2024-07-01\nat: 2024-07-01T10:30:00\nquoted: '2024-07-01'\n"
                  "odd: 2024-7-1\n")
    assert doc.data == {"valid_from": "2024-07-01", "at": "2024-07-01T10:30:00",
                        "quoted": "2024-07-01", "odd": "2024-7-1"}
    assert all(type(v) is str for v in doc.data.values())


def test_plain_scalars_keep_their_yaml_types() -> None:
    doc = read_ok("i: 20000\nneg: -3\nb: true\nf: false\nn: null\ntilde: ~\nx: 1.5\n"
                  "s: '15100'\nlist: [1, two]\nmap: {a: 1}\n")
    assert doc.data == {"i": 20000, "neg": -3, "b": True, "f": False, "n": None, "tilde": None,
                        "x": 1.5, "s": "15100", "list": [1, "two"], "map": {"a": 1}}
    assert type(doc.data["i"]) is int and type(doc.data["b"]) is bool


def test_an_explicit_plain_tag_is_allowed() -> None:
    assert read_ok("version: !!str 2026.11\nn: !!int '3'\n").data == {"version": "2026.11",
                                                                     "n": 3}


# ---- what is refused ----------------------------------------------------------------------------


def test_duplicate_key_is_e106_at_the_second_key() -> None:
    assert read_bad("a: 1\nb: 2\na: 3\n") == [("E106", 3, 1)]


def test_duplicate_key_in_a_nested_mapping() -> None:
    assert read_bad("outer:\n  b: 1\n  c: 2\n  b: 3\n") == [("E106", 4, 3)]


def test_duplicate_keys_written_differently_are_still_duplicates() -> None:
    assert read_bad("1: a\n'1': b\n") == [("E106", 2, 1)]


def test_every_duplicate_is_reported() -> None:
    assert read_bad("a: 1\na: 2\nb: 1\nb: 2\n") == [("E106", 2, 1), ("E106", 4, 1)]


@pytest.mark.parametrize("tag", [
    f"!!python/object/apply:{__name__}._record []",
    f"!!python/object/new:{__name__}._record []",
    f"!!python/name:{__name__}._record ''",
    "!!python/object:collections.OrderedDict {}",
    "!!python/tuple [1, 2]",
])
def test_python_tags_are_e104_and_nothing_is_constructed(tag: str) -> None:
    CALLS.clear()
    assert read_bad(f"id: x\ntitle: {tag}\n") == [("E104", 2, 8)]
    assert CALLS == []


@pytest.mark.parametrize("value", ["!!timestamp 2024-01-01", "!!binary aGVsbG8=", "!custom 1",
                                   "!!set {a, b}", "!!omap [{a: 1}]"])
def test_other_tags_are_e104(value: str) -> None:
    assert read_bad(f"x: {value}\n") == [("E104", 1, 4)]


def test_a_tag_deep_in_the_tree_is_found() -> None:
    assert read_bad("versions:\n  - when:\n      - test: !!python/name:os.system ''\n") == [
        ("E104", 3, 15)]


def test_an_anchor_and_its_alias_are_each_e103() -> None:
    assert read_bad("a: &x 1\nb: *x\n") == [("E103", 1, 4), ("E103", 2, 4)]


def test_an_alias_of_a_mapping_is_e103() -> None:
    assert [code for code, _, _ in read_bad("base: &b {k: 1}\nother: *b\n")] == ["E103"] * 2


def test_an_alias_is_reported_where_the_alias_is() -> None:
    assert ("E103", 2, 4) in read_bad("a: &x 1\nb: *x\n")


def test_an_anchor_alone_is_refused() -> None:
    assert [code for code, _, _ in read_bad("a: &x 1\nb: 2\n")] == ["E103"]


@pytest.mark.parametrize(("text", "line", "col"), [
    ("key: value\n  bad: indent\n", 2, 6),  # 'mapping values are not allowed here', at the ':'
    ("a:\n\tb: 1\n", 2, 1),  # a tab cannot start a token
    ("a: [1, 2\nb: 3\n", 2, 2),  # the flow sequence is never closed; the ':' is where it shows
    ("a: 1\n---\nb: 2\n", 2, 1),  # two documents in one file
    ("x: 'it''s\n", 2, 1),  # an unterminated quote runs to the end of the file
    ("- a\nb: 1\n", 2, 1),  # a mapping key where a sequence item was expected
    ("name: अधिकार: x\n", 1, 13),  # columns count characters (in bytes the ':' is at 25)
])
def test_invalid_yaml_is_e101_at_a_1_based_line_and_column(text: str, line: int, col: int) -> None:
    assert read_bad(text) == [("E101", line, col)]


def test_invalid_yaml_message_has_the_problem_and_no_traceback() -> None:
    errors: list[RuleError] = []
    marks.read("legal/x.yaml", "key: value\n  bad: indent\n", errors)
    [error] = errors
    # libyaml says "... in this context", PyYAML's own parser "... here".
    assert str(error).startswith("legal/x.yaml:2:6: E101 invalid YAML on line 2: a 'key: value'"
                                 " where none can start: this line is indented more than the "
                                 "one before")
    assert "(YAML says: mapping values are not allowed " in error.message
    assert "Traceback" not in error.message and "File " not in error.message


def test_each_libyaml_message_gets_plain_words() -> None:
    for text, words in [("id: x\n\tb: 1\n", "indent with spaces only"),
                        ("a:\n  b: 1\n c: 2\n", "line it up with its neighbours"),
                        ("a: [1, 2\n", "a list in [ ] that is not closed"),
                        ("a: 'open\n", "a quote is not closed")]:
        errors: list[RuleError] = []
        marks.read("legal/x.yaml", text, errors)
        assert words in errors[0].message, (text, errors[0].message)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "   \n# c\n"])
def test_an_empty_file_is_e102(text: str) -> None:
    assert read_bad(text) == [("E102", 1, 1)]


def test_a_file_with_only_a_document_marker_is_empty() -> None:
    assert read_bad("---\n# nothing yet\n") == [("E102", 1, 1)]


def test_several_problems_in_one_file_are_all_reported() -> None:
    assert read_bad("a: 1\na: 2\nb: !!python/tuple [1]\n") == [("E106", 2, 1), ("E104", 3, 4)]


def test_an_undefined_alias_is_refused_where_it_stands() -> None:
    assert read_bad("a: 1\nb: *nowhere\n") == [("E103", 2, 4)]


# ---- positions ---------------------------------------------------------------------------------

TEXT = """\
# a comment line
id: victim-compensation
versions:
  - valid_from: 2024-07-01
    when:
      - test: age < 18
      - {cite: "धारा 1", test: gender == 'female'}
    documents: [fir-copy, bank-account]
"""


def test_positions_of_values() -> None:
    doc = read_ok(TEXT)
    v = doc.values
    assert v[("id",)] == Position(2, 5)
    assert v[("versions",)].line == 4 and v[("versions",)].col == 3
    assert v[("versions", 0)] == Position(4, 5, None, False)
    assert v[("versions", 0, "valid_from")] == Position(4, 17)
    assert v[("versions", 0, "when", 0, "test")] == Position(6, 15)
    assert v[("versions", 0, "when", 1, "cite")] == Position(7, 16, '"')
    assert v[("versions", 0, "when", 1, "test")] == Position(7, 32)  # characters, not bytes
    assert v[("versions", 0, "documents", 1)] == Position(8, 27)


def test_positions_of_keys() -> None:
    doc = read_ok(TEXT)
    k = doc.keys
    assert k[("id",)] == Position(2, 1)
    assert k[("versions", 0, "valid_from")] == Position(4, 5)
    assert k[("versions", 0, "when", 1, "test")] == Position(7, 26)
    assert ("versions", 0) not in k  # a list item has no key


def test_quoting_style_and_lines_are_recorded() -> None:
    doc = read_ok("a: 'x'\nb: \"y\"\nc: >-\n  folded\n  text\nd: plain\n")
    styles = {p[0]: (pos.style, pos.single_line) for p, pos in doc.values.items() if p}
    assert styles == {"a": ("'", True), "b": ('"', True), "c": (">", False), "d": (None, True)}


def test_at_falls_back_to_the_nearest_ancestor() -> None:
    doc = read_ok(TEXT)
    assert doc.at(("versions", 0, "office")) == doc.values[("versions", 0)]
    assert doc.at(("versions", 0, "when", 0, "test"), key=True) == Position(6, 9)
    assert doc.at(("nowhere", 3)) == doc.values[()]


def test_error_names_file_line_and_column() -> None:
    doc = read_ok(TEXT)
    error = doc.error(("versions", 0, "documents", 1), "E313", "unknown document 'bank-account'")
    assert str(error) == "f.yaml:8:27: E313 unknown document 'bank-account'"
    key_error = doc.error(("versions", 0, "valid_from"), "E401", "x", key=True)
    assert (key_error.line, key_error.col) == (4, 5)
