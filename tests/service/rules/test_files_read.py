"""A loaded ruleset keeps its files' texts, not every value's position: it reads a file again
when a position is asked for, and finds it where the load found it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from service.rules import marks
from service.rules.load import FilesRead, load_ruleset, read_file


def test_no_file_as_read_outlives_the_load(rules: Path) -> None:
    before = _documents()  # what other tests' rulesets hold
    ruleset = load_ruleset(rules)
    assert _documents() == before
    assert sorted(ruleset.files_read) == sorted(
        str(p.relative_to(rules)) for p in rules.rglob("*.yaml"))


def test_a_file_read_again_gives_the_positions_the_load_gave(rules: Path) -> None:
    files = load_ruleset(rules).files_read
    text = (rules / "social" / "grant.yaml").read_text()
    doc = files["social/grant.yaml"]
    assert doc.at(("versions", 1, "title")).line == text.count("\n", 0, text.index(
        "title: The scheme continued")) + 1
    # an inherited part points where it is written, in the version before
    assert doc.at(("versions", 1, "steps")) == doc.at(("versions", 0, "steps"))
    assert doc.data["versions"][1]["office"] == "dlsa"
    assert doc == read_file("social/grant.yaml", text, [])


def test_only_the_last_few_files_asked_for_are_kept() -> None:
    texts = {f"f{i}.yaml": f"n: {i}\n" for i in range(6)}
    files = FilesRead(texts, keep=2)
    first = files["f0.yaml"]
    assert files["f0.yaml"] is first  # asked again at once: the one kept
    for name in ("f1.yaml", "f2.yaml"):
        assert files[name].data == {"n": int(name[1])}
    again = files["f0.yaml"]
    assert again is not first and again == first  # let go, then read again alike
    with pytest.raises(KeyError):
        files["missing.yaml"]
    assert len(files) == 6 and files.get("missing.yaml") is None


def _documents() -> int:
    gc.collect()
    return sum(isinstance(o, marks.Document) for o in gc.get_objects())
