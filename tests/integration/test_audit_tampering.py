"""Tampering for real: the database owner turns the immutability triggers off, alters
the store, turns them back on; every verifier must catch it and name the event.

The verifiers: `verifyCase` (GraphQL, on the real schema), `verify_all` and
`jsd audit verify` over the whole store, `jsd audit check-bundle` on a bundle
exported afterwards, and the plain-Python snippet of docs/auditing.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID, uuid4

import asyncpg
import pytest
from typer.testing import CliRunner

from jsd_api.cli import app
from jsd_core.access import Principal, Role
from jsd_core.audit import HistoryError, case_history, verify_all, verify_stream
from jsd_core.bootstrap import bootstrap
from jsd_core.config import Settings
from jsd_core.database import asyncpg_url, create_pool
from jsd_core.store import EventStore
from jsd_core.store.hashing import event_hash
from tests.support.auditing import SaabaCase, run_snippet, saaba_case
from tests.support.graphql_client import InProcess

STREAM_TYPES = frozenset({"Dialogue", "Case"})
VERIFY_CASE = "query ($id: ID!) { verifyCase(id: $id) { valid events firstInvalidVersion reason } }"
Alter = Callable[[asyncpg.Connection, UUID], Awaitable[None]]


@contextlib.asynccontextmanager
async def triggers_off(database_url: str) -> AsyncIterator[asyncpg.Connection]:
    """A connection as the database owner, with the events table's own triggers disabled."""
    connection = await asyncpg.connect(asyncpg_url(database_url))
    await connection.execute("ALTER TABLE events DISABLE TRIGGER USER")
    try:
        yield connection
    finally:
        await connection.execute("ALTER TABLE events ENABLE TRIGGER USER")
        await connection.close()


async def change_data(connection: asyncpg.Connection, case_id: UUID) -> None:
    await connection.execute(
        "UPDATE events SET data = jsonb_set(data, '{note}', '\"Aucune patrouille\"') "
        "WHERE stream_id = $1 AND version = 5",
        case_id,
    )


async def change_metadata(connection: asyncpg.Connection, case_id: UUID) -> None:
    await connection.execute(
        "UPDATE events SET metadata = jsonb_set(metadata, '{actor}', '\"lantern/quelquun\"') "
        "WHERE stream_id = $1 AND version = 7",
        case_id,
    )


async def change_time(connection: asyncpg.Connection, case_id: UUID) -> None:
    await connection.execute(
        "UPDATE events SET recorded_at = recorded_at - interval '3 days' "
        "WHERE stream_id = $1 AND version = 9",
        case_id,
    )


async def change_type(connection: asyncpg.Connection, case_id: UUID) -> None:
    await connection.execute(
        "UPDATE events SET type = 'CaseClosed' WHERE stream_id = $1 AND version = 10",
        case_id,
    )


async def swap_versions(connection: asyncpg.Connection, case_id: UUID) -> None:
    # Through a free number: the (stream, version) key is checked row by row.
    for old, new in ((3, 1000), (4, 3), (1000, 4)):
        await connection.execute(
            "UPDATE events SET version = $3 WHERE stream_id = $1 AND version = $2",
            case_id,
            old,
            new,
        )


async def delete_event(connection: asyncpg.Connection, case_id: UUID) -> None:
    await connection.execute("DELETE FROM events WHERE stream_id = $1 AND version = 6", case_id)


async def insert_event(connection: asyncpg.Connection, case_id: UUID) -> None:
    """A well-hashed progress report slipped in after version 4, later events renumbered."""
    await connection.execute(
        "UPDATE events SET version = version + 1000 WHERE stream_id = $1 AND version > 4", case_id
    )
    await connection.execute(
        "UPDATE events SET version = version - 999 WHERE stream_id = $1 AND version > 1000",
        case_id,
    )
    fourth = await connection.fetchrow(
        "SELECT hash, recorded_at, data, metadata FROM events WHERE stream_id = $1 AND version = 4",
        case_id,
    )
    assert fourth is not None
    data = {"action_id": json.loads(fourth["data"])["action_id"], "note": "Tout va bien"}
    metadata = json.loads(fourth["metadata"])
    await _insert(connection, case_id, 5, "ActionProgressReported", data, metadata, fourth)


