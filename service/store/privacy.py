"""What may be written down about a case: a reference and short notes, never an identity.

A case reference is a number, not words: digits only, a case number or a year and a number
(``2026-0142``, ``17``). With no letter in it, it cannot hold a name, not even one typed in
capitals; with at most 9 digits, it cannot hold a phone, Aadhaar or other ID number (10 or
more). The organisation is known from the key, so the reference needs no letters to be
told apart. A district is a place's name in a few words. Messages never repeat what was
sent.
"""

from __future__ import annotations

import re

from service.rules import places

# A number of at most 8 digits, or a year (up to 4 digits) and a number (up to 5).
CASE_REF_PATTERN = r"^([0-9]{1,8}|[0-9]{1,4}-[0-9]{1,5})$"
CASE_REF = re.compile(CASE_REF_PATTERN)
CASE_REF_MAX = 10
# The shape new references had until 2026-12 (an organisation's capitals, then a number):
# records stored under it are kept, and the filters and erasure still find them by it. No
# new record takes it, because a short name typed in capitals fits it (``PRIYA-1``).
EARLIER_CASE_REF_PATTERN = (
    r"^[A-Z]{2,8}(-[A-Z]{1,12}){0,2}"
    r"-([0-9]{1,8}|[0-9]{1,4}-[0-9]{1,5}|[0-9]{1,4}-[A-Z]{1,12}-[0-9]{1,8})$")
# What a filter of screenings or claims may name: a reference of either shape. (Erasure
# takes any stored reference: api/routers/cases.py.)
CASE_REF_LOOKUP_PATTERN = f"({CASE_REF_PATTERN})|({EARLIER_CASE_REF_PATTERN})"
CASE_REF_LOOKUP = re.compile(CASE_REF_LOOKUP_PATTERN)
CASE_REF_LOOKUP_MAX = 64
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


_CASE_REF_SHAPE = ("a case reference is your case number in digits, never a name or a phone "
                   "number: a number of up to 8 digits, or a year and a number joined by "
                   "'-', e.g. 2026-0142")


def case_ref_problem(value: str) -> str | None:
    """None for a usable case reference; otherwise what a usable one looks like."""
    if len(value) > CASE_REF_MAX or not CASE_REF.fullmatch(value):
        return _CASE_REF_SHAPE
    return None


def case_ref_lookup_problem(value: str) -> str | None:
    """None for a reference a record may be stored under (today's shape or the earlier
    one); otherwise what a reference looks like."""
    if len(value) > CASE_REF_LOOKUP_MAX or not CASE_REF_LOOKUP.fullmatch(value):
        return (_CASE_REF_SHAPE + " (or, for a case stored before 2026-12, its code then, "
                "e.g. SNJ-2026-0142)")
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


# A district is a place's name (its shape is the list's, service/rules/places.py): at most
# four words, a number of at most two digits as a word, never more (a phone or ID). Words
# that tie a person to someone are refused. Whether it is a district at all is the list's to
# say (service/engine/districts.py), once the State is known.
DISTRICT_PATTERN = places.SHAPE_PATTERN
DISTRICT_MAX = places.NAME_MAX
DISTRICT_WORDS = places.NAME_WORDS
_RELATION = re.compile(
    r"\b(daughter|son|wife|husband|widow|father|mother|brother|sister|child|of|"
    r"alias|urf|smt|shri|shrimati|kumari|mr|mrs|ms|miss)\b|\b[dswcr]\s*/\s*o\b",
    re.IGNORECASE)


def district_problem(value: str) -> str | None:
    """None for what could be a district's name; otherwise what a district looks like."""
    shape = places.shape_problem(value)
    if shape:
        return shape
    if _RELATION.search(value):
        return ("a district is a place's name, never a person's or a relation "
                "(daughter of, s/o, Smt)")
    return None
