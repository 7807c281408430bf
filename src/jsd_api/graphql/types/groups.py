"""Stakeholder groups, as every field that names one by its key resolves it."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from uuid import UUID

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.types.vocabulary import StakeholderKind


@strawberry.type(
    description="A party to the dialogue, e.g. ('police', POLICE, 'Commissariat de Saaba')."
)
class StakeholderGroup:
    key: str = strawberry.field(description="Unique in the dialogue, e.g. 'police'.")
    kind: StakeholderKind
    name: str


async def stakeholder_group(info: Info, dialogue_id: UUID, key: str) -> StakeholderGroup:
    """The group `key` of a dialogue the caller can see."""
    loaders = info.context.loaders
    for row in await loaders.groups.load(dialogue_id):
        if row.key == key:
            return StakeholderGroup(key=row.key, kind=row.kind, name=row.name)
    # A subscription pushes an event as soon as it is committed, maybe before the
    # read model caught up; the dialogue's own events know every group it has.
    for event in await loaders.streams.load(dialogue_id):
        if event.type == "StakeholderGroupJoined" and event.data.get("key") == key:
            kind = StakeholderKind(event.data["kind"])
            return StakeholderGroup(key=key, kind=kind, name=str(event.data["name"]))
    raise LookupError(f"dialogue {dialogue_id} has no stakeholder group {key!r}")


async def stakeholder_groups(
    info: Info, dialogue_id: UUID, keys: Sequence[str]
) -> list[StakeholderGroup]:
    return list(await asyncio.gather(*(stakeholder_group(info, dialogue_id, k) for k in keys)))
