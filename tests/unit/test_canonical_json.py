"""The fast path of canonical JSON gives exactly the bytes of RFC 8785 (package rfc8785)."""

from __future__ import annotations

import hashlib
from typing import Any

import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from jsd_core.store.hashing import canonical_json, canonical_text, envelope_hash

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


@given(
    json_values(scalars | floats, text),
    json_values(scalars, st.text(st.characters(max_codepoint=127), max_size=8)),
    text,
    text,
    st.none() | text,
    st.integers(1, 2**31),
)
def test_an_envelope_hashed_from_its_parts_is_hashed_as_rfc_8785_says(
    data: Any, metadata: Any, stream_type: str, event_type: str, prev: str | None, version: int
) -> None:
    envelope = {
        "event_id": "5c1e9f0a-0000-4000-8000-000000000001",
        "stream_id": "0b6f1e2d-0000-4000-8000-000000000002",
        "stream_type": stream_type,
        "version": version,
        "type": event_type,
        "data": data,
        "metadata": metadata,
        "recorded_at": "2016-03-01T09:30:00.000000+00:00",
        "prev_hash": prev,
    }
    expected = hashlib.sha256(rfc8785.dumps(envelope)).hexdigest()
    assembled = envelope_hash(
        event_id=envelope["event_id"],
        stream_id=envelope["stream_id"],
        stream_type=stream_type,
        version=version,
        type=event_type,
        data_json=canonical_text(data),
        metadata_json=canonical_text(metadata),
        recorded_at=envelope["recorded_at"],
        prev_hash=prev,
    )
    assert assembled == expected
