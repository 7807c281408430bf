"""API keys for tests, created in the database as `jsd keys create` does."""

from __future__ import annotations

from jsd_core.access.keys import ApiKeys
from jsd_core.database import create_pool


async def bearer(database_url: str, organization: str, role: str) -> dict[str, str]:
    """The Authorization header of a new key of `role` in `organization`."""
    pool = await create_pool(database_url, max_size=1)
    try:
        _, token = await ApiKeys(pool).create(organization, role)
    finally:
        await pool.close()
    return {"Authorization": f"Bearer {token}"}
