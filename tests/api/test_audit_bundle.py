"""GET /audit/cases/{id}/bundle through a real server: auditors and admins of any
organisation get the bundle; every other role is refused, whoever owns the case."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import uuid4

import httpx
import pytest

from jsd_core.audit import check_bundle
from tests.support.auditing import SaabaCase, run_snippet, saaba_case
from tests.support.databases import new_database
from tests.support.events import writing_store
from tests.support.keys import bearer
from tests.support.server import ServerProcess, running_server

if TYPE_CHECKING:
    from tests.conftest import TestServer


@pytest.fixture(scope="module")
async def database(test_server: TestServer, template_url: str) -> str:
    return await new_database(test_server, template_url)


@pytest.fixture(scope="module")
async def cases(database: str) -> dict[str, SaabaCase]:
    async with writing_store(database) as store:
        return {org: await saaba_case(store, org) for org in ("lantern", "sfcg")}


@pytest.fixture(scope="module")
async def server(database: str) -> AsyncIterator[ServerProcess]:
    async with running_server(database) as server:
        yield server


@pytest.fixture
async def client(server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        yield client


def path(case_id: object) -> str:
    return f"/audit/cases/{case_id}/bundle"


@pytest.mark.parametrize(
    ("organization", "role"), [("cabinet-audit", "auditor"), ("lantern", "admin")]
)
async def test_auditors_and_admins_get_the_bundle_of_any_organisations_case(
    organization: str,
    role: str,
    client: httpx.AsyncClient,
    database: str,
    cases: dict[str, SaabaCase],
    tmp_path: Path,
) -> None:
    headers = await bearer(database, organization, role)
    for owner, case in cases.items():
        response = await client.get(path(case.case_id), headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        assert (
            f'filename="case-{case.case_id}.audit.json"' in response.headers["content-disposition"]
        )
        bundle = response.json()
        assert bundle["stream"] == {"id": str(case.case_id), "type": "Case"}
        assert {event["metadata"]["organization"] for event in bundle["events"]} == {owner}
        assert check_bundle(bundle).verification.valid
        saved = tmp_path / f"{owner}.json"
        saved.write_bytes(response.content)
        assert (await run_snippet(saved))[0] == 0


@pytest.mark.parametrize("role", ["facilitator", "partner", "integration"])
async def test_other_roles_are_refused_even_for_their_own_organisations_case(
    role: str, client: httpx.AsyncClient, database: str, cases: dict[str, SaabaCase]
) -> None:
    headers = await bearer(database, "lantern", role)
    for case_id in (cases["lantern"].case_id, cases["sfcg"].case_id, uuid4()):
        response = await client.get(path(case_id), headers=headers)
        assert response.status_code == 403
        assert response.json() == {
            "detail": "only auditors and admins may read histories and verify chains"
        }


async def test_without_a_valid_key_the_answer_is_401(
    client: httpx.AsyncClient, cases: dict[str, SaabaCase]
) -> None:
    case_id = cases["lantern"].case_id
    assert (await client.get(path(case_id))).status_code == 401
    wrong = {"Authorization": "Bearer jsd_0123_not-a-key"}
    assert (await client.get(path(case_id), headers=wrong)).status_code == 401


async def test_an_unknown_case_or_a_dialogue_is_404_and_a_malformed_id_400(
    client: httpx.AsyncClient, database: str, cases: dict[str, SaabaCase]
) -> None:
    headers = await bearer(database, "cabinet-audit", "auditor")
    unknown = uuid4()
    response = await client.get(path(unknown), headers=headers)
    assert (response.status_code, response.json()) == (
        404,
        {"detail": f"there is no case {unknown}"},
    )
    dialogue = await client.get(path(cases["lantern"].dialogue.id), headers=headers)
    assert dialogue.status_code == 404
    malformed = await client.get(path("not-a-case"), headers=headers)
    assert (malformed.status_code, malformed.json()) == (
        400,
        {"detail": "'not-a-case' is not a case id (a UUID)"},
    )
