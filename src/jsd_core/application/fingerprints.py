"""What identifies a command for idempotency: its kind and every field but its command id.

A retry carrying the same `command_id` must be the very same command; the
fingerprint is what the event store keeps beside the command id to tell.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date
from enum import Enum
from uuid import UUID

from jsd_core.application.commands import Command


def fingerprint(command: Command) -> str:
    """sha256 of the command's class name and fields (except `command_id`), as canonical JSON."""
    fields = {
        field.name: getattr(command, field.name)
        for field in dataclasses.fields(command)
        if field.name != "command_id"
    }
    body = {"command": type(command).__name__, "fields": fields}
    # ASCII escapes keep any text hashable, lone surrogates included: the domain
    # refuses those later, but the fingerprint is taken first.
    text = json.dumps(
        body, sort_keys=True, ensure_ascii=True, separators=(",", ":"), default=_plain
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _plain(value: object) -> object:
    """The JSON form of the values commands hold besides str, numbers, lists and dicts."""
    if isinstance(value, UUID | date):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"a command field holds a {type(value).__name__}, which has no JSON form")
