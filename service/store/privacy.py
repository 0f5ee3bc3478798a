"""What may be written down about a case: a reference and short notes, never an identity.

A case reference is the caller's own opaque token (``SNJ-2026-0142``). One that could be a
name (no digit in it) or a phone or ID number (only digits, 10 or more) is refused, and so
is a note that carries a phone or Aadhaar number. Messages never repeat what was sent.
"""

from __future__ import annotations

import re

CASE_REF = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_SEPARATORS = re.compile(r"[._:-]")
NOTE_MAX = 280

# A note is read for what identifies a person, each kind by its usual written forms. This
# cannot catch every identity (free text never can); it stops the common ones with a
# message that says what notes are for.
_DIGIT_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(_DIGIT_NAMES)} | {"oh": "0", "double": ""}
_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# digits run together across the spaces, dots, dashes and brackets people write them with
_DIGIT_RUN = re.compile(r"\+?\d(?:[\s.\-()]{0,3}\d){9,}")
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an email address", re.compile(r"[^\s@]+@[^\s@]+\.[a-z]{2,}", re.IGNORECASE)),
    ("a PAN", re.compile(r"\b[A-Z]{5}\s?[0-9]{4}\s?[A-Z]\b", re.IGNORECASE)),
    ("an FIR or case number", re.compile(
        r"\b(f\.?\s?i\.?\s?r|g\.?d|d\.?d|crime|cr)\.?\s*(no|number|#)?\.?\s*[:\-]?\s*\d",
        re.IGNORECASE)),
    ("a police station", re.compile(r"\b(?i:police station|thana|p\.\s?s\.)\s+[A-Z]|"
                                    r"\b[A-Z][a-z]+\s+(?i:police station|thana|p\.\s?s\.)")),
    ("a name with a relation or an address", re.compile(
        r"\b[dswcr]\s?/\s?o\b|\b(daughter|son|wife|husband|widow) of\b|\bresident of\b|"
        r"\bh(ouse)?\.?\s?no\b|\bmohalla\b|\bward no\b|\bpin\s?(code)?\s*[:\-]?\s*\d|"
        r"\b(street|road|lane|nagar|colony|gali)\b\s*,?\s*\d|\d+\s*,?\s*[A-Z][a-z]+\s+"
        r"(street|road|lane|nagar|colony|marg)\b", re.IGNORECASE)),
    ("a name", re.compile(r"\b(Smt|Shri|Shrimati|Sri|Kumari|Km|Mr|Mrs|Ms|Miss|Master)\.?\s+"
                          r"[A-Z][a-z]+")),
    ("a village", re.compile(r"\b(Village|Vill|Gram|Gaon)\.?\s+[A-Z]")),
)


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
    """None for a usable note; otherwise which kind of identity it seems to hold (never the
    text itself)."""
    if len(value) > NOTE_MAX:
        return f"a note is at most {NOTE_MAX} characters: a step taken, not a story"
    found = identity_in(value)
    if found is not None:
        return (f"a note must not carry {found}: notes say what happened to the claim, never "
                "who she is or how to find her")
    return None


def identity_in(text: str) -> str | None:
    """The kind of identity ``text`` seems to hold, or None."""
    spelled = _WORD.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()], text)
    if _DIGIT_RUN.search(_ISO_DAY.sub(" ", spelled)):
        return "a phone, Aadhaar or other ID number"
    return next((kind for kind, pattern in _KINDS if pattern.search(text)), None)
