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
