"""Integration surfaces over the global log: CloudEvents, webhooks and the NATS relay.

The feed and server-sent events (jsd_api.feed) and GraphQL subscriptions read
the log directly; webhooks and the relay push it out, each from a checkpoint
kept in the database so a restart loses and repeats nothing.
"""
