"""The one error policy: expected failures keep their code and words, bugs are hidden and
logged. Checked on a small schema whose resolvers fail on purpose."""

from __future__ import annotations

import logging

import pytest
import strawberry

from jsd_api.graphql.errors import ErrorPolicy, InputError
from jsd_core.access import ForbiddenError
from jsd_core.application.results import NotFoundError
from jsd_core.domain.errors import CaseStatusError


@strawberry.type
class Query:
    @strawberry.field
    def bug(self) -> str:
        raise RuntimeError("password=hunter2 at db.internal:5432")

    @strawberry.field
    def forbidden(self) -> str:
        raise ForbiddenError("only auditors and admins may read histories and verify chains")

    @strawberry.field
    def missing(self) -> str | None:
        raise NotFoundError("there is no case 42", ("id",))

    @strawberry.field
    def too_late(self) -> str:
        raise CaseStatusError("the case is CLOSED: reopen it first")

    @strawberry.field
    def bad_input(self) -> str:
        raise InputError("'x' is not the id of a Case", ("caseId",))


SCHEMA = strawberry.Schema(query=Query, extensions=[ErrorPolicy])


async def test_a_bug_is_reported_without_its_internals_and_logged_with_them(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="jsd_api.graphql.errors"):
        result = await SCHEMA.execute("{ bug }")
    assert result.errors is not None
    (error,) = result.errors
    assert error.message == "Unexpected error; it has been logged."
    assert "hunter2" not in str(error.formatted)
    assert "hunter2" in caplog.text  # the traceback is in the server's log


@pytest.mark.parametrize(
    ("field", "code", "path"),
    [
        ("forbidden", "FORBIDDEN", None),
        ("missing", "NOT_FOUND", ["id"]),
        ("tooLate", "INVALID_TRANSITION", None),
        ("badInput", "VALIDATION", ["caseId"]),
    ],
)
async def test_an_expected_failure_keeps_its_code_words_and_field(
    field: str, code: str, path: list[str] | None
) -> None:
    result = await SCHEMA.execute(f"{{ {field} }}")
    assert result.errors is not None
    (error,) = result.errors
    assert error.extensions == {"code": code, "field": path}
    assert error.message.startswith(f"{code}: ")
    assert error.path == [field]
