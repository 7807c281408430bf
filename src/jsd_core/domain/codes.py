"""Checks of the coded fields of a dialogue: its country, its languages, its group keys."""

import re
from collections.abc import Iterable

from jsd_core.domain.countries import is_country_code
from jsd_core.domain.errors import (
    DuplicateEntryError,
    InvalidCountryError,
    InvalidGroupKeyError,
    InvalidLanguageError,
    field_path,
)
from jsd_core.domain.languages import is_language_tag

GROUP_KEY_LIMIT = 64
# RFC 5646 asks implementations to keep tags of at least 35 characters; 64 leaves room.
LANGUAGE_TAG_LIMIT = 64
LANGUAGES_LIMIT = 50

_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def country(value: object) -> str:
    """An assigned ISO 3166-1 alpha-2 code, upper-case as the standard writes it."""
    if isinstance(value, str) and is_country_code(value):
        return value
    hint = ""
    if isinstance(value, str) and is_country_code(value.upper()):
        hint = f" (write it in capitals: '{value.upper()}')"
    raise InvalidCountryError(
        f"country must be an ISO 3166-1 alpha-2 code such as 'SN', got {value!r}{hint}",
        field_path("country"),
    )


def languages(values: Iterable[object]) -> tuple[str, ...]:
    """At least one well-formed BCP 47 tag, none twice, stored as given ('fr', 'ar-TN')."""
    if isinstance(values, str):
        raise InvalidLanguageError(
            "languages must be a list of BCP 47 tags such as ['fr', 'mos']", field_path("languages")
        )
    tags = tuple(values)
    if not tags:
        raise InvalidLanguageError(
            "languages must name at least one language, such as 'fr'", field_path("languages")
        )
    if len(tags) > LANGUAGES_LIMIT:
        raise InvalidLanguageError(
            f"languages names {len(tags)} languages; the limit is {LANGUAGES_LIMIT}",
            field_path("languages"),
        )
    checked: list[str] = []
    for index, tag in enumerate(tags):
        where = field_path("languages", str(index))
        if not isinstance(tag, str) or len(tag) > LANGUAGE_TAG_LIMIT or not is_language_tag(tag):
            raise InvalidLanguageError(f"{tag!r} is not a BCP 47 language tag", where)
        # Tags are case-insensitive: 'fr-SN' and 'fr-sn' are the same language.
        if tag.lower() in (known.lower() for known in checked):
            raise DuplicateEntryError(f"languages names {tag!r} twice", where)
        checked.append(tag)
    return tuple(checked)


def group_key(name: str, value: object) -> str:
    """A slug of lower-case letters and digits joined by '-' or '_', at most 64 characters."""
    if isinstance(value, str) and len(value) <= GROUP_KEY_LIMIT and _SLUG.fullmatch(value):
        return value
    raise InvalidGroupKeyError(
        f"{name} must be a slug of lower-case letters and digits joined by '-' or '_', "
        f"at most {GROUP_KEY_LIMIT} characters, such as 'women-saaba', got {value!r}",
        field_path(name),
    )
