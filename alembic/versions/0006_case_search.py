"""Cases read model: search words in a narrow table of their own, and indexes for the
filters a partner runs (overdue; status and category), in every generation present.

The words of a case's title and description move from a generated column of
`cases` (recomputed, with its GIN index, on every change of the case) to
`case_search`, written once when the case is raised; its GIN index has the
organisation as a key too. See jsd_core.projections.tables.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_WORDS = "to_tsvector('simple'::regconfig, title || ' ' || description)"
_GENERATIONS = sa.text(
    "SELECT nspname FROM pg_namespace WHERE nspname ~ '^rm_cases_[0-9]+$' ORDER BY nspname"
)


def _generations() -> list[str]:
    return [row.nspname for row in op.get_bind().execute(_GENERATIONS)]


def upgrade() -> None:
    for schema in _generations():
        op.create_table(
            "case_search",
            sa.Column("case_id", postgresql.UUID(as_uuid=True), primary_key=True),
            sa.Column("organization", sa.Text, nullable=False),
            sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("words", postgresql.TSVECTOR, nullable=False),
            schema=schema,
        )
        # Data, not DDL: the words of the cases there are, in the order a rebuild writes
        # them. `schema` is one of ours: it matched ^rm_cases_[0-9]+$.
        words = (
            f"INSERT INTO {schema}.case_search (case_id, organization, raised_at, words) "  # noqa: S608
            f"SELECT case_id, organization, raised_at, {SEARCH_WORDS} FROM {schema}.cases "
            "ORDER BY organization, raised_at"
        )
        op.execute(words)
        op.create_index(
            "case_search_words",
            "case_search",
            ["words", sa.text("(ARRAY[organization])")],
            schema=schema,
            postgresql_using="gin",
        )
        op.drop_index("cases_search", table_name="cases", schema=schema)
        op.drop_column("cases", "search", schema=schema)
        op.create_index(
            "cases_by_organization_due_date",
            "cases",
            ["organization", "next_due_on"],
            schema=schema,
            postgresql_include=["raised_at", "case_id"],
        )
        op.create_index(
            "cases_by_organization_status",
            "cases",
            ["organization", "status", "category", "raised_at", "case_id"],
            schema=schema,
        )
        op.execute(f"ANALYZE {schema}.cases")
        op.execute(f"ANALYZE {schema}.case_search")


def downgrade() -> None:
    for schema in _generations():
        op.drop_index("cases_by_organization_status", table_name="cases", schema=schema)
        op.drop_index("cases_by_organization_due_date", table_name="cases", schema=schema)
        op.add_column(
            "cases",
            sa.Column("search", postgresql.TSVECTOR, sa.Computed(SEARCH_WORDS, persisted=True)),
            schema=schema,
        )
        op.create_index("cases_search", "cases", ["search"], schema=schema, postgresql_using="gin")
        op.drop_table("case_search", schema=schema)
