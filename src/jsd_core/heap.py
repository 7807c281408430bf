"""Keeping long-lived objects out of the garbage collector's full passes."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Every object alive when the block starts is left out of the collector's full
    passes until it ends: a pass then walks only what was made since, not everything
    a process built at startup."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
