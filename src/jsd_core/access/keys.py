"""API keys: created once and shown once, stored as a hash, revocable.

A key reads `jsd_<key id>_<secret>`; only sha256(secret) is kept, so a stolen
database does not yield working keys.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

import asyncpg

from jsd_core.access.principal import Principal, Role, check_organization

_KEY = re.compile(r"^jsd_([0-9a-f]{32})_([A-Za-z0-9_-]{20,100})$")
# Authenticated keys are remembered briefly; a revocation takes effect within this.
CACHE_SECONDS = 5.0


@dataclass(frozen=True)
class ApiKey:
    key_id: UUID
    name: str
    organization: str
    role: Role
    created_at: datetime
    revoked_at: datetime | None

    def principal(self) -> Principal:
        return Principal(self.key_id, self.name, self.organization, self.role)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiKeys:
    """The key store: create, list, revoke, and authenticate bearer tokens."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool
        self._recent: dict[str, tuple[float, Principal]] = {}

    async def create(
        self, organization: str, role: str, name: str | None = None
    ) -> tuple[ApiKey, str]:
        """A new key and its token; the token is never shown again."""
        check_organization(organization)
        try:
            chosen = Role(role)
        except ValueError:
            known = ", ".join(r.value for r in Role)
            raise ValueError(f"role must be one of {known}, got '{role}'") from None
        key_id = uuid4()
        secret = secrets.token_urlsafe(32)
        label = (name or f"{chosen.value}-{key_id.hex[:8]}").strip()
        if not label or len(label) > 100:
            raise ValueError("a key name must have 1 to 100 characters")
        row = await self.pool.fetchrow(
            "INSERT INTO api_keys (key_id, name, organization, role, secret_hash) "
            "VALUES ($1, $2, $3, $4, $5) RETURNING created_at",
            key_id,
            label,
            organization,
            chosen.value,
            _digest(secret),
        )
        assert row is not None
        key = ApiKey(key_id, label, organization, chosen, row["created_at"], None)
        return key, f"jsd_{key_id.hex}_{secret}"

    async def list(self) -> list[ApiKey]:
        rows = await self.pool.fetch(
            "SELECT key_id, name, organization, role, created_at, revoked_at "
            "FROM api_keys ORDER BY created_at"
        )
        return [
            ApiKey(
                r["key_id"],
                r["name"],
                r["organization"],
                Role(r["role"]),
                r["created_at"],
                r["revoked_at"],
            )
            for r in rows
        ]

    async def revoke(self, key_id: UUID) -> bool:
        """Revoke a key; False when there is no such active key."""
        status = await self.pool.execute(
            "UPDATE api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL",
            key_id,
        )
        self._recent.clear()
        return bool(status.endswith(" 1"))

    async def has_admin(self, organization: str) -> bool:
        found: bool = await self.pool.fetchval(
            "SELECT EXISTS (SELECT 1 FROM api_keys WHERE organization = $1 "
            "AND role = 'admin' AND revoked_at IS NULL)",
            organization,
        )
        return found

    async def authenticate(self, token: str) -> Principal | None:
        """The principal of a valid, unrevoked key; None otherwise."""
        now = time.monotonic()
        remembered = self._recent.get(token)
        if remembered is not None and now - remembered[0] < CACHE_SECONDS:
            return remembered[1]
        match = _KEY.match(token)
        if match is None:
            return None
        row = await self.pool.fetchrow(
            "SELECT key_id, name, organization, role, secret_hash FROM api_keys "
            "WHERE key_id = $1 AND revoked_at IS NULL",
            UUID(match.group(1)),
        )
        if row is None or not hmac.compare_digest(row["secret_hash"], _digest(match.group(2))):
            return None
        principal = Principal(row["key_id"], row["name"], row["organization"], Role(row["role"]))
        if len(self._recent) > 10_000:
            self._recent.clear()
        self._recent[token] = (now, principal)
        return principal
