"""The events of one organisation in global order: what the feed, SSE, subscriptions
and webhooks of a partner read.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "events_organization_order",
        "events",
        [sa.text("(metadata->>'organization')"), "transaction_id", "position"],
    )


def downgrade() -> None:
    op.drop_index("events_organization_order", table_name="events")
