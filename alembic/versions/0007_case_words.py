"""Cases read model: each word's count of cases per organisation, in every generation
present, so that a search for one word counts its matches without reading them.
See jsd_core.projections.tables.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GENERATIONS = sa.text(
    "SELECT nspname FROM pg_namespace WHERE nspname ~ '^rm_cases_[0-9]+$' ORDER BY nspname"
)


def _generations() -> list[str]:
    return [row.nspname for row in op.get_bind().execute(_GENERATIONS)]


def upgrade() -> None:
    for schema in _generations():
        op.create_table(
            "case_words",
            sa.Column("organization", sa.Text, primary_key=True),
            sa.Column("word", sa.Text, primary_key=True),
            sa.Column("cases", sa.Integer, nullable=False),
            schema=schema,
        )
        # Data, not DDL: the counts of the words the cases there have. `schema` is one
        # of ours: it matched ^rm_cases_[0-9]+$.
        counts = (
            f"INSERT INTO {schema}.case_words (organization, word, cases) "  # noqa: S608
            "SELECT organization, word, count(*) "
            f"FROM {schema}.case_search, unnest(tsvector_to_array(words)) AS word "
            "GROUP BY organization, word"
        )
        op.execute(counts)
        op.execute(f"ANALYZE {schema}.case_words")


def downgrade() -> None:
    for schema in _generations():
        op.drop_table("case_words", schema=schema)
