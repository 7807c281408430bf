"""Each distinct GraphQL document is parsed and checked once, not on every request.

Partners and facilitators send the same few operations over and over, with
other variables. Parsing a document and validating it (the specification's
rules and our depth and alias limits) depends on the document's text and the
schema alone, so the outcome is kept by text: a repeated operation goes
straight to execution, and a refused one is refused again without the work.
Parse errors (the token limit among them) are not kept: they are cheap to
find again and say nothing about the schema.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator

from graphql import ASTValidationRule, DocumentNode, GraphQLError
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter, SchemaExtension

from jsd_api.graphql.limits import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS

Checked = tuple[DocumentNode, tuple[GraphQLError, ...]]


class Documents:
    """The documents checked so far, by text: a bounded, least-recently-used memory."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        # Built once: Strawberry's limiters make new rule classes per instance, which
        # would also make every validation look new to a cache keyed by its rules.
        self.rules: tuple[type[ASTValidationRule], ...] = (
            *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
            *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
        )
        self._checked: OrderedDict[str, Checked] = OrderedDict()

    def __len__(self) -> int:
        return len(self._checked)

    def get(self, query: str) -> Checked | None:
        found = self._checked.get(query)
        if found is not None:
            self._checked.move_to_end(query)
        return found

    def keep(self, query: str, document: DocumentNode, errors: list[GraphQLError]) -> None:
        self._checked[query] = (document, tuple(errors))
        if len(self._checked) > self.size:
            self._checked.popitem(last=False)

    def extension(self) -> Callable[[], SchemaExtension]:
        """The schema extension factory that checks documents through this memory."""
        return lambda: CheckedDocuments(self)


class CheckedDocuments(SchemaExtension):
    """Per operation: the token limit on parsing, then the remembered document and
    verdict if the text was seen before, else validation with the limits, remembered."""

    def __init__(self, documents: Documents) -> None:
        self.documents = documents
        self.known: Checked | None = None

    def on_operation(self) -> Iterator[None]:
        self.execution_context.parse_options["max_tokens"] = MAX_TOKENS
        yield

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query and context.graphql_document is None:
            self.known = self.documents.get(context.query)
            if self.known is not None:
                context.graphql_document = self.known[0]  # Strawberry then skips parsing
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if self.known is not None:
            # Errors already there tell Strawberry validation has been done.
            context.pre_execution_errors = list(self.known[1])
            yield
            return
        context.validation_rules = (*context.validation_rules, *self.documents.rules)
        yield
        query, document = context.query, context.graphql_document
        if query and document is not None and context.pre_execution_errors is not None:
            self.documents.keep(query, document, context.pre_execution_errors)
