"""A loaded ruleset keeps its files' texts, compressed, not every value's position: it reads a
file again when a position is asked for, and finds it where the load found it."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from service.rules import marks
from service.rules.load import FilesRead, load_ruleset, read_file
from tests.conftest import RULES


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


def test_the_texts_are_kept_in_a_fraction_of_their_size() -> None:
    files = sorted(RULES.rglob("*.yaml"))
    size = sum(p.stat().st_size for p in files)  # bytes of UTF-8
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        # the texts made here, held by nothing but what is kept of them
        kept = FilesRead({str(p.relative_to(RULES)): p.read_text() for p in files})
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < size / 3
    name = "social/after-care.yaml"
    assert kept[name] == read_file(name, (RULES / name).read_text(), [])


def _documents() -> int:
    gc.collect()
    return sum(isinstance(o, marks.Document) for o in gc.get_objects())
