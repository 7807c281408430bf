"""The application layer: the `Ledger`'s command handlers between callers and the event store.

Each handler loads the aggregate, checks who may act on it, lets the domain
decide, and appends the events with the expected version, the command's
idempotency fingerprint and its metadata (see `jsd_core.application.ledger`).
"""
