"""The event store: events, commands, and the triggers that keep events immutable.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


class XID8(sa.types.UserDefinedType[int]):
    """PostgreSQL's 64-bit transaction id, which orders the global log."""

    cache_ok = True

    def get_col_spec(self) -> str:
        return "xid8"


IMMUTABILITY = (
    """
CREATE FUNCTION jsd_refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are immutable: % on events is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$""",
    """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION jsd_refuse_event_change()""",
    """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION jsd_refuse_event_change()""",
    """CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION jsd_refuse_event_change()""",
)

# Each new event must link to the stored hash of its stream's previous event,
# so no writer (whatever its code) can append an event that breaks the chain.
CHAIN = (
    """
CREATE FUNCTION jsd_check_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous events%ROWTYPE;
BEGIN
  IF NEW.version = 1 THEN
    IF NEW.prev_hash IS NOT NULL THEN
      RAISE EXCEPTION 'the first event of stream % must have no prev_hash', NEW.stream_id
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  SELECT * INTO previous FROM events
   WHERE stream_id = NEW.stream_id AND version = NEW.version - 1;
  IF NOT FOUND OR previous.hash IS DISTINCT FROM NEW.prev_hash
     OR previous.stream_type <> NEW.stream_type OR previous.recorded_at > NEW.recorded_at THEN
    RAISE EXCEPTION 'event % of stream % does not follow version %',
      NEW.version, NEW.stream_id, NEW.version - 1
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$""",
    """CREATE TRIGGER events_chain BEFORE INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION jsd_check_chain()""",
)


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("position", sa.BigInteger, sa.Identity(always=True), nullable=False),
        sa.Column(
            "transaction_id",
            XID8(),
            server_default=sa.text("pg_current_xact_id()"),
            nullable=False,
        ),
        sa.Column("event_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("stream_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("stream_type", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("data", postgresql.JSONB, nullable=False),
        sa.Column("metadata", postgresql.JSONB, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("prev_hash", sa.Text, nullable=True),
        sa.Column("hash", sa.Text, nullable=False),
        sa.UniqueConstraint("stream_id", "version", name="events_stream_version_key"),
        sa.CheckConstraint("version >= 1", name="events_version_positive"),
    )
    op.create_index("events_global_order", "events", ["transaction_id", "position"], unique=True)
    op.create_table(
        "commands",
        sa.Column("command_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("fingerprint", sa.Text, nullable=False),
        sa.Column("stream_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("first_version", sa.Integer, nullable=False),
        sa.Column("last_version", sa.Integer, nullable=False),
    )
    for statement in (*IMMUTABILITY, *CHAIN):
        op.execute(statement)


def downgrade() -> None:
    # Dropping the store would destroy the history it exists to keep.
    op.execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM events) THEN "
        "RAISE EXCEPTION 'the event store holds events: it is never downgraded'; "
        "END IF; END $$"
    )
    op.drop_table("commands")
    op.execute("ALTER TABLE events DISABLE TRIGGER USER")
    op.drop_table("events")
    op.execute("DROP FUNCTION jsd_check_chain()")
    op.execute("DROP FUNCTION jsd_refuse_event_change()")
