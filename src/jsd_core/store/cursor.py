"""Opaque cursors over the global order.

The global order is (writing transaction id, position): readers only read below
the oldest transaction still open, so an event that commits late is never
skipped. A cursor packs both numbers into a fixed-width string (16 hex digits
each; the store's statements write the same form, see sql.py); cursors compare
as strings in the same order as the events they point at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jsd_core.store.errors import InvalidCursorError

_PATTERN = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True, order=True)
class LogPosition:
    transaction_id: int
    position: int

    def cursor(self) -> str:
        return f"{self.transaction_id:016x}{self.position:016x}"


START = LogPosition(0, 0)


def parse_cursor(cursor: str | None) -> LogPosition:
    """The position a cursor points at; the start of the log for None or ''."""
    if not cursor:
        return START
    if not _PATTERN.match(cursor):
        raise InvalidCursorError(f"'{cursor[:40]}' is not a cursor this service handed out")
    return LogPosition(int(cursor[:16], 16), int(cursor[16:], 16))
