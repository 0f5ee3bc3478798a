"""Settings from the environment (ADHIKAR_*), read only when the app factory is given none."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_RULES = Path(__file__).resolve().parent.parent / "rules"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ADHIKAR_", env_file=".env", extra="ignore",
                                      frozen=True)

    rules_dir: Path = BUNDLED_RULES
    max_body_bytes: int = Field(64 * 1024, gt=0, description="larger request bodies get 413")
    watch_rules: bool = Field(False, description="reload when a file in rules_dir changes")
    watch_debounce_ms: int = Field(400, ge=50, description="wait for a burst of saves to end")
    admin_token: SecretStr | None = Field(
        None, description="required as `Authorization: Bearer ...` by POST /v1/ruleset/reload; "
        "without it the endpoint answers only requests from this machine")
