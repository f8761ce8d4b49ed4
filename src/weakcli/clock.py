"""The one place weakcli reads the clock: session and report times, in UTC to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> str:
    """The current time as ISO 8601 in UTC, e.g. 2026-11-24T01:30:00Z."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
