"""Settings, read from the environment (prefix `JSD_`) or a `.env` file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

STANDARD_WEBHOOKS_SCHEDULE = (0.0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)


class Settings(BaseSettings):
    """Everything the service can be told; one instance is built by the composition root."""

    model_config = SettingsConfigDict(env_prefix="JSD_", env_file=".env", extra="ignore")

    database_url: str | None = None
    data_dir: Path = Path(".jsd")
    host: str = "127.0.0.1"
    port: int = 8000
    nats_url: str | None = None
    # The JetStream stream the relay publishes to, and the first token of its subjects.
    nats_stream: str = Field(default="JSD", pattern=r"^[A-Za-z0-9_-]{1,64}$")
    nats_subject_prefix: str = Field(default="jsd", pattern=r"^[A-Za-z0-9_-]{1,64}$")
    sse_heartbeat: float = Field(default=15.0, gt=0)
    webhook_allow_private: bool = False
    webhook_retry_schedule: Annotated[tuple[float, ...], NoDecode] = Field(
        default=STANDARD_WEBHOOKS_SCHEDULE
    )
    webhook_timeout: float = 10.0
    max_event_bytes: int = 1024 * 1024
    max_request_bytes: int = 1024 * 1024
    read_your_writes_timeout: float = 5.0
    pool_size: int = 20

    @field_validator("webhook_retry_schedule", mode="before")
    @classmethod
    def _parse_schedule(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(float(part) for part in value.split(",") if part.strip())
        return value

    @field_validator("webhook_retry_schedule")
    @classmethod
    def _schedule_is_not_empty(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if not value or any(delay < 0 for delay in value):
            raise ValueError("needs at least one delay, none negative")
        return value
