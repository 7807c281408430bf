"""Running the read side's most frequent statements on the driver directly.

A page of cases and its batched reads are statements built once (per filter
shape and kind of scope) and run hundreds of times a second with other
values. SQLAlchemy renders each for the connection's generations, wraps its
parameters and builds its rows on every run: some 0.4 ms a statement, as
much as PostgreSQL's own work on a page. Here each is compiled once per map
of generations and run on the pooled connection's asyncpg connection, which
keeps it prepared as SQLAlchemy's would; the rows are asyncpg records, which
unpack by position as SQLAlchemy's rows do.

Callers build their row types from the values as the driver gives them
(an array as a list, a UUID as asyncpg's, which equals and hashes as Python's;
JSON decoded by the codec SQLAlchemy set on the connection). A statement with
values rendered into its text on every run (a search's words) has its text
finished on each run by SQLAlchemy's compiled form (`construct_expanded_state`,
the values quoted by the dialect), as SQLAlchemy itself would. Errors come back
as SQLAlchemy's (`DBAPIError`), a dropped connection invalidated, so callers
handle them as SQLAlchemy's own.

Only statements built once belong here: each is compiled and kept by its
identity, so a statement built anew on every call would be compiled on every
call (and push the kept ones out).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import asyncpg
import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, ProgrammingError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.compiler import SQLCompiler

# A rebuild drops the old generation's schema soon after switching; a query that picked
# that generation just before the switch tries once more (undefined_table,
# invalid_schema_name).
GONE = frozenset({"42P01", "3F000"})
# Connection exceptions, and the server ending the session (pg_terminate_backend, shutdown).
_DROPPED_STATES = ("08", "57P")


class _Compiled(NamedTuple):
    sql: str
    names: tuple[str, ...]  # the parameters, in the order of $1, $2, ...
    processors: Mapping[str, Callable[[Any], Any]]
    late: SQLCompiler | None  # values rendered into the text: finished on each run


async def rows(
    connection: AsyncConnection, statement: sa.Select[Any], parameters: Mapping[str, Any]
) -> Sequence[Any]:
    """The statement's rows, each unpacking by position into the selected columns."""
    compiled = _compile(connection, statement)
    found: Sequence[Any] = await _run(connection, compiled, parameters, "fetch")
    return found


async def value(
    connection: AsyncConnection, statement: sa.Select[Any], parameters: Mapping[str, Any]
) -> Any:
    """The first column of the statement's first row (None without rows)."""
    return await _run(connection, _compile(connection, statement), parameters, "fetchval")


async def _run(
    connection: AsyncConnection, compiled: _Compiled, parameters: Mapping[str, Any], how: str
) -> Any:
    sql, names, values, processors = compiled.sql, compiled.names, parameters, compiled.processors
    if compiled.late is not None:
        finished = compiled.late.construct_expanded_state(dict(parameters))
        sql, names = finished.statement, tuple(finished.positiontup or ())
        values, processors = finished.parameters, finished.processors
    arguments = [
        processors[name](values[name]) if name in processors else values[name] for name in names
    ]
    pooled = await connection.get_raw_connection()
    driver = pooled.driver_connection
    try:
        return await getattr(driver, how)(sql, *arguments)
    except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
        state = str(getattr(error, "sqlstate", "") or "")
        dropped = not isinstance(error, asyncpg.PostgresError) or state.startswith(_DROPPED_STATES)
        if dropped:
            await connection.invalidate(error)
        kind = ProgrammingError if state in GONE else DBAPIError
        raise kind(sql, None, error, connection_invalidated=dropped) from error


def _compile(connection: AsyncConnection, statement: sa.Select[Any]) -> _Compiled:
    synchronous = connection.sync_connection
    assert synchronous is not None, "a statement ran on a connection not yet opened"
    translate: Mapping[str | None, str | None] = (
        synchronous.get_execution_options().get("schema_translate_map") or {}
    )
    generations = tuple(sorted(translate.items(), key=str))
    return _compiled_for(statement, generations, connection.dialect)


# Per statement (by identity: each is built once) and map of generations; a rebuild's
# new generations add their own, and the bound drops those no longer run.
@functools.lru_cache(maxsize=4096)
def _compiled_for(
    statement: sa.Select[Any],
    generations: tuple[tuple[str | None, str | None], ...],
    dialect: Dialect,
) -> _Compiled:
    compiled = statement.compile(
        dialect=dialect, schema_translate_map=dict(generations), render_schema_translate=True
    )
    assert isinstance(compiled, SQLCompiler)
    late = compiled if compiled.literal_execute_params or compiled.post_compile_params else None
    processors = {
        name: process
        for name, bind in compiled.binds.items()
        if (process := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    }
    return _Compiled(compiled.string, tuple(compiled.positiontup or ()), processors, late)
