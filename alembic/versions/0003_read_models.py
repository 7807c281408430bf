"""Read models: generation 1 of the dialogues and cases projections, and projection_state.

Each projection's tables live in a schema per generation (rm_<name>_<n>); a
rebuild creates the next one from jsd_core.projections.tables and switches
`projection_state.generation` to it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DIALOGUES = "rm_dialogues_1"
CASES = "rm_cases_1"
START = "0" * 32  # the cursor before the first event of the log
UUID = postgresql.UUID(as_uuid=True)
TIME = sa.DateTime(timezone=True)
SEARCH_TEXT = "to_tsvector('simple'::regconfig, title || ' ' || description)"


def _dialogues() -> None:
    op.execute(f"CREATE SCHEMA {DIALOGUES}")
    op.create_table(
        "dialogues",
        sa.Column("dialogue_id", UUID, primary_key=True),
        sa.Column("organization", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("region", sa.Text),
        sa.Column("locality", sa.Text, nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("convened_on", sa.Date, nullable=False),
        sa.Column("concluded_on", sa.Date),
        sa.Column("summary", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        schema=DIALOGUES,
    )
    for name, columns in (
        ("dialogues_by_organization", ["organization", "convened_on", "dialogue_id"]),
        ("dialogues_by_country", ["country", "convened_on", "dialogue_id"]),
        ("dialogues_by_convening", ["convened_on", "dialogue_id"]),
    ):
        op.create_index(name, "dialogues", columns, schema=DIALOGUES)
    op.create_table(
        "stakeholder_groups",
        sa.Column("dialogue_id", UUID, primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("organization", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        schema=DIALOGUES,
    )
    op.create_table(
        "dialogue_sessions",
        sa.Column("dialogue_id", UUID, primary_key=True),
        sa.Column("session_id", UUID, primary_key=True),
        sa.Column("organization", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("attendance", postgresql.JSONB, nullable=False),
        sa.Column("summary", sa.Text),
        sa.Column("version", sa.Integer, nullable=False),
        schema=DIALOGUES,
    )
    op.create_table(
        "trust_surveys",
        sa.Column("dialogue_id", UUID, primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("organization", sa.Text, nullable=False),
        sa.Column("wave", sa.Integer, nullable=False),
        sa.Column("surveyed_on", sa.Date, nullable=False),
        sa.Column("group_key", sa.Text, nullable=False),
        sa.Column("respondents", sa.Integer, nullable=False),
        sa.Column("trust_score", sa.Float, nullable=False),
        schema=DIALOGUES,
    )


def _cases() -> None:
    op.execute(f"CREATE SCHEMA {CASES}")
    op.create_table(
        "cases",
        sa.Column("case_id", UUID, primary_key=True),
        sa.Column("dialogue_id", UUID, nullable=False),
        sa.Column("organization", sa.Text, nullable=False),
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("severity", sa.Integer, nullable=False),
        sa.Column("location", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("raised_by", sa.Text, nullable=False),
        sa.Column("agreed_by", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("priority", sa.Integer),
        sa.Column("statement", sa.Text),
        sa.Column("close_reason", sa.Text),
        sa.Column("duplicate_of", UUID),
        sa.Column("outcome", sa.Text),
        sa.Column("raised_at", TIME, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.Column("resolved_at", TIME),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("search", postgresql.TSVECTOR, sa.Computed(SEARCH_TEXT, persisted=True)),
        sa.Column("assignees", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("next_due_on", sa.Date),
        schema=CASES,
    )
    for name, columns in (
        ("cases_by_raising", ["raised_at", "case_id"]),
        ("cases_by_dialogue", ["dialogue_id", "raised_at", "case_id"]),
        ("cases_by_country", ["country", "raised_at", "case_id"]),
        ("cases_by_status", ["status", "raised_at", "case_id"]),
        ("cases_by_category", ["category", "raised_at", "case_id"]),
    ):
        op.create_index(name, "cases", columns, schema=CASES)
    for name, column in (("cases_search", "search"), ("cases_by_assignee", "assignees")):
        op.create_index(name, "cases", [column], schema=CASES, postgresql_using="gin")
    op.create_index(
        "cases_by_organization",
        "cases",
        ["organization", "raised_at", "case_id"],
        schema=CASES,
        postgresql_include=["dialogue_id", "country", "status", "category", "next_due_on"],
    )
    op.create_index(
        "cases_by_next_due_date", "cases", ["next_due_on", "raised_at", "case_id"], schema=CASES
    )
    op.create_table(
        "actions",
        sa.Column("action_id", UUID, primary_key=True),
        sa.Column("case_id", UUID, nullable=False),
        sa.Column("dialogue_id", UUID, nullable=False),
        sa.Column("organization", sa.Text, nullable=False),
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("assignee", sa.Text, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("completed_on", sa.Date),
        sa.Column("verified_by", sa.Text),
        sa.Column("version", sa.Integer, nullable=False),
        schema=CASES,
    )
    op.create_index("actions_by_case", "actions", ["case_id", "version"], schema=CASES)
    op.create_index("actions_by_dialogue", "actions", ["dialogue_id"], schema=CASES)
    op.create_table(
        "case_dialogues",
        sa.Column("dialogue_id", UUID, primary_key=True),
        sa.Column("organization", sa.Text, nullable=False),
        sa.Column("country", sa.Text, nullable=False),
        schema=CASES,
    )


def upgrade() -> None:
    state = op.create_table(
        "projection_state",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("position", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("updated_at", TIME, nullable=False, server_default=sa.func.now()),
    )
    _dialogues()
    _cases()
    op.bulk_insert(
        state,
        [
            {"name": name, "generation": 1, "position": START, "state": "waiting for a runner"}
            for name in ("dialogues", "cases")
        ],
    )


def downgrade() -> None:
    # Read models hold nothing the log does not: every generation can go.
    op.execute(
        "DO $$ DECLARE s text; BEGIN "
        "FOR s IN SELECT nspname FROM pg_namespace WHERE nspname ~ '^rm_(dialogues|cases)_[0-9]+$' "
        "LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END $$"
    )
    op.drop_table("projection_state")
