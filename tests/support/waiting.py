"""Waiting for a condition, never for a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def until(check: Callable[[], Awaitable[T]], within: float = 60.0) -> T:
    """Call `check` until it returns something truthy, and return that."""
    async with asyncio.timeout(within):
        while not (found := await check()):
            await asyncio.sleep(0.05)
        return found
