"""Hybrid logical clock stamps for changes.

A stamp is wall-clock milliseconds shifted left by 16 bits plus a counter, kept
as one integer so SQLite sorts and compares it natively. A device's clock never
runs backwards (a wall clock set back only bumps the counter) and, after a
merge, jumps past every stamp it has seen, so a change written after seeing
another always sorts after it.
"""

import time
from datetime import UTC, datetime

COUNTER_BITS = 16


def pack(milliseconds: int, counter: int = 0) -> int:
    return (milliseconds << COUNTER_BITS) | counter


def milliseconds(stamp: int) -> int:
    return stamp >> COUNTER_BITS


def to_datetime(stamp: int) -> datetime:
    """Return the wall time a stamp records, in UTC."""
    return datetime.fromtimestamp(milliseconds(stamp) / 1000, tz=UTC)


def to_iso(stamp: int) -> str:
    """Return the stamp's wall time as an ISO 8601 UTC string, to the millisecond."""
    return to_datetime(stamp).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class HybridClock:
    """The clock of one open survey file on this device."""

    def __init__(self, last_seen: int = 0) -> None:
        self.last = last_seen

    def observe(self, stamp: int) -> None:
        """Move past a stamp read from elsewhere (a merged change)."""
        self.last = max(self.last, stamp)

    def tick(self) -> int:
        """Return a new stamp, later than every stamp issued or observed."""
        now = pack(time.time_ns() // 1_000_000)
        self.last = max(now, self.last + 1)
        return self.last
