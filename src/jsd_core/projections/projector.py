"""What a projection is: the events it reads and how a batch of them changes its tables."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.store import RecordedEvent


class Projector(ABC):
    """One read model. Runners call `apply` inside the transaction that also moves the
    projection's checkpoint, on a connection mapped to the generation being written."""

    name: ClassVar[str]
    types: ClassVar[tuple[str, ...]]

    @abstractmethod
    async def apply(self, connection: AsyncConnection, events: Sequence[RecordedEvent]) -> None:
        """Change the tables for these events, given in global order."""
