"""The running kiosk's watch on its own clock: the runs the purge and close-day judge by.

While the kiosk runs, `ClockWatch.observe()` is asked once a second (by the health watch).
It compares how far the wall clock moved with how far real time moved (the monotonic
clock): the same, and the current run goes on (written to live.json once an hour); not the
same, and the clock was stepped, so the run ends and a new one begins (written at once).
kiosk.domain.clock_trust says what the runs mean.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from kiosk.domain.clock_trust import PERSIST_EVERY, ClockRecord, is_step
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.store import RecordStore
from kiosk.store.record_store import Transaction

CLOCK_KEY = "clock_watch"

log = logging.getLogger("kiosk.clock")


def clock_record(store: RecordStore) -> ClockRecord:
    """What live.json says about the clock (lock-free read)."""
    return ClockRecord.from_value(store.state(CLOCK_KEY))


def _monotonic(context: KioskContext) -> float:
    return float(getattr(context.clock, "monotonic", time.monotonic)())


class ClockWatch:
    def __init__(self, context: KioskContext) -> None:
        self.context = context
        self._seen: tuple[datetime, float] | None = None  # last heartbeat: wall, monotonic
        self._written: datetime | None = None  # the run's end as last written
        self.stepped = False  # set when a step was seen; the health watch clears it

    def observe(self) -> None:
        """One heartbeat. Never raises: a failed write shows as the store's write failure."""
        now, monotonic = self.context.now(), _monotonic(self.context)
        seen, self._seen = self._seen, (now, monotonic)
        if seen is None:
            self._write(lambda record: record.started(now), now)
            return
        wall = (now - seen[0]).total_seconds()
        if is_step(wall, monotonic - seen[1]):
            log.warning("the wall clock was stepped by %.0f s (from %s to %s)", wall, *(
                m.isoformat(timespec="seconds") for m in (seen[0], now)))  # fmt: skip
            self.stepped = True
            self._write(lambda record: record.stepped(seen[0], now), now)
        elif self._written is None or now - self._written >= PERSIST_EVERY:
            self._write(lambda record: record.extended(now), now)

    def _write(self, change: Callable[[ClockRecord], ClockRecord], now: datetime) -> None:
        try:
            with self.context.store.transaction() as tx:
                record = ClockRecord.from_value(tx.get_state(CLOCK_KEY))
                tx.set_state(CLOCK_KEY, change(record).to_value())
        except KioskError as exc:  # a full or read-only card: reported by the health watch
            log.error("clock watch not saved: %s", exc)
            return
        self._written = now


def confirm_clock(tx: Transaction, now: datetime, newest_seen: datetime | None) -> None:
    """An admin checked the date: gaps and records up to now are accepted from here on."""
    record = ClockRecord.from_value(tx.get_state(CLOCK_KEY))
    tx.set_state(CLOCK_KEY, record.confirmed(now, newest_seen).to_value())
