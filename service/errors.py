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
