"""Documents as she holds them: a requirement met by any of its alternatives, and the linker's
checks on them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from service.compensation.answer import routes
from service.engine.evaluate import evaluate
from service.engine.profile import coerce_profile
from service.engine.result import DocumentResult
from service.errors import RulesetInvalid
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset

ON = dt.date(2026, 11, 28)
TINY = Path(__file__).resolve().parent.parent / "service" / "rules" / "tiny"
# A girl of 12, out of school: free schooling asks for her proof of age.
GIRL = {"age": 12, "gender": "female", "in_school": False}


def _age_proof(ruleset: Ruleset, held: list[str] | None) -> DocumentResult:
    answer = evaluate(ruleset, GIRL, ON, documents_held=held, what_if=False)
    [result] = [r for r in answer.results if r.entitlement == "free-schooling"]
    [doc] = [d for d in result.documents if d.id == "age-proof"]
    return doc


def test_a_birth_certificate_is_her_proof_of_age(ruleset: Ruleset) -> None:
    doc = _age_proof(ruleset, ["birth-certificate"])
    assert (doc.held, doc.held_as) == (True, "birth-certificate")


def test_each_alternative_serves_and_is_named(ruleset: Ruleset) -> None:
    doc = _age_proof(ruleset, [])
    assert (doc.held, doc.held_as) == (False, None)
    assert [d.id for d in doc.met_by] == ["school-date-of-birth-certificate", "birth-certificate",
                                          "medical-age-certificate"]
    assert doc.met_by[1].name == "Birth certificate"
    for alternative in doc.met_by:
        assert _age_proof(ruleset, [alternative.id]).held_as == alternative.id
    # the document itself comes first, then the alternatives in the order the rules give
    assert _age_proof(ruleset, ["medical-age-certificate", "age-proof"]).held_as == "age-proof"
    assert _age_proof(ruleset, ["medical-age-certificate",
                                "birth-certificate"]).held_as == "birth-certificate"
    # not asked: nothing is said of what she holds
    doc = _age_proof(ruleset, None)
    assert (doc.held, doc.held_as) == (None, None)


def test_a_document_that_meets_nothing_else_is_not_enough(ruleset: Ruleset) -> None:
    assert _age_proof(ruleset, ["ration-card", "bank-account"]).held is False


def test_a_voter_card_is_her_proof_of_identity(ruleset: Ruleset) -> None:
    facts = {"age": 22, "gender": "female", "care_leaver": True}
    answer = evaluate(ruleset, facts, ON, documents_held=["voter-id-card"], what_if=False)
    identity = [d for r in answer.results for d in r.documents if d.id == "identity-proof"]
    assert identity, "some entitlement asks for proof of identity"
    assert all((d.held, d.held_as) == (True, "voter-id-card") for d in identity)


def test_a_compensation_route_counts_the_alternatives_too(ruleset: Ruleset) -> None:
    child = {"age": 15, "gender": "female", "crime_victim": True, "pocso_offence_victim": True,
             "harms_suffered": ["rape"], "fir_registered": True, "offence_date": "2025-01-10"}
    answer = routes(ruleset, coerce_profile(ruleset, child), dt.date(2025, 6, 1),
                    documents_held=["birth-certificate"])
    asked = [d for r in answer.routes for d in r.documents if d.id == "age-proof"]
    assert asked and all(d.held and d.held_as == "birth-certificate" for d in asked)


# ---- the linker ------------------------------------------------------------------------------

_DOCS = """documents:
  fir-copy:
    name: Copy of the FIR
    issued_by: dlsa
  age-proof:
    name: Proof of age
    issued_by: dlsa
    met_by: {met_by}
  birth-certificate:
    name: Birth certificate
    issued_by: dlsa
  school-certificate:
    name: School certificate
    issued_by: dlsa
    met_by: {nested}
"""


def _errors(tmp_path: Path, met_by: str, nested: str = "[]") -> list[tuple[str, int, int]]:
    root = tmp_path / f"rules-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(TINY, root)
    (root / "documents.yaml").write_text(_DOCS.format(met_by=met_by, nested=nested))
    with pytest.raises(RulesetInvalid) as info:
        load_ruleset(root)
    assert all(e.file == "documents.yaml" for e in info.value.errors)
    return [(e.code, e.line, e.col) for e in info.value.errors]


def test_alternatives_load(tmp_path: Path) -> None:
    root = tmp_path / "rules"
    shutil.copytree(TINY, root)
    (root / "documents.yaml").write_text(_DOCS.format(met_by="[birth-certificate]", nested="[]"))
    assert load_ruleset(root).documents["age-proof"].met_by == ("birth-certificate",)


def test_an_unknown_alternative_is_e433(tmp_path: Path) -> None:
    assert _errors(tmp_path, "[birth-certificat]") == [("E433", 8, 14)]


def test_a_document_named_as_its_own_alternative_or_twice_is_e434(tmp_path: Path) -> None:
    assert _errors(tmp_path, "[age-proof]") == [("E434", 8, 14)]
    assert _errors(tmp_path, "[birth-certificate, birth-certificate]") == [("E434", 8, 33)]


def test_an_alternative_with_alternatives_of_its_own_is_e434(tmp_path: Path) -> None:
    assert _errors(tmp_path, "[school-certificate]", "[birth-certificate]") == [
        ("E434", 8, 14)]



def test_a_brief_answer_says_what_she_holds_it_as(ruleset: Ruleset) -> None:
    answer = evaluate(ruleset, GIRL, ON, documents_held=["birth-certificate"], brief=True)
    [result] = [r for r in answer.results if r.entitlement == "free-schooling"]
    [doc] = [d for d in result.documents if d.id == "age-proof"]
    assert (doc.held, doc.held_as, len(doc.met_by)) == (True, "birth-certificate", 3)
