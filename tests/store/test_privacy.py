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


# The probe's identity strings (synthetic), each refused with the kind it holds, never the text.
@pytest.mark.parametrize(("note", "kind"), [
    ("Priya Sharma d/o Ramesh Kumar, 14 Gandhi Road", "relation or an address"),
    ("daughter of Ramesh, lives in Rampur", "relation or an address"),
    ("call 98 76 54 32 10 after six", "ID number"),
    ("her number is nine eight seven six five four three two one zero", "ID number"),
    ("aadhaar 1234.5678.9012", "ID number"),
    ("aadhaar 1234 5678 9012", "ID number"),
    ("mail priya.s@example.org", "email"),
    ("PAN ABCDE1234F", "PAN"),
    ("FIR no. 117/2026 at Kotwali police station", "FIR"),
    ("case registered at Kotwali Thana", "police station"),
    ("met Smt. Priya at the shelter", "a name"),
    ("from Village Rampur, block office", "village"),
    ("H.No 14, pin 756001", "relation or an address"),
])
def test_notes_that_identify_are_refused_by_kind(note: str, kind: str) -> None:
    problem = note_problem(note)
    assert problem is not None and kind in problem
    assert note not in problem


@pytest.mark.parametrize("note", [
    "Rs 1,00,000 sanctioned by the DLSA; order of 2026-01-05, paid 2026-02-01",
    "documents handed to the panel lawyer; hearing adjourned twice",
    "returned to her village; wants the livelihood scheme next",
    "went with her to the police station for the statement",
    "two of three documents ready, one more visit needed",
])
def test_notes_about_the_claim_still_pass(note: str) -> None:
    assert note_problem(note) is None
