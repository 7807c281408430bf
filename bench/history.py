"""caseHistory of the 1,000-event case through GraphQL over HTTP, with an auditor's key,
beside the raw asyncpg read of the same 1,000 rows, taking turns.

(The same history at the function level is in `audit`.)
"""

from __future__ import annotations

from uuid import UUID

import httpx

from bench.audit import HISTORY_REQUESTS, HISTORY_TARGET
from bench.measure import latencies_ms
from bench.reads import STREAM
from bench.report import Report
from bench.server import Server, graphql
from jsd_core.database import create_pool

HISTORY = """
query History($id: ID!) {
  caseHistory(id: $id) {
    event { ... on CaseEvent { eventId version type recordedAt actor hash } }
    state {
      version asOf status priority agreedBy
      actions { actionId status dueOn overdue assignee { key } }
    }
  }
}
"""


async def history_figures(server: Server, url: str, case_id: UUID, report: Report) -> None:
    token = server.keys["auditor"]
    pool = await create_pool(url, min_size=1, max_size=1)
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:

            async def over_http(_: int) -> None:
                data = await graphql(client, token, HISTORY, id=str(case_id))
                assert len(data["caseHistory"]) == 1000

            async def raw(_: int) -> None:
                async with pool.acquire() as connection:
                    assert len(await connection.fetch(STREAM, case_id)) == 1000

            spent = await latencies_ms({"graphql": over_http, "raw": raw}, HISTORY_REQUESTS)
    finally:
        await pool.close()
    report.add_latency(
        "case_history_1000_graphql_http",
        spent["graphql"],
        baselines={"raw": spent["raw"]},
        p95_below=HISTORY_TARGET,
    )
