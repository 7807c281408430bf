"""Helpers for tests (and `make bench`) that run the service as it runs for real:
server processes, a webhook receiver, a server-sent events client, event writers."""
