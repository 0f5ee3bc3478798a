"""Translation catalogues: kept in step with the English, checked at load, linted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from service.errors import RulesetInvalid
from service.rules.lint import lint
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset
from service.text import words_for
from service.text.catalogues import coverage, dump, update
from tests.conftest import RULES

NEW = {"language": "hi", "locale": "hi_IN", "name": "हिन्दी"}


def test_update_adds_keeps_and_marks_changed_english_stale() -> None:
    first = update({"Old words": ("a.yaml#x",), "Kept": ("a.yaml#y",)}, NEW)
    assert [(t["en"], t["text"]) for t in first["texts"]] == [("Old words", ""), ("Kept", "")]
    first["texts"][0].update(text="पुराने शब्द", reviewed=True)
    first["texts"][1].update(text="रखा")
    # the English at a.yaml#x changes, and a new text appears
    later = update({"New words": ("a.yaml#x",), "Kept": ("a.yaml#y",),
                    "Added": ("b.yaml#z",)}, first)
    by = {t["en"]: t for t in later["texts"]}
    assert set(by) == {"New words", "Kept", "Added"}  # the gone English is dropped
    stale = by["New words"]
    assert stale["text"] == "पुराने शब्द" and stale["was"] == "Old words"
    assert "reviewed" not in stale  # to be checked again
    assert by["Kept"]["text"] == "रखा" and "was" not in by["Kept"]
    assert by["Added"]["text"] == ""
    assert yaml.safe_load(dump(later))["texts"] == later["texts"]  # writes what it read


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    """A copy of the bundled rules with a small Hindi catalogue of our own."""
    root = shutil.copytree(RULES, tmp_path / "rules")
    shutil.rmtree(root / "text")
    (root / "text").mkdir()
    return root


def _catalogue(root: Path, texts: list[dict[str, object]]) -> None:
    body = {**NEW, "texts": texts}
    (root / "text" / "hi.yaml").write_text(dump(body), encoding="utf-8")


def _title(ruleset: Ruleset) -> str:
    return next(iter(ruleset.entitlements.values())).title


def test_a_translation_is_served_and_a_stale_one_is_not(rules: Path) -> None:
    english = load_ruleset(rules)
    title = _title(english)
    summary = next(iter(english.entitlements.values())).summary
    _catalogue(rules, [{"en": title, "text": "हिन्दी शीर्षक", "reviewed": True},
                       {"en": summary, "text": "पुराना सारांश", "was": "an older summary"}])
    words = words_for(load_ruleset(rules), "hi")
    assert words.t(title) == "हिन्दी शीर्षक" and not words.is_draft(title)
    assert words.t(summary) == summary  # stale: its English changed, so English is shown
    assert words.t("No such English") == "No such English"


def test_a_translation_that_loses_a_placeholder_is_refused_at_load(rules: Path) -> None:
    _catalogue(rules, [{"en": "{label} is {actual}", "text": "{label} है"}])
    with pytest.raises(RulesetInvalid) as caught:
        load_ruleset(rules)
    [error] = [e for e in caught.value.errors if e.code == "E432"]
    assert error.file == "text/hi.yaml" and error.line > 1
    assert "actual" in error.message


def test_lint_names_stale_translations_and_counts_the_missing(rules: Path) -> None:
    english = load_ruleset(rules)
    title = _title(english)
    _catalogue(rules, [{"en": title, "text": "शीर्षक", "was": "An older title"}])
    ruleset = load_ruleset(rules)
    findings = {f.code: f for f in lint(ruleset) if f.file == "text/hi.yaml"}
    assert sorted(findings) == ["W433", "W434"]
    w433, w434 = findings["W433"], findings["W434"]
    assert (w433.line, w433.col) > (w434.line, w434.col)  # at the stale entry itself
    assert f"{len(english.english) - 1} text(s)" in findings["W434"].message  # less the stale
    counted = coverage("hi", ruleset.english, ruleset.catalogues["hi"].texts)
    assert (counted.translated, counted.stale) == (0, 1)
    assert len(counted.missing) == len(english.english) - 1


@pytest.mark.parametrize("language", ["hi", "bn"])
def test_every_text_of_the_bundled_rules_is_translated(ruleset: Ruleset, language: str) -> None:
    """Hindi and Bengali cover every text a person reads (machine drafts are fine, marked as
    such; a stale or missing one is not): `adhikar text update`, then translate."""
    catalogue = ruleset.catalogues[language]
    counted = coverage(language, ruleset.english, catalogue.texts)
    assert counted.missing == [] and counted.stale_texts == []
    assert counted.translated == counted.total
