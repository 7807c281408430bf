"""How every mutation runs a command: build it, hand it to the Ledger, count the outcome,
wait until the read side shows it (read-your-writes)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from jsd_api.graphql.context import Info
from jsd_api.graphql.errors import EXPECTED_ERRORS, UserError, user_error
from jsd_core.access import Principal
from jsd_core.application.commands import Command
from jsd_core.application.results import CommandResult

log = logging.getLogger(__name__)
C = TypeVar("C", bound=Command)


async def run_command(
    info: Info,
    build: Callable[[], C],
    handle: Callable[[Principal, C], Awaitable[CommandResult]],
) -> CommandResult | UserError:
    """The command's result, or the UserError of an expected failure (nothing was stored)."""
    context = info.context
    name = "?"
    try:
        command = build()
        name = type(command).__name__
        result = await handle(context.principal, command)
    except EXPECTED_ERRORS as error:
        mapped = user_error(error)
        context.metrics.commands.labels(name, mapped.code.value).inc()
        return mapped
    context.metrics.commands.labels(name, "replayed" if result.replayed else "ok").inc()
    settings = context.services.settings
    if not await context.services.projections.wait_for(
        result.position, settings.read_your_writes_timeout
    ):
        log.warning(
            "the read models did not reach %s within %ss; %s's payload may be stale",
            result.position,
            settings.read_your_writes_timeout,
            name,
        )
    return result
