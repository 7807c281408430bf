"""The read models' tables (SQLAlchemy Core), created by Alembic migrations."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