async def forge_hash(connection: asyncpg.Connection, case_id: UUID) -> None:
    """Version 8's note changed and its hash recomputed: only version 9 can tell."""
    eighth = await connection.fetchrow(
        "SELECT event_id, type, data, metadata, recorded_at, prev_hash FROM events "
        "WHERE stream_id = $1 AND version = 8",
        case_id,
    )
    assert eighth is not None
    data = {**json.loads(eighth["data"]), "note": "Personne n'a rien vu"}
    forged = event_hash(
        event_id=eighth["event_id"],
        stream_id=case_id,
        stream_type="Case",
        version=8,
        type=eighth["type"],
        data=data,
        metadata=json.loads(eighth["metadata"]),
        recorded_at=eighth["recorded_at"],
        prev_hash=eighth["prev_hash"],
    )
    await connection.execute(
        "UPDATE events SET data = $2::jsonb, hash = $3 WHERE stream_id = $1 AND version = 8",
        case_id,
        json.dumps(data),
        forged,
    )


async def _insert(
    connection: asyncpg.Connection,
    case_id: UUID,
    version: int,
    type_: str,
    data: dict[str, str],
    metadata: dict[str, object],
    previous: asyncpg.Record,
) -> None:
    event_id = uuid4()
    digest = event_hash(
        event_id=event_id,
        stream_id=case_id,
        stream_type="Case",
        version=version,
        type=type_,
        data=data,
        metadata=metadata,
        recorded_at=previous["recorded_at"],
        prev_hash=previous["hash"],
    )
    await connection.execute(
        "INSERT INTO events (event_id, stream_id, stream_type, version, type, data, metadata, "
        "recorded_at, prev_hash, hash) VALUES ($1, $2, 'Case', $3, $4, $5::jsonb, $6::jsonb, "
        "$7, $8, $9)",
        event_id,
        case_id,
        version,
        type_,
        json.dumps(data),
        json.dumps(metadata),
        previous["recorded_at"],
        previous["hash"],
        digest,
    )


@dataclass(frozen=True)
class Tampering:
    alter: Alter
    first_bad_version: int
    reason: str


CONTENTS = "the stored hash does not match its contents"
TAMPERINGS = {
    "data changed": Tampering(change_data, 5, f"version 5: {CONTENTS}"),
    "metadata changed": Tampering(change_metadata, 7, f"version 7: {CONTENTS}"),
    "time changed": Tampering(change_time, 9, f"version 9: {CONTENTS}"),
    "type changed": Tampering(change_type, 10, f"version 10: {CONTENTS}"),
    "versions swapped": Tampering(swap_versions, 3, f"version 3: {CONTENTS}"),
    "event deleted": Tampering(delete_event, 6, "version 6 is missing"),
    "event inserted": Tampering(insert_event, 6, f"version 6: {CONTENTS}"),
    "hash forged": Tampering(forge_hash, 9, "version 9 does not link to version 8"),
}


@dataclass
class Store:
    database_url: str
    store: EventStore
    saaba: SaabaCase
    untouched: SaabaCase


@pytest.fixture
async def two_cases(fresh_database_url: str) -> AsyncIterator[Store]:
    pool = await create_pool(fresh_database_url, max_size=4)
    store = EventStore(pool, stream_types=STREAM_TYPES)
    try:
        saaba = await saaba_case(store, "lantern")
        untouched = await saaba_case(store, "sfcg")
        yield Store(fresh_database_url, store, saaba, untouched)
    finally:
        await pool.close()


