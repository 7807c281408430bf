"""Running the `jsd` command line as a real subprocess against a test database."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

LAUNCH = "from jsd_api.cli import main; main()"


def environment(database_url: str) -> dict[str, str]:
    """This process's environment without its JSD_ settings, pointed at `database_url`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("JSD_")}
    return {**clean, "JSD_DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}


async def jsd(database_url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run `jsd ARGUMENTS...` to completion; its exit status and output."""
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-c", LAUNCH, *arguments],
        env=environment(database_url),
        capture_output=True,
        text=True,
        timeout=240,
    )
