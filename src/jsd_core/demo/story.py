"""What a demo story is once written: a dialogue's commands in the order they happened.

Every id a story creates (dialogue, session, case, action, command) is a
uuid5 of the story's key and a name, so a story can refer to what it creates
before it exists, and loading it twice is a pure replay.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid5

from jsd_core.application.commands import Command

DEMO_NAMESPACE = UUID("6f0b7c0e-4a53-5d21-9c2e-1f7a2d5e8b40")


def demo_id(story: str, kind: str, name: str) -> UUID:
    """The fixed id of something a story creates, e.g. `demo_id("jos", "case", "station")`."""
    return uuid5(DEMO_NAMESPACE, f"{story}/{kind}/{name}")


@dataclass(frozen=True)
class Step:
    """One command of a story, issued at `at` by the story's facilitator."""

    at: datetime
    command: Command


@dataclass(frozen=True)
class Story:
    """A dialogue's whole story: who tells it, its commands, and the ids of what it creates
    (cases and actions by the names the story module gives them)."""

    key: str
    organization: str
    facilitator: str
    dialogue_id: UUID
    steps: tuple[Step, ...]
    cases: Mapping[str, UUID]
    actions: Mapping[str, UUID]
