"""What each group of operations is for, as the contract's tag descriptions; and the answers
any operation may give."""

from typing import Any

from api.problems import Problem

TAGS = [
    {"name": "eligibility", "description": "A profile of facts in, every entitlement out: "
     "status, reasons, amounts, documents, offices and next steps. Stateless."},
    {"name": "compensation-routes", "description": "The routes to compensation for one case, with "
     "their time limits and how they interact."},
    {"name": "entitlements", "description": "The catalogue: every entitlement, its dated "
     "versions, parameters and sources. Cacheable: ETag from the ruleset digest."},
    {"name": "facts", "description": "The facts a profile may carry, with their questions."},
    {"name": "places", "description": "India's districts by State, as the rules list them "
     "(with their source): what a screening's or claim's `district` may name. Cacheable: "
     "ETag from the ruleset digest."},
    {"name": "ruleset", "description": "Which rules are serving; reload them without a "
     "restart (admin)."},
    {"name": "problems", "description": "What each kind of error means: the `type` of "
     "every problem leads here; its `code` is stable, for programs and translations."},
    {"name": "health", "description": "Liveness, readiness and Prometheus metrics for "
     "operators."},
    {"name": "screenings", "description": "An eligibility answer kept under a case "
     "reference, for one organisation. Needs a caseworker's key."},
    {"name": "claims", "description": "One survivor's pursuit of one entitlement, step by "
     "step, with deadlines and where to escalate. Needs a caseworker's key."},
    {"name": "reports", "description": "The funnel from screening to money received, for an "
     "organisation's analysts."},
    {"name": "cases", "description": "Erasure of a case and all its records (an admin of "
     "its organisation)."},
    {"name": "audit", "description": "Who read or wrote which case record, and when. Admins "
     "only; never case data."},
]

EVERYWHERE: dict[int | str, dict[str, Any]] = {
    500: {"model": Problem, "description": "an unexpected error; it is logged with the "
          "request id (X-Request-ID), never with the request's data"},
    503: {"model": Problem, "description": "the server is at its limit of requests or "
          "evaluations at once, an evaluation took longer than allowed, or (for screenings, "
          "claims and reports) the database does not answer; Retry-After says when to retry"},
}
# Only /v1 is rate limited (health checks and the docs are not).
LIMITED: dict[int | str, dict[str, Any]] = {
    429: {"model": Problem, "description": "over the requests per minute allowed to this "
          "client address or key (`rate_limited`), or backing off after wrong keys from this "
          "address (`too_many_failed_keys`); Retry-After says when to retry"},
}
