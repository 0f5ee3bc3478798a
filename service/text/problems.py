"""The kinds of problem the API answers with (RFC 9457): each with a stable ``code``, an HTTP
status, an English title and a detail template with named fields (see api/problems.py).

Kept here, with the service's other phrases, so that the catalogues translate them like any
text a person reads: by their English (service/text/extract.py).
"""

from __future__ import annotations

from dataclasses import dataclass

TYPE_PREFIX = "/problems/"


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of problem: its stable id, HTTP status and English words."""

    code: str
    status: int
    title: str
    detail: str  # a str.format template; its fields are named in `fields`

    @property
    def type(self) -> str:
        return TYPE_PREFIX + self.code


_TABLE = (
    # The request
    Kind("invalid_request", 422, "The request is not valid",
         "the request is not valid: {fields}; `errors` says what each allows"),
    Kind("invalid_profile", 422, "The profile does not fit the facts",
         "these facts are not valid: {facts}; GET /v1/facts lists what each allows"),
    Kind("too_many_items", 413, "Too many items",
         "the request has more than {limit} items; send them in smaller batches"),
    Kind("body_too_large", 413, "The body is too large",
         "the request body is over {limit} bytes"),
    Kind("not_found", 404, "Nothing here",
         "no such path; GET /openapi.json lists the paths"),
    Kind("method_not_allowed", 405, "Method not allowed",
         "this path does not take this method; the Allow header lists those it takes"),
    Kind("not_acceptable", 406, "Not offered in that form",
         "this is offered as {offered}; send one of them in Accept"),
    Kind("request_timeout", 408, "The request took too long to arrive",
         "the request body did not arrive within {seconds} seconds"),
    Kind("rate_limited", 429, "Too many requests",
         "over the limit of requests per minute; try again after Retry-After seconds"),
    Kind("too_many_failed_keys", 429, "Too many wrong keys",
         "too many wrong keys from this client; try again after Retry-After seconds"),
    Kind("overloaded", 503, "The service is busy",
         "the service is answering as many requests as it can; try again after Retry-After "
         "seconds"),
    Kind("evaluation_timeout", 503, "The evaluation took too long",
         "the evaluation could not be answered in the time the service allows; try again "
         "after Retry-After seconds"),
    Kind("audit_unavailable", 503, "The audit log cannot be written",
         "the audit log cannot be written, so the answer is held back; eligibility still "
         "answers"),
    Kind("case_not_found", 404, "No such case",
         "no case with this reference in this key's organisation"),
    Kind("admin_only", 403, "Only an admin may do this",
         "only an admin of the organisation may do this"),
    Kind("http_error", 400, "The request cannot be served", "{reason}"),
    Kind("unknown_problem", 404, "No such kind of problem",
         "no kind of problem with this code; GET /problems lists them"),
    # The rules
    Kind("unknown_entitlement", 404, "No such entitlement",
         "no such entitlement; GET /v1/entitlements lists them"),
    Kind("ruleset_invalid", 422, "The rules are not valid",
         "{count} rule error(s); `errors` names the file, line and column of each"),
    Kind("reload_refused", 409, "The rules on disk cannot replace the serving ones",
         "{count} rule error(s); the rules loaded before keep serving"),
    # Records
    Kind("screening_not_found", 404, "No such screening",
         "no screening with this id for this key's organisation"),
    Kind("claim_not_found", 404, "No such claim",
         "no claim with this id for this key's organisation"),
    Kind("key_not_found", 404, "No such key", "no API key with this id"),
    Kind("claim_already_open", 409, "A claim is already open",
         "claim {claim_id} for this entitlement is still open for this case; move it on, or "
         "close it before opening another"),
    Kind("claim_opened_meanwhile", 409, "A claim was opened meanwhile",
         "a claim for this entitlement was opened for this case meanwhile"),
    Kind("claim_changed", 409, "The claim changed meanwhile",
         "the claim changed meanwhile; read it again and retry"),
    Kind("illegal_move", 409, "This move is not allowed",
         "a claim that is {current} may move only to: {allowed}"),
    Kind("claim_closed", 409, "The claim is closed",
         "a claim that is {current} is closed and cannot move"),
    Kind("profile_no_longer_fits", 409, "The stored profile no longer fits the rules",
         "the stored profile no longer fits the facts of the rules now serving: {facts}"),
    Kind("idempotency_key_reused", 422, "The Idempotency-Key was used for another request",
         "this Idempotency-Key was used within {hours} hours with a different request; "
         "send a new key with a new request"),
    Kind("idempotency_key_in_use", 409, "The first request with this Idempotency-Key is "
         "still running", "the first request with this Idempotency-Key has not finished; "
         "retry in a few seconds"),
    Kind("record_erased", 410, "The record this request made has been erased",
         "the record made by the first request with this Idempotency-Key has been erased "
         "with its case, and is not made again; to record the case anew, send the request "
         "with a new key"),
    # Access
    Kind("key_missing", 401, "An API key is needed",
         "this needs an API key: Authorization: Bearer <key>"),
    Kind("key_invalid", 401, "The API key is not valid",
         "the API key is not valid or has been revoked"),
    Kind("admin_credential_missing", 401, "The admin credential is needed",
         "reloading the rules needs the admin token or an admin's API key: "
         "Authorization: Bearer <token or key>"),
    Kind("role_not_allowed", 403, "Not for this key's role",
         "analysts see reports, not screenings or claims"),
    Kind("reload_not_allowed", 403, "This credential may not reload the rules",
         "reloading the rules needs the admin token or an admin's API key"),
    # The service
    Kind("storage_unavailable", 503, "The database does not answer",
         "screenings, claims and reports are unavailable for now; eligibility still answers"),
    Kind("internal_error", 500, "An unexpected error",
         "an unexpected error; it has been logged with the request id (X-Request-ID)"),
)
KINDS: dict[str, Kind] = {kind.code: kind for kind in _TABLE}
