"""The Query root: reads for partners, auditors and integrations."""

from __future__ import annotations

import strawberry

from jsd_api.graphql.queries.audit import AuditQueries
from jsd_api.graphql.queries.integrations import IntegrationQueries
from jsd_api.graphql.queries.read import ReadQueries


@strawberry.type(description="Everything a caller may read, within its organisation's scope.")
class Query(ReadQueries, AuditQueries, IntegrationQueries):
    pass
