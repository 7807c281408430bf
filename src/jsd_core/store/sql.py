"""The event store's SQL statements (the tables themselves come from Alembic)."""

from __future__ import annotations

STREAM_VERSION_KEY = "events_stream_version_key"

# An event's cursor (see cursor.py), made where the row is read: both numbers
# as 8 big-endian bytes, in hex. PostgreSQL does it for a fraction of what the
# same formatting costs Python per row.
_CURSOR = "encode(xid8send({table}transaction_id) || int8send({table}position), 'hex')"

# RecordedEvent's fields, in its order, so rows become events without lookups.
_COLUMNS = (
    "event_id, stream_id, stream_type, version, type, data::text AS data, "
    "metadata::text AS metadata, recorded_at, prev_hash, hash, "
    f"{_CURSOR.format(table='events.')} AS position"
)

# An event's time as hashing.format_timestamp writes it (ISO 8601, UTC,
# microseconds, `+00:00`), for a fraction of what datetime.isoformat costs.
_TIME = """to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')"""

# EventText's fields, in its order: the data as stored, of the metadata only what
# integrations show.
_TEXT_COLUMNS = (
    "event_id, stream_id, stream_type, version, type, data::text AS data, "
    "metadata->>'actor' AS actor, metadata->>'organization' AS organization, "
    f"{_TIME} AS time, hash, {_CURSOR.format(table='events.')} AS position"
)

# One statement, so one round trip and one implicit transaction: the events
# and the command record commit together or not at all.
APPEND = """
WITH appended AS (
  INSERT INTO events (event_id, stream_id, stream_type, version, type, data, metadata,
                      recorded_at, prev_hash, hash)
  SELECT e.event_id, $8, $9, e.version, e.type, e.data::jsonb, e.metadata::jsonb,
         $10, e.prev_hash, e.hash
    FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[],
                $7::text[]) AS e(event_id, version, type, data, metadata, prev_hash, hash)
   ORDER BY e.version
  RETURNING version, position, transaction_id
), command AS (
  INSERT INTO commands (command_id, fingerprint, stream_id, first_version, last_version)
  SELECT $11, $12, $8, min(version), max(version) FROM appended
)
SELECT version, position, transaction_id::text AS transaction_id
  FROM appended ORDER BY version
"""

# The same for the common case of one event: a plain VALUES insert plans and
# runs markedly faster than unnest over one-element arrays.
APPEND_ONE = """
WITH appended AS (
  INSERT INTO events (event_id, stream_id, stream_type, version, type, data, metadata,
                      recorded_at, prev_hash, hash)
  VALUES ($1, $8, $9, $2, $3, $4::jsonb, $5::jsonb, $10, $6, $7)
  RETURNING version, position, transaction_id
), command AS (
  INSERT INTO commands (command_id, fingerprint, stream_id, first_version, last_version)
  SELECT $11, $12, $8, version, version FROM appended
)
SELECT version, position, transaction_id::text AS transaction_id FROM appended
"""

FIND_COMMAND = """
SELECT fingerprint, stream_id, first_version, last_version FROM commands WHERE command_id = $1
"""

STREAM_VERSION = "SELECT max(version) FROM events WHERE stream_id = $1"

EVENT_AT_VERSION = """
SELECT hash, recorded_at, stream_type FROM events WHERE stream_id = $1 AND version = $2
"""

LOG_HEAD = f"""
SELECT {_CURSOR.format(table="")} FROM events
 WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
 ORDER BY transaction_id DESC, position DESC LIMIT 1
"""


def read_stream(*, to_version: bool, until: bool) -> str:
    """A stream's events in version order, with only the bounds asked for.

    Reused, a statement gets PostgreSQL's generic plan; without bounds that is
    an index scan handing rows over in order as it finds them, where bounds on
    parameters that may be NULL would have it sort the whole stream first.
    """
    filters = ["stream_id = $1"]
    if to_version:
        filters.append(f"version <= ${len(filters) + 1}::int")
    if until:
        filters.append(f"recorded_at <= ${len(filters) + 1}::timestamptz")
    return f"SELECT {_COLUMNS} FROM events WHERE {' AND '.join(filters)} ORDER BY version"


READ_STREAM_RANGE = f"""
SELECT {_COLUMNS} FROM events
 WHERE stream_id = $1 AND version BETWEEN $2 AND $3
 ORDER BY version
"""

# The newest readable event's cursor and whether newer committed ones wait
# behind an open transaction, in the same statement (and snapshot) as the page.
_TAIL = f"""
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       {_CURSOR.format(table="t.")}, true,
       COALESCE((SELECT max(transaction_id) FROM events) >= horizon.xmin, false)
  FROM horizon LEFT JOIN LATERAL (
    SELECT transaction_id, position FROM events
     WHERE transaction_id < horizon.xmin
     ORDER BY transaction_id DESC, position DESC LIMIT 1
  ) t ON true
"""


def read_log(*, types: bool, organizations: int | None, stream: bool, texts: bool = False) -> str:
    """The page query for the global log with the filters asked for.

    `organizations` is how many organisations the reader may see (None: all).
    One is the common case (every role but auditor and admin): an equality lets
    the events_organization_order index hand rows over already in order.
    `texts`: EventText's columns rather than RecordedEvent's.
    """
    filters = []
    parameter = 4
    if types:
        filters.append(f"AND type = ANY(${parameter}::text[])")
        parameter += 1
    if organizations == 1:
        filters.append(f"AND metadata->>'organization' = ${parameter}::text")
        parameter += 1
    elif organizations is not None:
        filters.append(f"AND metadata->>'organization' = ANY(${parameter}::text[])")
        parameter += 1
    if stream:
        filters.append(f"AND stream_id = ${parameter}::uuid")
    where = "\n      ".join(filters)
    # Qualified: the select list's `position` is the cursor text, not the column.
    order = "events.version" if stream else "events.transaction_id, events.position"
    return f"""
WITH horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
(SELECT {_TEXT_COLUMNS if texts else _COLUMNS}, false AS is_tail, false AS behind
   FROM events
  WHERE (events.transaction_id, events.position) > ($1::text::xid8, $2::bigint)
    AND events.transaction_id < (SELECT xmin FROM horizon)
      {where}
  ORDER BY {order} LIMIT $3)
UNION ALL
({_TAIL})
"""