async def jsd(database_url: str, *args: str) -> tuple[int, str]:
    """Run `jsd ARGS` on the database (in a thread: the CLI runs its own event loop)."""
    runner = CliRunner()
    env = {"JSD_DATABASE_URL": database_url}
    result = await asyncio.to_thread(runner.invoke, app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


async def verify_case_over_graphql(database_url: str, case_id: UUID) -> dict[str, object]:
    settings = Settings(database_url=database_url, pool_size=4)
    async with bootstrap(settings) as services:
        auditor = InProcess(services, Principal(uuid4(), "auditor", "cabinet", Role.AUDITOR))
        data = await auditor(VERIFY_CASE, id=str(case_id))
    found: dict[str, object] = data["verifyCase"]
    return found


@pytest.mark.parametrize("name", list(TAMPERINGS))
async def test_every_verifier_catches_the_tampering_and_names_the_event(
    name: str, two_cases: Store, tmp_path: Path
) -> None:
    tampering, case_id = TAMPERINGS[name], two_cases.saaba.case_id
    url = two_cases.database_url
    async with triggers_off(url) as owner:
        await tampering.alter(owner, case_id)

    found = await verify_stream(two_cases.store.pool, case_id)
    assert (found.valid, found.first_invalid_version) == (False, tampering.first_bad_version)
    assert found.reason is not None
    assert found.reason.startswith(tampering.reason)

    assert await verify_case_over_graphql(url, case_id) == {
        "valid": False,
        "events": found.events,
        "firstInvalidVersion": tampering.first_bad_version,
        "reason": found.reason,
    }

    report = await verify_all(url)
    assert report.broken == [(case_id, found)]
    assert report.streams == 4  # two dialogues, two cases: only this one is broken

    status, output = await jsd(url, "audit", "verify")
    assert status == 1
    assert f"stream {case_id}: BROKEN at version {tampering.first_bad_version}: " in output
    assert tampering.reason in output
    assert str(two_cases.untouched.case_id) not in output

    bundle = tmp_path / "case.audit.json"
    assert (await jsd(url, "audit", "export", str(case_id), "-o", str(bundle)))[0] == 0
    status, output = await jsd(url, "audit", "check-bundle", str(bundle))
    assert status == 1
    assert f"BROKEN at version {tampering.first_bad_version}: {tampering.reason}" in output

    status, output = await run_snippet(bundle)
    assert (status, output.strip()) == (1, f"BROKEN at version {tampering.first_bad_version}")


async def test_the_untouched_store_passes_every_verifier(two_cases: Store, tmp_path: Path) -> None:
    url, case_id = two_cases.database_url, two_cases.saaba.case_id
    assert (await verify_stream(two_cases.store.pool, case_id)).valid
    assert (await verify_all(url)).broken == []
    status, output = await jsd(url, "audit", "verify")
    assert status == 0
    assert "every chain is intact" in output
    bundle = tmp_path / "case.audit.json"
    await jsd(url, "audit", "export", str(case_id), "-o", str(bundle))
    assert (await jsd(url, "audit", "check-bundle", str(bundle)))[0] == 0
    assert (await run_snippet(bundle))[0] == 0


async def test_the_verification_of_one_case_on_the_command_line_names_the_bad_version(
    two_cases: Store,
) -> None:
    url, case_id = two_cases.database_url, two_cases.saaba.case_id
    async with triggers_off(url) as owner:
        await delete_event(owner, case_id)
    status, output = await jsd(url, "audit", "verify", "--case", str(case_id))
    assert status == 1
    assert f"stream {case_id}: BROKEN at version 6: version 6 is missing" in output
    status, output = await jsd(url, "audit", "verify", "--case", str(two_cases.untouched.case_id))
    assert status == 0
    assert "intact: 12 events" in output


async def test_a_case_with_a_deleted_event_cannot_be_replayed_and_says_where(
    two_cases: Store,
) -> None:
    async with triggers_off(two_cases.database_url) as owner:
        await delete_event(owner, two_cases.saaba.case_id)
    with pytest.raises(HistoryError, match=r"version 7 of case .* cannot be applied"):
        await case_history(two_cases.store, two_cases.saaba.case_id)


async def test_workers_in_other_processes_find_what_one_process_finds(two_cases: Store) -> None:
    async with triggers_off(two_cases.database_url) as owner:
        await forge_hash(owner, two_cases.saaba.case_id)
        await change_data(owner, two_cases.untouched.case_id)
    progress: list[tuple[int, int]] = []
    alone = await verify_all(two_cases.database_url, workers=1)
    split = await verify_all(
        two_cases.database_url, lambda done, total: progress.append((done, total)), workers=2
    )
    stored = await two_cases.store.pool.fetchval("SELECT count(*) FROM events")
    assert split == alone
    assert sorted(stream for stream, _ in split.broken) == sorted(
        [two_cases.saaba.case_id, two_cases.untouched.case_id]
    )
    assert (split.events, split.streams) == (stored, 4)
    assert progress[0] == (0, stored)
    assert progress[-1] == (stored, stored)
