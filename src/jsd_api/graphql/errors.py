"""The one mapping from exceptions to the contract's error codes.

Expected failures of a mutation become `UserError`s in its payload; expected
failures of a query or subscription become GraphQL errors with the same code
in `extensions.code`. Anything else is a bug: it is logged with its traceback
and the caller sees a generic message, never the internals.
"""

from __future__ import annotations

import logging
from enum import StrEnum

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from jsd_core.access import ForbiddenError
from jsd_core.application.results import NotFoundError
from jsd_core.domain.errors import InvalidInputError, InvalidTransitionError
from jsd_core.store import (
    IdempotencyMismatchError,
    InvalidAppendError,
    InvalidCursorError,
    VersionConflictError,
)

log = logging.getLogger(__name__)


@strawberry.enum(description="Why a command or a read was refused.")
class ErrorCode(StrEnum):
    VALIDATION = "VALIDATION"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    VERSION_CONFLICT = "VERSION_CONFLICT"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    IDEMPOTENCY_MISMATCH = "IDEMPOTENCY_MISMATCH"


@strawberry.type(description="An expected failure of a mutation; nothing was changed.")
class UserError:
    code: ErrorCode
    message: str
    field: list[str] | None = strawberry.field(
        default=None, description="The path of the input field concerned, e.g. ['dueOn']."
    )


class InputError(ValueError):
    """Input the API layer itself refuses before any command runs, e.g. a malformed id."""

    def __init__(self, message: str, field: tuple[str, ...] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# Every failure a caller can cause; anything else is a bug.
EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    InputError,
    InvalidInputError,
    InvalidTransitionError,
    NotFoundError,
    ForbiddenError,
    VersionConflictError,
    IdempotencyMismatchError,
    InvalidAppendError,
    InvalidCursorError,
)


def user_error(error: Exception) -> UserError:
    """The UserError of an expected failure (one of EXPECTED_ERRORS)."""
    field: tuple[str, ...] | None = None
    message = str(error)
    if isinstance(error, InputError | InvalidInputError):
        code, field, message = ErrorCode.VALIDATION, error.field, error.message
    elif isinstance(error, InvalidTransitionError):
        code, field, message = ErrorCode.INVALID_TRANSITION, error.field, error.message
    elif isinstance(error, NotFoundError):
        code, field, message = ErrorCode.NOT_FOUND, error.field, error.message
    elif isinstance(error, ForbiddenError):
        code, message = ErrorCode.FORBIDDEN, error.message
    elif isinstance(error, VersionConflictError):
        code, field = ErrorCode.VERSION_CONFLICT, ("expectedVersion",)
    elif isinstance(error, IdempotencyMismatchError):
        code, field = ErrorCode.IDEMPOTENCY_MISMATCH, ("commandId",)
    elif isinstance(error, InvalidAppendError | InvalidCursorError):
        code = ErrorCode.VALIDATION
    else:
        raise TypeError(f"{type(error).__name__} is not an expected failure") from error
    return UserError(code=code, message=message, field=list(field) if field else None)


class ErrorPolicy(MaskErrors):
    """Reports expected failures with their code and hides everything else.

    A resolver simply lets an expected exception propagate; this extension
    turns it into `CODE: message` with `extensions.code`, and logs any other
    exception with its traceback before replacing it with a generic message.
    """

    def __init__(self) -> None:
        super().__init__(
            should_mask_error=_raised_in_a_resolver,
            error_message="Unexpected error; it has been logged.",
        )

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if isinstance(original, EXPECTED_ERRORS):
            mapped = user_error(original)
            return GraphQLError(
                f"{mapped.code}: {mapped.message}",
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions={"code": mapped.code.value, "field": mapped.field},
            )
        log.error("unexpected error in %s", error.path, exc_info=original)
        return super().anonymise_error(error)


def _raised_in_a_resolver(error: GraphQLError) -> bool:
    """True for an exception raised while resolving that is not already a GraphQL error
    (errors about the request itself, e.g. a malformed Date, are GraphQL errors)."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)
