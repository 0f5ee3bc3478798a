"""``updated_since``: an ISO 8601 instant, written as one. Pydantic alone would also take a
number of seconds since 1970 ("0.5"), which is never what a phone syncing meant."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _written_as_iso(value: Any) -> Any:
    if isinstance(value, str) and not _ISO.match(value):
        raise ValueError("an ISO 8601 instant, e.g. 2026-11-28T09:30:00+05:30")
    return value


def _aware(at: dt.datetime) -> dt.datetime:
    # An instant without a zone is read as UTC, the zone the service keeps.
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at


Instant = Annotated[dt.datetime, BeforeValidator(_written_as_iso), AfterValidator(_aware)]
