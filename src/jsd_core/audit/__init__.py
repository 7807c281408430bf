"""The auditors' tools: histories rebuilt from events, time travel, chain verification, bundles.

Everything here reads the event store itself, never a projection, so an
auditor's answer depends only on the stored events and the hash recipe.
"""

from jsd_core.audit.bundle import (
    BUNDLE_FORMAT,
    BundleCheck,
    BundleError,
    bundle_text,
    check_bundle,
    export_case_bundle,
    make_bundle,
    read_bundle,
)
from jsd_core.audit.chain import ChainVerification
from jsd_core.audit.changes import changes
from jsd_core.audit.history import CaseRevision, HistoryError, case_as_of, case_history
from jsd_core.audit.parallel import WorkerFailedError
from jsd_core.audit.state import ActionState, CaseState
from jsd_core.audit.verify import Progress, VerifyReport, verify_all, verify_stream

__all__ = [
    "BUNDLE_FORMAT",
    "ActionState",
    "BundleCheck",
    "BundleError",
    "CaseRevision",
    "CaseState",
    "ChainVerification",
    "HistoryError",
    "Progress",
    "VerifyReport",
    "WorkerFailedError",
    "bundle_text",
    "case_as_of",
    "case_history",
    "changes",
    "check_bundle",
    "export_case_bundle",
    "make_bundle",
    "read_bundle",
    "verify_all",
    "verify_stream",
]
