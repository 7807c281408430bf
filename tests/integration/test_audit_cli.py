"""`jsd audit` on the command line: a readable replay, exports, and clear refusals."""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import uuid4

import pytest
from typer.testing import CliRunner

from jsd_api.cli import app
from jsd_core.audit import check_bundle
from jsd_core.database import create_pool
from jsd_core.store import EventStore
from tests.support.auditing import SaabaCase, saaba_case

if TYPE_CHECKING:
    from tests.conftest import TestServer


@pytest.fixture
async def saaba(store: EventStore) -> SaabaCase:
    return await saaba_case(store)


async def jsd(database_url: str, *args: str) -> tuple[int, str]:
    """`jsd ARGS` in this process (in a thread: the CLI runs its own event loop)."""
    runner = CliRunner()
    env = {"JSD_DATABASE_URL": database_url}
    result = await asyncio.to_thread(runner.invoke, app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


async def jsd_process(database_url: str, *args: str) -> tuple[int, str, str]:
    """The real `jsd` entry point in a process of its own: (status, stdout, stderr)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JSD_")}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "from jsd_api.cli import main; main()",
        *args,
        env={**environment, "JSD_DATABASE_URL": database_url},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_replay_tells_each_event_who_did_it_when_and_what_changed(
    database_url: str, saaba: SaabaCase
) -> None:
    status, output = await jsd(database_url, "audit", "replay", str(saaba.case_id))
    assert status == 0
    lines = output.splitlines()
    assert lines[0] == f"Case {saaba.case_id}: Cambriolages au marché"
    assert lines[1] == "v1 2015-04-01 10:00 UTC CaseRaised by lantern/facilitator"
    assert "v2 2015-04-15 10:00 UTC CaseAgreed by lantern/facilitator" in lines
    assert "    agreed by: — → police, koglweogo" in lines
    assert (
        "    action “Patrouilles de nuit”: status COMPLETED → VERIFIED; "
        "verified by — → koglweogo; note “Vu au marché”"
    ) in lines
    assert "    status: RESOLVED → IN_PROGRESS" in lines
    assert lines[-1] == "as of 2015-10-01T10:00:00.000000+00:00: IN_PROGRESS, version 12"


async def test_replay_stops_at_a_moment_or_a_version(database_url: str, saaba: SaabaCase) -> None:
    status, output = await jsd(
        database_url, "audit", "replay", str(saaba.case_id), "--as-of", "2015-05-10"
    )
    assert status == 0
    assert "v4 2015-05-02 11:00 UTC ActionAssigned" in output
    assert "v5 " not in output
    assert output.splitlines()[-1].endswith("IN_PROGRESS, version 4")
    status, output = await jsd(
        database_url, "audit", "replay", str(saaba.case_id), "--version", "2"
    )
    assert status == 0
    assert output.splitlines()[-1] == ("as of 2015-04-15T10:00:00.000000+00:00: AGREED, version 2")


async def test_export_writes_the_bundle_to_stdout_or_a_file(
    database_url: str, saaba: SaabaCase, tmp_path: Path
) -> None:
    status, output = await jsd(database_url, "audit", "export", str(saaba.case_id))
    assert status == 0
    bundle = json.loads(output)
    assert bundle["format"] == "jsd-audit-bundle/1"
    assert check_bundle(bundle).verification.events == 12
    file = tmp_path / "saaba.json"
    status, output = await jsd(database_url, "audit", "export", str(saaba.case_id), "-o", str(file))
    assert status == 0
    assert json.loads(file.read_text(encoding="utf-8"))["events"] == bundle["events"]
    status, output = await jsd(database_url, "audit", "check-bundle", str(file))
    assert status == 0
    assert f"Case {saaba.case_id} (exported " in output
    assert "intact: 12 events, head hash " in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["replay", "nope"], "'nope' is not a case id (a UUID)"),
        (["replay", "{case}", "--as-of", "hier"], "--as-of takes an ISO 8601 date-time"),
        (["replay", "{case}", "--as-of", "2014-12-31"], "case {case} did not exist yet at 2014"),
        (["replay", "{unknown}"], "there is no case {unknown}"),
        (["export", "{unknown}"], "there is no case {unknown}"),
        (["export", "{dialogue}"], "there is no case {dialogue}"),
        (["verify", "--case", "{unknown}"], "there is no stream {unknown} in the store"),
        (["export", "{case}", "-o", "/nonexistent/dir/x.json"], "cannot write "),
    ],
)
async def test_a_mistake_is_refused_with_a_clear_reason(
    args: list[str], message: str, database_url: str, saaba: SaabaCase
) -> None:
    names = {"case": saaba.case_id, "unknown": uuid4(), "dialogue": saaba.dialogue.id}
    with pytest.raises(ValueError, match="^" + re.escape(message.format(**names))):
        await jsd(database_url, "audit", *(arg.format(**names) for arg in args))


async def test_the_jsd_program_reports_a_mistake_in_one_line_with_exit_status_1(
    database_url: str,
) -> None:
    unknown = uuid4()
    status, out, err = await jsd_process(database_url, "audit", "replay", str(unknown))
    assert (status, out) == (1, "")
    assert err == f"jsd: there is no case {unknown}\n"


async def test_the_audit_commands_never_change_the_database(test_server: TestServer) -> None:
    empty = await test_server.create()  # not migrated
    status, _, err = await jsd_process(empty, "audit", "verify")
    assert status == 1
    assert err.strip() == "jsd: this database holds no event store: run `jsd migrate` first"
    pool = await create_pool(empty, max_size=1)
    try:
        tables = await pool.fetchval("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    finally:
        await pool.close()
    assert tables == 0


async def test_verifying_an_empty_store_checks_nothing_and_passes(fresh_database_url: str) -> None:
    status, output = await jsd(fresh_database_url, "audit", "verify")
    assert status == 0
    assert "0 events in 0 streams checked: every chain is intact" in output
