"""A fresh migrated database for a module or a test that needs one of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from tests.conftest import TestServer


async def new_database(test_server: TestServer, template_url: str) -> str:
    """A copy of the run's migrated template (dropped at the end of the run)."""
    return await test_server.create(template=urlsplit(template_url).path.lstrip("/"))
