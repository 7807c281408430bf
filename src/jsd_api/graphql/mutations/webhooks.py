"""Registering and deactivating webhooks: the integration and admin roles."""

from __future__ import annotations

import strawberry

from jsd_api.graphql.context import Context, Info
from jsd_api.graphql.errors import EXPECTED_ERRORS, ErrorCode, UserError, user_error
from jsd_api.graphql.ids import parse_uuid
from jsd_api.graphql.mutations.payloads import WebhookPayload
from jsd_api.graphql.queries.integrations import check_types
from jsd_api.graphql.types.integrations import Webhook


@strawberry.input(description="Where to deliver the organisation's events, and which.")
class RegisterWebhookInput:
    url: str = strawberry.field(description="http(s) URL of the receiving endpoint.")
    types: list[str] | None = strawberry.field(
        default=None, description="Event types to deliver; empty or null = all."
    )


def _refused(context: Context, name: str, error: UserError) -> WebhookPayload:
    context.metrics.commands.labels(name, error.code.value).inc()
    return WebhookPayload(webhook=None, secret=None, user_errors=[error])


def _done(context: Context, name: str, webhook: Webhook, secret: str | None) -> WebhookPayload:
    context.metrics.commands.labels(name, "ok").inc()
    return WebhookPayload(webhook=webhook, secret=secret, user_errors=[])


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(
        description="Deliver the organisation's events to a URL, signed (Standard Webhooks); "
        "the secret is shown once."
    )
    async def register_webhook(self, info: Info, input: RegisterWebhookInput) -> WebhookPayload:
        context, name = info.context, "RegisterWebhook"
        try:
            types = tuple(check_types(input.types) or ())
            webhook, secret = await context.services.webhooks.register(
                context.principal, input.url, types
            )
        except EXPECTED_ERRORS as error:
            return _refused(context, name, user_error(error))
        except ValueError as error:  # the webhook service's word for a URL it will not call
            refusal = UserError(code=ErrorCode.VALIDATION, message=str(error), field=None)
            return _refused(context, name, refusal)
        return _done(context, name, Webhook.of(webhook), secret)

    @strawberry.mutation(description="Stop delivering to a webhook.")
    async def deactivate_webhook(self, info: Info, webhook_id: strawberry.ID) -> WebhookPayload:
        context, name = info.context, "DeactivateWebhook"
        try:
            webhook_uuid = parse_uuid(webhook_id, ("webhookId",))
            webhook = await context.services.webhooks.deactivate(context.principal, webhook_uuid)
        except EXPECTED_ERRORS as error:
            return _refused(context, name, user_error(error))
        return _done(context, name, Webhook.of(webhook), None)
