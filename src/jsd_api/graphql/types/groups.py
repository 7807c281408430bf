"""Stakeholder groups, as every field that names one by its key resolves it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from uuid import UUID

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.loaders import loading
from jsd_api.graphql.types.vocabulary import StakeholderKind
from jsd_core.projections.read import GroupRow

Groups = Mapping[str, "StakeholderGroup"]


@strawberry.type(
    description="A party to the dialogue, e.g. ('police', POLICE, 'Commissariat de Saaba')."
)
class StakeholderGroup:
    key: str = strawberry.field(description="Unique in the dialogue, e.g. 'police'.")
    kind: StakeholderKind
    name: str


def preload_groups(info: Info, dialogue_id: UUID) -> None:
    """Ask for a dialogue's groups now, so the read joins the batch of whatever the
    caller awaits next instead of costing a round trip of its own afterwards."""
    info.context.loaders.groups.load(dialogue_id)


def known_groups(rows: Iterable[GroupRow]) -> dict[str, StakeholderGroup]:
    return {row.key: StakeholderGroup(key=row.key, kind=row.kind, name=row.name) for row in rows}


def groups_at_hand(info: Info, dialogue_id: UUID, keys: Iterable[str]) -> Groups | None:
    """The groups of the dialogue when this operation has read them already and they hold
    every key; None otherwise (see `groups_of`). Asking also starts the read, so it joins
    the batch of whatever the caller awaits next."""
    read = loading(info.context.loaders.groups, dialogue_id)
    if not read.done():
        return None
    found = known_groups(read.result())
    return found if all(key in found for key in keys) else None


async def groups_of(info: Info, dialogue_id: UUID, keys: Iterable[str]) -> Groups:
    """The groups of a dialogue the caller can see, by key; it holds at least `keys`.

    One batched read serves every case of a page; objects that name groups take
    them from here as plain values, with no lookup per field.
    """
    loaders = info.context.loaders
    found = known_groups(await loaders.groups.load(dialogue_id))
    missing = {key for key in keys if key not in found}
    if missing:
        # A subscription pushes an event as soon as it is committed, maybe before the
        # read model caught up; the dialogue's own events know every group it has.
        for event in await loaders.streams.load(dialogue_id):
            key = event.data.get("key")
            if event.type == "StakeholderGroupJoined" and key in missing:
                kind = StakeholderKind(event.data["kind"])
                found[key] = StakeholderGroup(key=key, kind=kind, name=str(event.data["name"]))
        unknown = sorted(missing - found.keys())
        if unknown:
            raise LookupError(f"dialogue {dialogue_id} has no stakeholder group {unknown[0]!r}")
    return found


async def stakeholder_group(info: Info, dialogue_id: UUID, key: str) -> StakeholderGroup:
    """The group `key` of a dialogue the caller can see."""
    return (await groups_of(info, dialogue_id, (key,)))[key]


async def stakeholder_groups(
    info: Info, dialogue_id: UUID, keys: Sequence[str]
) -> list[StakeholderGroup]:
    groups = await groups_of(info, dialogue_id, keys)
    return [groups[key] for key in keys]
