"""Case references and notes: opaque tokens and short facts, never identities."""

from __future__ import annotations

import pytest

from service.store.privacy import case_ref_problem, note_problem


@pytest.mark.parametrize("ref", ["SNJ-2026-0142", "cwc:purulia:17", "A1", "x.y_z-9",
                                 "2026-0142", "123456789"])
def test_good_case_refs(ref: str) -> None:
    assert case_ref_problem(ref) is None


@pytest.mark.parametrize(("ref", "why"), [
    ("Priya", "at least one digit"), ("PriyaKumari", "at least one digit"),
    ("Priya Kumari", "never a name"), ("9876543210", "phone"), ("98765-43210", "phone"),
    ("+919876543210", "never a name"), ("priya@example.org", "never a name"),
    ("1234.5678.9012", "phone"), ("", "never a name"), ("x" * 65, "never a name"),
])
def test_case_refs_that_could_be_identities_are_refused(ref: str, why: str) -> None:
    problem = case_ref_problem(ref)
    assert problem is not None and why in problem
    assert not ref or ref not in problem


@pytest.mark.parametrize("note", ["Applied at the DLSA; told to come back in two weeks",
                                  "Rs 50,000 interim paid on 2026-01-05 2026-02-01",
                                  "order no. 17/2026"])
def test_ordinary_notes_pass(note: str) -> None:
    assert note_problem(note) is None


@pytest.mark.parametrize("note", ["call her on 9876543210", "mobile 98765 43210",
                                  "aadhaar 1234 5678 9012", "ph +91 98765 43210",
                                  "x" * 501])
def test_notes_with_numbers_that_identify_are_refused(note: str) -> None:
    assert note_problem(note) is not None
