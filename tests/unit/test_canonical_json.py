"""The fast path of canonical JSON gives exactly the bytes of RFC 8785 (package rfc8785)."""

from __future__ import annotations

from typing import Any

import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from jsd_core.store.hashing import canonical_json

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
scalars = st.none() | st.booleans() | st.integers(-(2**53 - 1), 2**53 - 1) | text
floats = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)


def json_values(leaves: st.SearchStrategy[Any], keys: st.SearchStrategy[str]) -> Any:
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4)
        ),
        max_leaves=20,
    )


@given(json_values(scalars, st.text(st.characters(max_codepoint=127), max_size=8)))
def test_plain_values_canonicalise_exactly_as_rfc_8785(value: Any) -> None:
    assert canonical_json(value) == rfc8785.dumps(value)


@given(json_values(scalars | floats, text))
def test_floats_and_non_ascii_keys_canonicalise_exactly_as_rfc_8785(value: Any) -> None:
    assert canonical_json(value) == rfc8785.dumps(value)


def test_control_characters_and_scripts_are_escaped_as_rfc_8785_says() -> None:
    value = {"note": 'a\x01\x1f\x7f\b\t\n\f\r"\\ — نعم नेपाल 😀', "n": -(2**53 - 1)}
    assert canonical_json(value) == rfc8785.dumps(value)
