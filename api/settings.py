"""Settings from the environment (ADHIKAR_*), read only when the app factory is given none."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.resources import default_rules_dir
from service.store.database import default_url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ADHIKAR_", env_file=".env", extra="ignore",
                                      frozen=True)

    rules_dir: Path = Field(default_factory=default_rules_dir,
                            description="ADHIKAR_RULES_DIR, else ./rules, else the bundled rules")
    max_body_bytes: int = Field(64 * 1024, gt=0, description="larger request bodies get 413")
    max_batch_body_bytes: int = Field(
        4 * 1024 * 1024, gt=0,
        description="the same for POST /v1/eligibility/batch (up to 1,000 profiles)")
    watch_rules: bool = Field(False, description="reload when a file in rules_dir changes")
    watch_debounce_ms: int = Field(400, ge=50, description="wait for a burst of saves to end")
    admin_token: SecretStr | None = Field(
        None, description="accepted as `Authorization: Bearer ...` by POST /v1/ruleset/reload "
        "(so is an admin's API key); compared in constant time")
    allow_local_reload: bool = Field(
        False, description="let a request from this machine (loopback, not through a proxy) "
        "reload the rules with no credential; off unless set")
    database_url: str = Field(
        default_factory=default_url,
        validation_alias=AliasChoices("database_url", "DATABASE_URL"),
        description="where screenings and claims are kept: sqlite:///path (default "
        "data/adhikar.db in the repository) or postgresql+psycopg://user@host/db")
    migrate_on_start: bool = Field(True, description="run `alembic upgrade head` at start")
    require_key: bool = Field(False, description="eligibility, entitlements, facts and the "
                              "ruleset need an API key too (screenings, claims and reports "
                              "always do)")
    web_secret: SecretStr | None = Field(
        None, description="signs the web app's session cookies (32+ random characters); "
        "unset, a random one is made at start, so sign-ins end when the service restarts and "
        "do not carry from one worker to another")
    cors_origins: tuple[str, ...] = Field((), description="origins a browser app may call "
                                          "from, as a JSON list; none by default (CORS off)")

    # ---- load: the evaluation pool, rate limits, overload (docs/security.md) ----
    eval_threads: int = Field(2, ge=1, description="evaluations at once per worker, on "
                              "threads off the event loop")
    eval_queue: int = Field(32, ge=0, description="evaluations that may wait for a thread; "
                            "more get 503 with Retry-After")
    eval_gate_seconds: float = Field(0.25, ge=0, description="the longest an evaluation "
                                     "waits while screening and claim requests run (they "
                                     "go first)")
    eval_timeout_seconds: float = Field(10.0, gt=0, description="an evaluation that takes "
                                        "longer is answered 503 with Retry-After")
    rate_per_client: int = Field(
        6000, ge=0, description="requests to /v1 per minute from one client address without "
        "a valid key, shared by every worker; more get 429 with Retry-After (0: no limit)")
    rate_per_key: int = Field(6000, ge=0, description="requests to /v1 per minute with one "
                              "valid key or the admin token (0: no limit)")
    key_failures_free: int = Field(20, ge=1, description="failed key checks a client may "
                                   "make before its keyed requests get 429")
    key_backoff_seconds: float = Field(1.0, gt=0, description="the first back-off after "
                                       "those; it doubles with each further failure")
    key_backoff_max_seconds: float = Field(900.0, gt=0, description="the longest back-off")
    max_in_flight: int = Field(150, ge=1, description="requests at once per worker; more get "
                               "503 with Retry-After")
    body_timeout_seconds: float = Field(30.0, gt=0, description="time to send a request's "
                                        "body; a slower client gets 408")
    ruleset_poll_seconds: float = Field(0.25, gt=0, description="how often each worker checks "
                                        "which rules a reload accepted, and says which it "
                                        "serves")
    ready_timeout_seconds: float = Field(1.5, gt=0, description="/readyz waits this long for "
                                         "the database before it answers `degraded`")
