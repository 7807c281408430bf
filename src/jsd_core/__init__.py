"""The core of the Justice and Security Dialogue ledger: domain, event store, projections."""
