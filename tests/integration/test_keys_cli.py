"""`jsd keys` through the real command line: a key is shown once, works, and stops working
when revoked; mistakes are one line on stderr."""

from __future__ import annotations

import re

import httpx

from tests.support.cli import jsd
from tests.support.server import running_server

KEY = re.compile(r"^jsd_[0-9a-f]{32}_[A-Za-z0-9_-]+$")


async def test_a_created_key_is_printed_once_alone_on_the_last_line(
    fresh_database_url: str,
) -> None:
    created = await jsd(
        fresh_database_url, "keys", "create", "--org", "lantern", "--role", "partner"
    )

    assert created.returncode == 0, created.stderr
    token = created.stdout.strip().splitlines()[-1]
    assert KEY.match(token)
    listed = await jsd(fresh_database_url, "keys", "list")
    assert listed.returncode == 0, listed.stderr
    assert "partner" in listed.stdout
    assert token not in listed.stdout
    assert token.split("_", 2)[2] not in listed.stdout  # the secret may hold "_" too


async def test_a_revoked_key_is_refused_by_the_api(fresh_database_url: str) -> None:
    created = await jsd(fresh_database_url, "keys", "create", "--org", "lantern", "--role", "admin")
    token = created.stdout.strip().splitlines()[-1]
    key_id = re.search(r"created key ([0-9a-f-]{36})", created.stdout)
    assert key_id is not None
    query = {"query": "{ dialogues(first: 1) { totalCount } }"}
    headers = {"Authorization": f"Bearer {token}"}

    async with running_server(fresh_database_url) as server, httpx.AsyncClient() as client:
        accepted = await client.post(f"{server.url}/graphql", json=query, headers=headers)
        revoked = await jsd(fresh_database_url, "keys", "revoke", key_id.group(1))
        # The service remembers a key for a few seconds; a new server process does not.
        await server.restart()
        refused = await client.post(f"{server.url}/graphql", json=query, headers=headers)

    assert accepted.status_code == 200
    assert revoked.returncode == 0, revoked.stderr
    assert refused.status_code == 401


async def test_mistakes_are_one_clear_line_and_create_nothing(fresh_database_url: str) -> None:
    bad_role = await jsd(fresh_database_url, "keys", "create", "--org", "lantern", "--role", "boss")
    bad_org = await jsd(fresh_database_url, "keys", "create", "--org", "Bad Org", "--role", "admin")
    bad_id = await jsd(fresh_database_url, "keys", "revoke", "not-a-key-id")
    listed = await jsd(fresh_database_url, "keys", "list")

    for run, words in (
        (bad_role, "role must be one of"),
        (bad_org, "organization must be a slug"),
        (bad_id, "is not a key id"),
    ):
        assert run.returncode == 1
        assert run.stderr.strip().count("\n") == 0
        assert words in run.stderr
        assert "Traceback" not in run.stderr
    assert "lantern" not in listed.stdout
