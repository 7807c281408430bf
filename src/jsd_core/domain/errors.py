"""Why the domain refuses a command, in words a facilitator understands.

Every refusal is a `DomainError`. The edge maps the two families once:
`InvalidInputError` (the input breaks a rule of its own or names something
unknown) to VALIDATION, and `InvalidTransitionError` (the command is not
allowed in the aggregate's current state) to INVALID_TRANSITION. `field` is
the camelCase path of the GraphQL input field concerned, or None.
"""


class DomainError(Exception):
    """A command the domain refuses; nothing was changed and no event was stored."""

    def __init__(self, message: str, field: tuple[str, ...] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInputError(DomainError):
    """The input breaks a rule of its own or names something unknown."""


class InvalidTransitionError(DomainError):
    """The command is not allowed in the aggregate's current state."""


def field_path(name: str, *rest: str) -> tuple[str, ...]:
    """The GraphQL input path of a domain field: ``field_path("due_on") == ("dueOn",)``."""
    head, *words = name.split("_")
    return (head + "".join(word.capitalize() for word in words), *rest)


# ---------------------------------------------------------------- bad input


class EmptyTextError(InvalidInputError):
    """A text that must say something is empty or only spaces."""


class TextTooLongError(InvalidInputError):
    """A text is longer than its limit."""


class UnstorableTextError(InvalidInputError):
    """A text holds characters the event store cannot keep (NUL, lone surrogates)."""


class InvalidValueError(InvalidInputError):
    """A value is not of its kind: not text, not a calendar date, not a known enum value."""


class OutOfRangeError(InvalidValueError):
    """A number is not a number, or is outside its range."""


class DateOrderError(InvalidInputError):
    """A date comes before the date it must follow."""


class InvalidCountryError(InvalidInputError):
    """The country is not an ISO 3166-1 alpha-2 code."""


class InvalidLanguageError(InvalidInputError):
    """A language is not a well-formed BCP 47 tag, or the list is empty."""


class InvalidGroupKeyError(InvalidInputError):
    """A group key is not a slug such as 'police' or 'women-saaba'."""


class GroupAlreadyJoinedError(InvalidInputError):
    """A group with this key already joined the dialogue."""


class UnknownGroupError(InvalidInputError):
    """A group key names no group of the dialogue."""


class DuplicateEntryError(InvalidInputError):
    """The same thing is named twice, or recorded a second time."""


class AgreementNeedsBothSidesError(InvalidInputError):
    """agreed_by lacks a provider group or a community group."""


class VerifierIsAssigneeError(InvalidInputError):
    """A group tried to verify its own action."""


class ActionNotFoundError(InvalidInputError):
    """The action id names no action of the case."""


class DuplicateOfError(InvalidInputError):
    """duplicate_of is missing for DUPLICATE, given for another reason, or the case itself."""


class WrongDialogueError(InvalidInputError):
    """The dialogue passed in is not the case's dialogue."""


# ---------------------------------------------------------------- not now


class DialogueConcludedError(InvalidTransitionError):
    """The dialogue has concluded: it accepts nothing more, and no new case."""


class CaseStatusError(InvalidTransitionError):
    """The case's status does not allow the command."""


class ActionStatusError(InvalidTransitionError):
    """The action's status does not allow the command."""


class UnfinishedActionsError(InvalidTransitionError):
    """The case cannot be resolved: an action is still OPEN, or none was done."""
