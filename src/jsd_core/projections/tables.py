"""The read models' tables (SQLAlchemy Core), created by Alembic migrations.

Each projection's tables are declared in a logical schema named after the
projection ("dialogues", "cases"). In the database they live in one schema per
generation (`rm_cases_1`, `rm_cases_2`, ...): a rebuild fills the next
generation while the active one keeps serving, then switches. Every statement
runs with a `schema_translate_map` from the logical name to the active one
(see `generations.py`). `projection_state` lives in the default schema.

organization (and, for cases and actions, dialogue_id and country) is copied
onto every row so that visibility and filters need no join.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData()

DIALOGUES = "dialogues"
CASES = "cases"

_UUID = postgresql.UUID(as_uuid=True)
_TIME = sa.DateTime(timezone=True)

projection_state = sa.Table(
    "projection_state",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("generation", sa.Integer, nullable=False),
    sa.Column("position", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("updated_at", _TIME, nullable=False, server_default=sa.func.now()),
)

# ---------------------------------------------------------------- dialogues

dialogues = sa.Table(
    "dialogues",
    metadata,
    sa.Column("dialogue_id", _UUID, primary_key=True),
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
    sa.Index("dialogues_by_organization", "organization", "convened_on", "dialogue_id"),
    sa.Index("dialogues_by_country", "country", "convened_on", "dialogue_id"),
    sa.Index("dialogues_by_convening", "convened_on", "dialogue_id"),
    schema=DIALOGUES,
)

stakeholder_groups = sa.Table(
    "stakeholder_groups",
    metadata,
    sa.Column("dialogue_id", _UUID, primary_key=True),
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("organization", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),  # the dialogue's, when it joined
    schema=DIALOGUES,
)

dialogue_sessions = sa.Table(
    "dialogue_sessions",
    metadata,
    sa.Column("dialogue_id", _UUID, primary_key=True),
    sa.Column("session_id", _UUID, primary_key=True),
    sa.Column("organization", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("held_on", sa.Date, nullable=False),
    sa.Column("attendance", postgresql.JSONB, nullable=False),
    sa.Column("summary", sa.Text),
    sa.Column("version", sa.Integer, nullable=False),
    schema=DIALOGUES,
)

trust_surveys = sa.Table(
    "trust_surveys",
    metadata,
    sa.Column("dialogue_id", _UUID, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),  # the dialogue's, when recorded
    sa.Column("organization", sa.Text, nullable=False),
    sa.Column("wave", sa.Integer, nullable=False),
    sa.Column("surveyed_on", sa.Date, nullable=False),
    sa.Column("group_key", sa.Text, nullable=False),
    sa.Column("respondents", sa.Integer, nullable=False),
    sa.Column("trust_score", sa.Float, nullable=False),
    schema=DIALOGUES,
)

# ---------------------------------------------------------------- cases

cases = sa.Table(
    "cases",
    metadata,
    sa.Column("case_id", _UUID, primary_key=True),
    sa.Column("dialogue_id", _UUID, nullable=False),
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
    sa.Column("duplicate_of", _UUID),
    sa.Column("outcome", sa.Text),
    sa.Column("raised_at", _TIME, nullable=False),
    sa.Column("updated_at", _TIME, nullable=False),
    sa.Column("resolved_at", _TIME),
    sa.Column("version", sa.Integer, nullable=False),
    # Facts about the case's actions, so every filter is a condition on this table:
    # every group ever assigned one, and the earliest due date of its OPEN ones.
    # Whether that date is overdue is decided at query time, for the day asked about.
    sa.Column("assignees", postgresql.ARRAY(sa.Text), nullable=False),
    sa.Column("next_due_on", sa.Date),
    sa.Index("cases_by_raising", "raised_at", "case_id"),
    # A caller who is not an auditor always reads one organisation: its index
    # carries what the filters test, so counting its matches never reads the table.
    sa.Index(
        "cases_by_organization",
        "organization",
        "raised_at",
        "case_id",
        postgresql_include=["dialogue_id", "country", "status", "category", "next_due_on"],
    ),
    sa.Index("cases_by_dialogue", "dialogue_id", "raised_at", "case_id"),
    sa.Index("cases_by_country", "country", "raised_at", "case_id"),
    sa.Index("cases_by_status", "status", "raised_at", "case_id"),
    sa.Index("cases_by_category", "category", "raised_at", "case_id"),
    sa.Index("cases_by_assignee", "assignees", postgresql_using="gin"),
    sa.Index("cases_by_next_due_date", "next_due_on", "raised_at", "case_id"),
    # One organisation's overdue cases, and its cases of a status and category,
    # are ranges of these: counted and sorted without reading the table.
    sa.Index(
        "cases_by_organization_due_date",
        "organization",
        "next_due_on",
        postgresql_include=["raised_at", "case_id"],
    ),
    sa.Index(
        "cases_by_organization_status",
        "organization",
        "status",
        "category",
        "raised_at",
        "case_id",
    ),
    schema=CASES,
)

# The words of each case's title and description (SEARCH_WORDS), for
# CaseFilter.search. They live apart from `cases` in narrow rows that never
# change (a case's title and description are fixed when it is raised): a
# search reads one row per match to count matches exactly, so the fewer pages
# they fill the better. `simple` only splits and lower-cases: no stemming, so
# it treats every language and script alike.
SEARCH_WORDS = "to_tsvector('simple'::regconfig, title || ' ' || description)"

case_search = sa.Table(
    "case_search",
    metadata,
    sa.Column("case_id", _UUID, primary_key=True),
    sa.Column("organization", sa.Text, nullable=False),
    sa.Column("raised_at", _TIME, nullable=False),
    sa.Column("words", postgresql.TSVECTOR, nullable=False),
    # The organisation is a key of the word index too (see visibility.py), so a
    # search within one organisation is narrowed inside the index.
    sa.Index(
        "case_search_words", "words", sa.text("(ARRAY[organization])"), postgresql_using="gin"
    ),
    schema=CASES,
    # A rebuild writes the rows in this order (see generations.py): one
    # organisation's matches then fill as few pages as they can.
    info={"physical_order": ("organization", "raised_at"), "organization_array_key": True},
)

# How many of an organisation's cases have each word (a lexeme of SEARCH_WORDS),
# kept with case_search in the same transaction: a search for one word counts
# its matches in one row per organisation instead of reading every match's row
# of case_search (a case's words never change, so a count only ever grows).
case_words = sa.Table(
    "case_words",
    metadata,
    sa.Column("organization", sa.Text, primary_key=True),
    sa.Column("word", sa.Text, primary_key=True),
    sa.Column("cases", sa.Integer, nullable=False),
    schema=CASES,
)

actions = sa.Table(
    "actions",
    metadata,
    sa.Column("action_id", _UUID, primary_key=True),
    sa.Column("case_id", _UUID, nullable=False),
    sa.Column("dialogue_id", _UUID, nullable=False),
    sa.Column("organization", sa.Text, nullable=False),
    sa.Column("country", sa.Text, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("assignee", sa.Text, nullable=False),
    sa.Column("due_on", sa.Date, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("completed_on", sa.Date),
    sa.Column("verified_by", sa.Text),
    sa.Column("version", sa.Integer, nullable=False),  # the case's, when assigned
    sa.Index("actions_by_case", "case_id", "version"),
    sa.Index("actions_by_dialogue", "dialogue_id"),
    schema=CASES,
)

# The dialogues cases belong to, so the cases projection can copy their
# country onto cases without reading another projection's tables.
case_dialogues = sa.Table(
    "case_dialogues",
    metadata,
    sa.Column("dialogue_id", _UUID, primary_key=True),
    sa.Column("organization", sa.Text, nullable=False),
    sa.Column("country", sa.Text, nullable=False),
    schema=CASES,
)


R = TypeVar("R")


def columns_for(table: sa.Table, row_type: type) -> list[sa.Column[Any]]:
    """The table's columns named like the fields of a row type, in the fields' order: a
    row read with them unpacks into the row type by position (unpacking is several
    times cheaper than reading a SQLAlchemy row's values by name)."""
    return [table.c[field.name] for field in dataclasses.fields(row_type)]


def by_position(row_type: type[R], **conversions: Callable[[Any], Any]) -> Callable[[Any], R]:
    """How a row read with `columns_for(table, row_type)` becomes a `row_type`: each value
    as read, or converted by the conversion named after its field (a null stays null)."""
    names = [field.name for field in dataclasses.fields(row_type)]  # type: ignore[arg-type]
    unknown = conversions.keys() - set(names)
    assert not unknown, f"{row_type.__name__} has no fields {sorted(unknown)}"
    converting = [(names.index(name), convert) for name, convert in conversions.items()]

    def build(row: Any) -> R:
        values = list(row)
        for position, convert in converting:
            if values[position] is not None:
                values[position] = convert(values[position])
        return row_type(*values)

    return build
