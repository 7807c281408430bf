"""Read models built from the global log."""
