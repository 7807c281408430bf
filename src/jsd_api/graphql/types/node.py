"""Relay's `id` of our nodes, answered with the node's other plain fields.

Relay's own `id` field resolves every node's global id through a resolver:
for a page of cases, one resolver call per case, and no case of the page
answered in one pass. Our nodes know their global id (`global_id`, their
type's name and their aggregate's UUID), so their `id` is a field the
executor answers from it (`at_hand`), its resolver answering the same for
any other path.
"""

from __future__ import annotations

from typing import Any, Protocol

import strawberry
from strawberry import relay

from jsd_api.graphql.execution import at_hand

# Relay's own description of the field, so the schema reads as before.
DESCRIPTION = "The Globally Unique ID of this object"


class HasGlobalId(Protocol):
    @property
    def global_id(self) -> relay.GlobalID: ...


def _global_id(root: HasGlobalId) -> relay.GlobalID:
    return root.global_id


def node_id() -> Any:
    """The `id` field of a node class with a `global_id`; assign it to `_id`, the name
    of the field it replaces."""
    return strawberry.field(
        resolver=_global_id, name="id", description=DESCRIPTION, metadata=at_hand("global_id")
    )
