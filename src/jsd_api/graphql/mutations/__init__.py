"""The Mutation root: one mutation per command, and the webhook registry."""

from __future__ import annotations

import strawberry

from jsd_api.graphql.mutations.action import ActionMutations
from jsd_api.graphql.mutations.case import CaseMutations
from jsd_api.graphql.mutations.dialogue import DialogueMutations
from jsd_api.graphql.mutations.webhooks import WebhookMutations


@strawberry.type(
    description="Commands: each returns its payload with `userErrors` for expected failures."
)
class Mutation(DialogueMutations, CaseMutations, ActionMutations, WebhookMutations):
    pass
