"""Audit bundles: what an export holds, and checking one offline (with the project's code,
and with the dozen lines of plain Python that docs/auditing.md shows)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from jsd_core.audit import (
    BUNDLE_FORMAT,
    BundleError,
    bundle_text,
    check_bundle,
    export_case_bundle,
    make_bundle,
    read_bundle,
    verify_stream,
)
from jsd_core.domain import Dialogue, SessionKind, StakeholderKind
from jsd_core.store import EventStore
from jsd_core.store.hashing import event_hash, format_timestamp
from tests.support.auditing import DOCS, Recorder, bundle_snippet, on, run_snippet, saaba_case

EXPORTED_AT = datetime(2026, 11, 27, 10, 15, tzinfo=UTC)
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
async def bundle(store: EventStore) -> dict[str, Any]:
    saaba = await saaba_case(store)
    exported = await export_case_bundle(store, saaba.case_id, exported_at=EXPORTED_AT)
    assert exported is not None
    return exported


def saved(bundle: dict[str, Any], folder: Path) -> Path:
    path = folder / "case.audit.json"
    path.write_text(bundle_text(bundle), encoding="utf-8")
    return path


async def test_a_bundle_holds_every_event_with_exactly_its_hashed_fields_and_hashes(
    store: EventStore, bundle: dict[str, Any]
) -> None:
    stored = await store.read_stream(bundle_case_id(bundle))
    assert {key: value for key, value in bundle.items() if key != "events"} == {
        "format": BUNDLE_FORMAT,
        "exported_at": "2026-11-27T10:15:00.000000+00:00",
        "stream": {"id": str(stored[0].stream_id), "type": "Case"},
        "hash_algorithm": "sha256",
        "canonicalization": "RFC 8785",
        "head_hash": stored[-1].hash,
    }
    assert len(bundle["events"]) == len(stored) == 12
    for item, event in zip(bundle["events"], stored, strict=True):
        assert item == {
            "event_id": str(event.event_id),
            "version": event.version,
            "type": event.type,
            "recorded_at": format_timestamp(event.recorded_at),
            "data": event.data,
            "metadata": event.metadata,
            "prev_hash": event.prev_hash,
            "hash": event.hash,
        }
        # The store's own recipe, from the bundle's fields alone.
        assert item["hash"] == event_hash(
            event_id=event.event_id,
            stream_id=event.stream_id,
            stream_type=bundle["stream"]["type"],
            version=item["version"],
            type=item["type"],
            data=item["data"],
            metadata=item["metadata"],
            recorded_at=datetime.fromisoformat(item["recorded_at"]),
            prev_hash=item["prev_hash"],
        )


def bundle_case_id(bundle: dict[str, Any]) -> UUID:
    return UUID(bundle["stream"]["id"])


async def test_the_documented_snippet_verifies_a_real_export(
    bundle: dict[str, Any], tmp_path: Path
) -> None:
    status, output = await run_snippet(saved(bundle, tmp_path))
    assert status == 0, output
    assert output.strip() == f"intact: 12 events, head hash {bundle['head_hash']}"
    checked = check_bundle(read_bundle(saved(bundle, tmp_path)))
    assert checked.verification.valid
    assert (checked.stream_id, checked.stream_type) == (bundle["stream"]["id"], "Case")


def test_the_snippet_uses_only_the_standard_library_and_rfc8785() -> None:
    snippet = bundle_snippet()
    imports = {line for line in snippet.splitlines() if line.startswith(("import", "from"))}
    assert imports == {"import hashlib, json, sys", "import rfc8785"}
    assert len(snippet.strip().splitlines()) <= 17


def test_the_readme_shows_the_same_snippet_as_the_auditors_guide_when_it_shows_one() -> None:
    if "bundle-verifier:start" not in README.read_text(encoding="utf-8"):
        pytest.skip("the README does not show the bundle verifier yet")
    assert bundle_snippet(README) == bundle_snippet(DOCS)


def edited(bundle: dict[str, Any], change: Any) -> dict[str, Any]:
    copied = copy.deepcopy(bundle)
    change(copied)
    return copied


EDITS = {
    "a note rewritten": (
        lambda b: b["events"][4]["data"].update(note="Aucune patrouille"),
        5,
        "version 5: the stored hash does not match its contents",
    ),
    "an event removed": (lambda b: b["events"].pop(5), 6, "version 6 is missing"),
    "two events swapped": (
        lambda b: b["events"].__setitem__(slice(2, 4), b["events"][3:1:-1]),
        3,
        "version 3 is missing",
    ),
    "the last event removed": (
        lambda b: b["events"].pop(),
        12,
        "the bundle's head_hash is not the hash of its last event, version 11",
    ),
    "another stream id": (
        lambda b: b["stream"].update(id="00000000-0000-4000-8000-000000000000"),
        1,
        "version 1: the stored hash does not match its contents",
    ),
    "a time shifted": (
        lambda b: b["events"][8].update(recorded_at="2015-07-05T10:00:00+00:00"),
        9,
        "version 9: the stored hash does not match its contents",
    ),
    "no events": (lambda b: b["events"].clear(), 1, "the bundle holds no events"),
}


@pytest.mark.parametrize("name", list(EDITS))
async def test_an_edited_bundle_is_caught_offline_and_the_bad_version_named(
    name: str, bundle: dict[str, Any], tmp_path: Path
) -> None:
    change, version, reason = EDITS[name]
    path = saved(edited(bundle, change), tmp_path)
    found = check_bundle(read_bundle(path)).verification
    assert (found.valid, found.first_invalid_version) == (False, version)
    assert found.reason is not None
    assert found.reason.startswith(reason)
    status, output = await run_snippet(path)
    assert status == 1
    assert output.startswith("BROKEN")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "is not JSON"),
        ("[]", "the bundle must be a JSON object"),
        ('{"format": "other/1"}', "the bundle's format must be 'jsd-audit-bundle/1'"),
        ('{"x": NaN}', "NaN, which is not a JSON number"),
    ],
)
def test_a_file_that_is_not_a_bundle_is_refused_with_a_clear_reason(
    text: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BundleError, match=message):
        check_bundle(read_bundle(path))


def test_an_event_missing_a_field_is_named_by_its_place(bundle: dict[str, Any]) -> None:
    broken = edited(bundle, lambda b: b["events"][2].pop("hash"))
    with pytest.raises(BundleError, match="event #3 of the bundle has no valid 'hash'"):
        check_bundle(broken)
    broken = edited(bundle, lambda b: b["events"][0].update(version=True))
    with pytest.raises(BundleError, match="event #1 of the bundle has no valid 'version'"):
        check_bundle(broken)


def test_check_bundle_on_the_command_line_fails_in_one_line_without_a_database(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bundle.json"
    path.write_text('{"format": "jsd-audit-bundle/1"', encoding="utf-8")
    command = [sys.executable, "-c", "from jsd_api.cli import main; main()"]
    missing = subprocess.run(
        [*command, "audit", "check-bundle", str(tmp_path / "nope.json")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "JSD_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/x"},
        check=False,
    )
    assert missing.returncode == 1
    assert missing.stderr.startswith("jsd: cannot read ")
    assert len(missing.stderr.strip().splitlines()) == 1
    invalid = subprocess.run(
        [*command, "audit", "check-bundle", str(path)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert invalid.returncode == 1
    assert invalid.stderr.startswith("jsd: ")
    assert "is not JSON" in invalid.stderr


async def test_numbers_and_texts_that_compact_json_writes_differently_still_verify(
    store: EventStore, tmp_path: Path
) -> None:
    # 40.0 is "40" in RFC 8785; keys and texts beyond the basic plane sort differently in
    # UTF-16: the exact canonical form decides wherever the fast one differs.
    dialogue = Dialogue.convene(
        name="حوار تونس 🕊",
        country="TN",
        locality="Tunis",
        organization="lantern",
        languages=["ar", "fr"],
        convened_on=date(2016, 1, 4),
    )
    dialogue.add_stakeholder_group("police", StakeholderKind.POLICE, "Police 𝒫")
    dialogue.add_stakeholder_group("youth", StakeholderKind.YOUTH, "شباب\uffee")
    dialogue.hold_session(SessionKind.DIALOGUE, date(2016, 2, 1), {"police": 3, "youth": 12})
    dialogue.record_trust_survey(1, date(2016, 2, 1), "youth", 40, 40.0)
    dialogue.record_trust_survey(2, date(2016, 6, 1), "youth", 35, 1e-7)
    await Recorder(store, "lantern").save(dialogue, on("2016-06-01"))
    found = await verify_stream(store.pool, dialogue.id)
    assert (found.valid, found.events) == (True, 6)
    stored = await store.read_stream(dialogue.id)
    path = tmp_path / "dialogue.audit.json"
    path.write_text(bundle_text(make_bundle(stored, EXPORTED_AT)), encoding="utf-8")
    assert check_bundle(read_bundle(path)).verification.valid
    assert (await run_snippet(path))[0] == 0
    assert json.loads(path.read_text(encoding="utf-8"))["events"][0]["data"]["name"] == (
        "حوار تونس 🕊"
    )
