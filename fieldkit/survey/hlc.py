"""Hybrid logical clock stamps for changes.

A stamp is wall-clock milliseconds shifted left by 16 bits plus a counter, kept
as one integer so SQLite sorts and compares it natively. A device's clock never
runs backwards (a wall clock set back only bumps the counter) and, after a
merge, jumps past every stamp it has seen, so a change written after seeing
another always sorts after it.

**Bounds.** A stamp read from a file from elsewhere must lie between
:data:`EARLIEST_STAMP` and :data:`LATEST_STAMP`, and the clock keeps every
stamp it issues between them too, whatever the wall clock says (a flat CMOS
battery, a laptop set years ahead) and whatever stamp it observed: a change
this laptop writes is always accepted by its peers, and no stamp anyone can
write or send can stop a laptop from writing. The clock follows observed
stamps only up to :data:`LATEST_OBSERVED`, a year short of the limit, so that
a forged stamp at the limit still leaves room for every save to come: a year
of milliseconds times the 65,536 counter values of each is far more stamps
than a survey will ever hold.
"""

import time
from datetime import UTC, datetime

COUNTER_BITS = 16
_YEAR_MS = 365 * 24 * 3600 * 1000


def pack(milliseconds: int, counter: int = 0) -> int:
    return (milliseconds << COUNTER_BITS) | counter


def milliseconds(stamp: int) -> int:
    return stamp >> COUNTER_BITS


#: The earliest stamp a change may carry: 1970-01-01, the start of the wall clock.
#: A laptop whose clock says 1999 writes changes its peers accept.
EARLIEST_STAMP = pack(0)
#: The latest stamp a change may carry: 2100-01-01 (beyond, a stamp is garbage).
LATEST_STAMP = pack(4_102_444_800_000)
#: The latest stamp the clock follows, from the wall or from a merge.
LATEST_OBSERVED = LATEST_STAMP - pack(_YEAR_MS)


def to_datetime(stamp: int) -> datetime:
    """Return the wall time a stamp records, in UTC."""
    return datetime.fromtimestamp(milliseconds(stamp) / 1000, tz=UTC)


def to_iso(stamp: int) -> str:
    """Return the stamp's wall time as an ISO 8601 UTC string, to the millisecond."""
    return to_datetime(stamp).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def within_bounds(stamp: object) -> bool:
    """Whether a stamp from elsewhere is one a change may carry."""
    return type(stamp) is int and EARLIEST_STAMP <= stamp <= LATEST_STAMP


def _followed(stamp: int) -> int:
    return max(EARLIEST_STAMP, min(stamp, LATEST_OBSERVED))


class HybridClock:
    """The clock of one open survey file on this device."""

    def __init__(self, last_seen: int = 0) -> None:
        self.last = _followed(last_seen)

    def observe(self, stamp: int) -> None:
        """Move past a stamp read from elsewhere (a merged change), up to the bound."""
        self.last = max(self.last, _followed(stamp))

    def tick(self) -> int:
        """Return a new stamp, later than every stamp issued or observed (within bounds)."""
        now = _followed(pack(time.time_ns() // 1_000_000))
        self.last = min(max(now, self.last + 1), LATEST_STAMP)
        return self.last
