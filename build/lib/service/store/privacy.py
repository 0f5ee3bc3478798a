"""What may be written down about a case: a reference and short notes, never an identity.

A case reference is the caller's own opaque token (``SNJ-2026-0142``). One that could be a
name (no digit in it) or a phone or ID number (only digits, 10 or more) is refused, and so
is a note that carries a phone or Aadhaar number. Messages never repeat what was sent.
"""

from __future__ import annotations

import re

CASE_REF = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_SEPARATORS = re.compile(r"[._:-]")
_PHONE_LIKE = re.compile(r"\d{10,}|\d{5}[\s-]\d{5}|\d{4}[\s-]\d{4}[\s-]\d{4}|\+\d{2}[\s-]?\d{5}")
NOTE_MAX = 500


def case_ref_problem(value: str) -> str | None:
    """None for a usable case reference; otherwise what a usable one looks like."""
    if not CASE_REF.match(value):
        return ("a case reference is 1-64 letters, digits, '.', '_', ':' or '-' (your own "
                "case number, e.g. SNJ-2026-0142), never a name or a phone number")
    if not any(c.isdigit() for c in value):
        return ("a case reference needs at least one digit (your own case number, e.g. "
                "SNJ-2026-0142): a word alone could be a name")
    bare = _SEPARATORS.sub("", value)
    if bare.isdigit() and len(bare) >= 10:
        return ("a case reference of 10 or more digits alone could be a phone or ID number; "
                "add your organisation's letters, e.g. SNJ-2026-0142")
    return None


def note_problem(value: str) -> str | None:
    if len(value) > NOTE_MAX:
        return f"a note is at most {NOTE_MAX} characters"
    if _PHONE_LIKE.search(value):
        return ("a note must not carry phone, Aadhaar or other ID numbers; notes are about "
                "the claim, never about who she is")
    return None
