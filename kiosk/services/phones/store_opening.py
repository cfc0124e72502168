"""The one place that opens the phone store's lock.

The store must never open without a record saying why, so the order is fixed: the records
and the "store-opened" audit entry are committed durably first; only then is the lock
pulsed. If writing fails, the lock stays shut. If the lock fails after the record was
written, that is audited too, so the trail never claims an opening that did not happen
without saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TypeVar

from hardware.interface import Hardware, LedState
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.store.record_store import Transaction

T = TypeVar("T")

OPENED = "store-opened"
OPEN_FAILED = "store-open-failed"


class StoreDidNotOpen(KioskError):
    """The record was written but the lock did not respond."""


def staff_actor(staff_id: str) -> str:
    return f"staff:{staff_id}"


def open_store(
    context: KioskContext,
    hardware: Hardware,
    staff_id: str,
    record_ids: Sequence[str],
    why: str,
    write: Callable[[Transaction], T],
) -> T:
    """Run `write` and audit the opening in one transaction, then pulse the lock once.

    `record_ids` are the phones the opening is for; the audit entry names them all.
    """
    now = context.now_iso()
    actor = staff_actor(staff_id)
    with context.store.transaction() as tx:
        result = write(tx)
        tx.audit(now, actor, OPENED, ",".join(record_ids), why)
    seconds = context.config.hardware.unlock_seconds
    try:
        hardware.lock.unlock(seconds)
    except Exception as exc:
        with context.store.transaction() as tx:
            tx.audit(context.now_iso(), actor, OPEN_FAILED, ",".join(record_ids), str(exc)[:200])
        raise StoreDidNotOpen(
            "The record is saved, but the store lock did not open. Please tell the office."
        ) from exc
    # A dead LED must not hide that the store is open: the screen says so as well.
    with suppress(Exception):
        hardware.led.show(LedState.STORE_OPEN)
    return result
