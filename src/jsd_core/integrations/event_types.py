"""The event type names integrations filter by: exactly those of domain.md."""

from __future__ import annotations

from collections.abc import Iterable

from jsd_core.codec import EVENT_TYPES

KNOWN = frozenset(name for names in EVENT_TYPES.values() for name in names)


def parse_event_types(names: Iterable[str]) -> tuple[str, ...]:
    """The distinct names asked for, in the order given; ValueError for an unknown one.

    An empty result means every type.
    """
    chosen: list[str] = []
    for raw in names:
        name = raw.strip()
        if not name or name in chosen:
            continue
        if name not in KNOWN:
            hint = " (without the 'jsd.' of CloudEvent types)" if name.startswith("jsd.") else ""
            raise ValueError(
                f"unknown event type '{name[:100]}'{hint}; known types: {', '.join(sorted(KNOWN))}"
            )
        chosen.append(name)
    return tuple(chosen)
