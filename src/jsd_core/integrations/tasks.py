"""Background tasks that must not die unnoticed."""

from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)


def report_crash(task: asyncio.Task[None]) -> None:
    """A done-callback: log, with its traceback, why a background task ended early."""
    if not task.cancelled() and task.exception() is not None:
        log.error("%s stopped: it failed", task.get_name(), exc_info=task.exception())
