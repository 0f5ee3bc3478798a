"""Domain errors. The API maps them to HTTP in one place (``api/errors.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RuleError:
    """One problem in a rule file, at a 1-based line and character column."""

    file: str
    line: int
    col: int
    code: str
    message: str
    hint: str | None = None

    @property
    def text(self) -> str:
        """The message with its hint, without the position."""
        return self.message + (f" (did you mean {self.hint!r}?)" if self.hint else "")

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.code} {self.text}"


class AdhikarError(Exception):
    code = "error"


class RulesetInvalid(AdhikarError):
    code = "ruleset_invalid"

    def __init__(self, errors: list[RuleError]) -> None:
        super().__init__(f"{len(errors)} rule error(s)")
        self.errors = errors


class ReloadRefused(RulesetInvalid):
    """The rules on disk cannot replace the serving ones; those keep serving."""

    code = "reload_refused"


class UnknownEntitlement(AdhikarError):
    code = "unknown_entitlement"

    def __init__(self, entitlement_id: str) -> None:
        super().__init__(f"no entitlement with id {entitlement_id!r}")
        self.entitlement_id = entitlement_id


class InvalidProfile(AdhikarError):
    """A profile that does not fit facts.yaml. Messages name facts, never values."""

    code = "invalid_profile"

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{fact}: {msg}" for fact, msg in problems))
        self.problems = problems


# ---- screenings, claims and keys (service/store) -----------------------------------------

Loc = tuple[str | int, ...]


class StoreUnavailable(AdhikarError):
    """The database does not answer, or its schema is not ready. Eligibility still serves."""

    code = "storage_unavailable"


class NotFound(AdhikarError):
    """No such record, or one of another organisation: the two look the same to the caller."""

    code = "not_found"

    def __init__(self, kind: str) -> None:
        super().__init__(f"no such {kind}")
        self.kind = kind


class InvalidInput(AdhikarError):
    """A request that fits the contract but not the records or the rules. Each problem is
    (where, kind, what is allowed); no message repeats a value sent."""

    code = "invalid_request"

    def __init__(self, problems: list[tuple[Loc, str, str]]) -> None:
        super().__init__("; ".join(msg for _, _, msg in problems))
        self.problems = problems


class UnknownDistrict(InvalidInput):
    """A district that is not in the rules' list (of the case's State when it is known).
    Carries what the message needs, so that the API can say it in the request's language;
    never the district sent."""

    def __init__(self, english: str, *, state: str | None, suggestion: str | None,
                 loc: Loc = ("body", "district")) -> None:
        super().__init__([(loc, "unknown_district", english)])
        self.state, self.suggestion, self.loc = state, suggestion, loc


class IllegalMove(AdhikarError):
    """A claim status change that the claim's lifecycle does not allow."""

    code = "illegal_move"

    def __init__(self, current: str, wanted: str, allowed: tuple[str, ...]) -> None:
        where = (f"may move only to: {', '.join(allowed)}" if allowed
                 else "is closed and cannot move")
        super().__init__(f"a claim that is {current} {where}")
        self.current, self.wanted, self.allowed = current, wanted, allowed


class Conflict(AdhikarError):
    """The request clashes with the records as they are now (a duplicate open claim, a claim
    changed meanwhile, a stored profile that no longer fits the facts)."""

    code = "conflict"

    def __init__(self, kind: str, message: str, params: dict[str, str] | None = None,
                 problems: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.kind = kind  # a stable id of what clashed, e.g. claim_already_open
        self.params = params or {}
        self.problems = problems or []  # (fact, what is wrong) when a profile clashes


class RulesetMismatch(AdhikarError):
    """A batch worker found other rules at the rules directory than the ones the batch was
    started with (another checkout, or files changed meanwhile): it refuses to screen."""

    code = "ruleset_mismatch"

    def __init__(self, rules_dir: str, expected: str, found: str) -> None:
        super().__init__(f"the rules at {rules_dir} have digest {found[:19]}, not "
                         f"{expected[:19]} as the batch expects")
