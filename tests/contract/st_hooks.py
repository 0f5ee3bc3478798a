"""Hooks for the schemathesis CLI (loaded with SCHEMATHESIS_HOOKS by test_cli.py).

A client makes a fresh Idempotency-Key for each new request and sends the same one only when
it retries. schemathesis draws keys from the pattern and so sends one key ("00000000", say)
with many different bodies, which the service rightly refuses with 422
(idempotency_key_reused): a rule about state that no schema can say. So a key that fits the
pattern is replaced, just before each request in every phase, with a fresh one; a key that does
not fit is sent as drawn and must still be refused.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import schemathesis

_KEY = "Idempotency-Key"
_FITS = re.compile(r"[A-Za-z0-9._:+/=-]{8,128}")


@schemathesis.hook
def before_call(context: Any, case: schemathesis.Case[Any], kwargs: dict[str, Any]) -> None:
    headers = case.headers  # case-insensitive
    if headers and isinstance(key := headers.get(_KEY), str) and _FITS.fullmatch(key):
        headers[_KEY] = str(uuid.uuid4())
