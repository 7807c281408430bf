"""Loading the four demo stories through the Ledger, as their facilitators issued them.

Every command goes through the same handler as a GraphQL mutation, issued by
a facilitator of the story's organisation at the moment the story says (a
story clock gives the Ledger that moment, so `recorded_at`, and with it
raisedAt, resolvedAt and time travel, follow the stories' real dates). The
stories' commands are merged by moment, so the log reads in date order.
Command ids are fixed (uuid5), so a second load replays every command and
stores nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from jsd_core.access import Principal, Role
from jsd_core.access.keys import ApiKeys
from jsd_core.application.ledger import Ledger
from jsd_core.demo import dakar, jos, nepal, saaba
from jsd_core.demo.story import Story, demo_id
from jsd_core.store import EventStore

STORIES: tuple[Callable[[], Story], ...] = (nepal.story, saaba.story, dakar.story, jos.story)
ADMIN_ORGANIZATION = "jsd-demo"

Progress = Callable[[Story, int], None]


@dataclass(frozen=True)
class DemoReport:
    """What a load did: `added` events stored (0 when the demo was already loaded), and the
    admin key created on the way (None when an admin key already existed or none was asked)."""

    stories: tuple[Story, ...]
    commands: int
    added: int
    admin_key: str | None = None


class StoryClock:
    """The Ledger's clock while a story loads: the moment of the step being issued."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def demo_stories() -> tuple[Story, ...]:
    """The four stories: Nepal, Saaba, Dakar and Jos."""
    return tuple(write() for write in STORIES)


def facilitator(story: Story) -> Principal:
    """The facilitator of the story's organisation who issues its commands."""
    key_id = demo_id(story.key, "facilitator", story.facilitator)
    return Principal(key_id, story.facilitator, story.organization, Role.FACILITATOR)


async def load_demo(
    store: EventStore, *, keys: ApiKeys | None = None, progress: Progress | None = None
) -> DemoReport:
    """Issue every command of the stories (replayed if already applied); with `keys`, also
    create an admin key when there is none yet. `progress` hears of each step done."""
    stories = demo_stories()
    clock = StoryClock()
    ledger = Ledger(store, clock=clock)
    steps = sorted(
        ((step, story) for story in stories for step in story.steps), key=lambda s: s[0].at
    )
    done: Counter[str] = Counter()
    added = 0
    for step, story in steps:
        clock.now = step.at
        result = await ledger.handle(facilitator(story), step.command)
        # Every command of the domain records exactly one event.
        added += 0 if result.replayed else 1
        done[story.key] += 1
        if progress is not None:
            progress(story, done[story.key])
    admin_key = await _first_admin_key(keys) if keys is not None else None
    return DemoReport(stories, len(steps), added, admin_key)


async def _first_admin_key(keys: ApiKeys) -> str | None:
    """A new admin key's token when no admin key exists yet; None otherwise."""
    existing = await keys.list()
    if any(key.role is Role.ADMIN and key.revoked_at is None for key in existing):
        return None
    _, token = await keys.create(ADMIN_ORGANIZATION, Role.ADMIN.value, "demo admin")
    return token
