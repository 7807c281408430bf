"""The webhook registry: register, list, deactivate, and read delivery attempts.

A webhook belongs to the organisation of the key that registered it (an
admin's too) and receives that organisation's events from the moment it was
registered (an event committed at that very moment may come too). Its
`whsec_` secret is returned once; the service keeps it in the database as
given, because it must sign every delivery.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

import asyncpg

from jsd_core.access import Principal, check_manage_webhooks
from jsd_core.application.results import NotFoundError
from jsd_core.integrations.event_types import parse_event_types
from jsd_core.integrations.signing import new_secret
from jsd_core.integrations.urls import check_url
from jsd_core.store import LogPosition

MAX_ACTIVE_PER_ORGANIZATION = 100
MAX_DELIVERIES_PAGE = 1000


@dataclass(frozen=True)
class Webhook:
    webhook_id: UUID
    organization: str
    url: str
    types: tuple[str, ...]
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class WebhookDelivery:
    """One attempt to deliver one event; `error` says why it failed (or what followed)."""

    webhook_id: UUID
    event_id: UUID
    attempt: int
    status_code: int | None
    succeeded: bool
    attempted_at: datetime
    error: str | None


def _webhook(row: asyncpg.Record) -> Webhook:
    return Webhook(
        row["webhook_id"],
        row["organization"],
        row["url"],
        tuple(row["types"]),
        row["active"],
        row["created_at"],
    )


class Webhooks:
    """Webhooks as the integration and admin roles manage them, one organisation each."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        *,
        allow_private: bool,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.pool = pool
        self.allow_private = allow_private
        # Tells this process's delivery worker to look at the webhooks now.
        self.on_change = on_change

    async def register(
        self, principal: Principal, url: str, types: Sequence[str] = ()
    ) -> tuple[Webhook, str]:
        """A new webhook for the caller's organisation and its secret, shown only now.

        Raises ForbiddenError for other roles, ValueError for a refused URL or
        an unknown event type (nothing is stored then).
        """
        check_manage_webhooks(principal)
        chosen = parse_event_types(types)
        await check_url(url, allow_private=self.allow_private)
        secret = new_secret()
        async with self.pool.acquire() as connection, connection.transaction():
            # Start below the oldest transaction still open: an event that commits
            # after this registration is never skipped, whatever its place in the log.
            oldest_open = await connection.fetchval(
                "SELECT pg_snapshot_xmin(pg_current_snapshot())::text"
            )
            start = LogPosition(int(oldest_open), 0).cursor()
            # Serialises registrations of one organisation so the limit holds.
            await connection.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                f"jsd.webhooks.{principal.organization}",
            )
            active = await connection.fetchval(
                "SELECT count(*) FROM webhooks WHERE organization = $1 AND active",
                principal.organization,
            )
            if active >= MAX_ACTIVE_PER_ORGANIZATION:
                raise ValueError(
                    f"an organisation may have at most {MAX_ACTIVE_PER_ORGANIZATION} active "
                    "webhooks; deactivate one first"
                )
            row = await connection.fetchrow(
                "INSERT INTO webhooks (webhook_id, organization, url, types, secret, created_by, "
                "position) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                "RETURNING webhook_id, organization, url, types, active, created_at",
                uuid4(),
                principal.organization,
                url,
                list(chosen),
                secret,
                principal.actor,
                start,
            )
        assert row is not None
        self._changed()
        return _webhook(row), secret

    async def deactivate(self, principal: Principal, webhook_id: UUID | str) -> Webhook:
        """Stop deliveries to a webhook for good (already inactive: returned as it is)."""
        webhook = await self._visible(principal, webhook_id)
        row = await self.pool.fetchrow(
            "UPDATE webhooks SET active = false, deactivated_at = now(), "
            "deactivated_reason = $2 WHERE webhook_id = $1 AND active "
            "RETURNING webhook_id, organization, url, types, active, created_at",
            webhook.webhook_id,
            f"deactivated by {principal.actor}",
        )
        self._changed()
        return _webhook(row) if row is not None else webhook

    async def list(self, principal: Principal) -> list[Webhook]:
        """The caller's organisation's webhooks (an admin's: every organisation's)."""
        check_manage_webhooks(principal)
        scope = principal.scope
        organizations = None if scope.everything else sorted(scope.organizations or ())
        rows = await self.pool.fetch(
            "SELECT webhook_id, organization, url, types, active, created_at FROM webhooks "
            "WHERE ($1::text[] IS NULL OR organization = ANY($1::text[])) "
            "ORDER BY created_at, webhook_id",
            organizations,
        )
        return [_webhook(row) for row in rows]

    async def deliveries(
        self, principal: Principal, webhook_id: UUID | str, first: int = 50
    ) -> builtins.list[WebhookDelivery]:
        """The webhook's latest `first` (1 to 1000) delivery attempts, newest first."""
        if not 1 <= first <= MAX_DELIVERIES_PAGE:
            raise ValueError(f"first must be between 1 and {MAX_DELIVERIES_PAGE}, got {first}")
        webhook = await self._visible(principal, webhook_id)
        rows = await self.pool.fetch(
            "SELECT webhook_id, event_id, attempt, status_code, succeeded, attempted_at, error "
            "FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY delivery_id DESC LIMIT $2",
            webhook.webhook_id,
            first,
        )
        return [WebhookDelivery(**dict(row)) for row in rows]

    async def _visible(self, principal: Principal, webhook_id: UUID | str) -> Webhook:
        """The webhook if the caller may manage it; another organisation's is not found."""
        check_manage_webhooks(principal)
        missing = NotFoundError(f"there is no webhook {str(webhook_id)[:40]}", ("webhookId",))
        try:
            parsed = webhook_id if isinstance(webhook_id, UUID) else UUID(webhook_id)
        except ValueError:
            raise missing from None
        row = await self.pool.fetchrow(
            "SELECT webhook_id, organization, url, types, active, created_at FROM webhooks "
            "WHERE webhook_id = $1",
            parsed,
        )
        if row is None or not principal.scope.allows(row["organization"]):
            raise missing
        return _webhook(row)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()
