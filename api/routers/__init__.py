"""One module per resource."""

from typing import Any

from api.problems import Problem

Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {404: {"model": Problem, "description": "no such entitlement"}}
INVALID: Responses = {
    422: {"model": Problem, "description": "the request does not fit the contract; each "
          "error names the field and what is allowed, never the value sent"},
    413: {"model": Problem, "description": "the body is over the size limit"},
}

_KEYED: Responses = {
    401: {"model": Problem, "description": "no API key, or one unknown or revoked"},
    503: {"model": Problem, "description": "the database does not answer; eligibility "
          "still does (GET /readyz says why)"},
}
# Screenings and claims: a caseworker's or an admin's key.
RECORDS: Responses = {
    **_KEYED,
    403: {"model": Problem, "description": "an analyst's key: analysts see reports, not "
          "screenings or claims"},
}
# A record by id: another organisation's looks the same as none.
RECORD: Responses = {
    **RECORDS,
    404: {"model": Problem, "description": "no such record for this key's organisation"},
}
REPORTS: Responses = dict(_KEYED)
# The catalogue and eligibility, when ADHIKAR_REQUIRE_KEY is set.
OPEN: Responses = {
    401: {"model": Problem, "description": "only when the service requires an API key "
          "(ADHIKAR_REQUIRE_KEY) and none, or a bad one, was sent"},
}
# The POSTs that create things, with an Idempotency-Key.
IDEMPOTENT: Responses = {
    422: {"model": Problem, "description": "the request does not fit the contract; or its "
          "Idempotency-Key was used in the last 24 hours with a different request"},
    409: {"model": Problem, "description": "the first request with this Idempotency-Key is "
          "still running (Retry-After)"},
    410: {"model": Problem, "description": "the record the first request with this "
          "Idempotency-Key made has since been erased with its case; it is not made again"},
}
