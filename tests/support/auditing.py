"""For the audit tests: the documented bundle verifier, run exactly as written.

`run_snippet` runs the plain-Python verifier of docs/auditing.md (or the
README) exactly as written there. The Saaba case told over months lives in
`tests.support.recorded`.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tests.support.recorded import Recorder, SaabaCase, on, saaba_case

__all__ = ["DOCS", "Recorder", "SaabaCase", "bundle_snippet", "on", "run_snippet", "saaba_case"]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "auditing.md"


SNIPPET_START, SNIPPET_END = "<!-- bundle-verifier:start -->", "<!-- bundle-verifier:end -->"


def bundle_snippet(document: Path = DOCS) -> str:
    """The plain-Python bundle verifier exactly as docs/auditing.md (or the README) shows it."""
    text = document.read_text(encoding="utf-8")
    block = text.split(SNIPPET_START, 1)[1].split(SNIPPET_END, 1)[0].strip()
    assert block.startswith("```python\n"), block[:40]
    assert block.endswith("```"), block[-40:]
    return block.removeprefix("```python\n").removesuffix("```")


async def run_snippet(bundle: Path, document: Path = DOCS) -> tuple[int, str]:
    """Run the documented verifier on a bundle file, as an auditor would: (exit status, output)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        bundle_snippet(document),
        str(bundle),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode()
