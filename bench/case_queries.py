"""The filtered `cases` queries a partner runs, as the read side and as GraphQL takes them.

Each kind of filter varies from one request to the next (another category,
another word), so a run does not measure one cached answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsd_core.domain import CaseCategory, CaseStatus
from jsd_core.projections import CaseFilter

CATEGORIES = tuple(CaseCategory)
SEARCHES = ("bétail", "market", "police", "femmes", "stadium", "Tanghin", "clashes", "terrain")
PAGE = 20

Filters = Callable[[int], tuple[CaseFilter, dict[str, Any]]]


def _status_category(n: int) -> tuple[CaseFilter, dict[str, Any]]:
    category = CATEGORIES[n % len(CATEGORIES)]
    chosen = CaseFilter(status=(CaseStatus.IN_PROGRESS,), category=(category,))
    return chosen, {"status": ["IN_PROGRESS"], "category": [category.value]}


def _overdue(n: int) -> tuple[CaseFilter, dict[str, Any]]:
    return CaseFilter(overdue=True), {"overdue": True}


def _search(n: int) -> tuple[CaseFilter, dict[str, Any]]:
    words = SEARCHES[n % len(SEARCHES)]
    return CaseFilter(search=words), {"search": words}


FILTERS: dict[str, Filters] = {
    "status_category": _status_category,
    "overdue": _overdue,
    "search": _search,
}

CASES_QUERY = """
query Cases($filter: CaseFilter, $first: Int) {
  cases(first: $first, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id caseId title status category severity raisedAt updatedAt
        dialogue { name country }
        actions { actionId status dueOn overdue assignee { key name } }
      }
    }
  }
}
"""
