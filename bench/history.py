"""caseHistory of the 1,000-event case through GraphQL over HTTP, with an auditor's key.

(The same history at the function level, beside the raw read, is in `audit`.)
"""

from __future__ import annotations

from uuid import UUID

import httpx

from bench.audit import HISTORY_REQUESTS, HISTORY_TARGET
from bench.measure import latencies_ms
from bench.report import Report
from bench.server import Server, graphql

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


async def history_figures(server: Server, case_id: UUID, report: Report) -> None:
    token = server.keys["auditor"]
    async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:

        async def work(_: int) -> None:
            data = await graphql(client, token, HISTORY, id=str(case_id))
            assert len(data["caseHistory"]) == 1000

        spent = await latencies_ms({"graphql": work}, HISTORY_REQUESTS)
    report.add_latency(
        "case_history_1000_graphql_http", spent["graphql"], p95_below=HISTORY_TARGET
    )
