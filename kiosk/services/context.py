"""What every use case needs: settings, the record store and the clock, built once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.config import Config, load_config
from kiosk.domain.clock import Clock, SystemClock, to_iso
from kiosk.errors import KioskError
from kiosk.store import RecordStore
from kiosk.store.file_lock import KIOSK_WAIT

SYSTEM_DATA_DIR = Path("/var/lib/kiosk")


@dataclass
class KioskContext:
    config: Config
    store: RecordStore
    clock: Clock
    demo: bool = False

    def now(self) -> datetime:
        return self.clock.now()

    def now_iso(self) -> str:
        return to_iso(self.clock.now(), self.config.tz)


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit)
    env = os.environ.get("KIOSK_DATA_DIR")
    if env:
        return Path(env)
    if SYSTEM_DATA_DIR.is_dir():
        return SYSTEM_DATA_DIR
    raise KioskError(
        "no data folder: pass --data-dir DIR or set KIOSK_DATA_DIR "
        f"(on the Pi it is {SYSTEM_DATA_DIR}); to try the kiosk, run 'kiosk demo'"
    )


def for_touchscreen(context: KioskContext) -> KioskContext:
    """The kiosk app's store: a write waits for the data lock briefly and then says "busy,
    try again" (StoreBusy); a tap is one journal line and one flush, and checkpoints (with
    any reference table changed at the touchscreen, a regular's card) come from the app's
    heartbeat instead (docs/records.md)."""
    context.store.lock_wait = KIOSK_WAIT
    context.store.rewrite_own_references = False
    context.store.checkpoint_inline = False  # the app checkpoints from its heartbeat
    return context


def checkpoint_due(context: KioskContext) -> bool:
    """Whether the touchscreen's checkpoint is due; False when the store cannot say (a
    damaged live.json: the store monitor shows that fault, and the kiosk keeps running)."""
    try:
        return context.store.checkpoint_due()
    except KioskError:
        return False


def checkpoint_if_due(context: KioskContext) -> bool:
    """The touchscreen's checkpoint (docs/records.md), run off the UI thread once the journal
    is long enough; a busy store or a failed write waits for the next heartbeat (the
    health check shows a write that keeps failing). True if one was made."""
    if not checkpoint_due(context):
        return False
    try:
        context.store.checkpoint()
    except KioskError:
        return False
    return True


def open_context(
    config_path: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    clock: Clock | None = None,
    create: bool = False,
    demo: bool = False,
) -> KioskContext:
    """Load config and open the store. `create` makes a missing data folder (kiosk run, demo)
    and gives a folder never written to its genesis audit entry (the trail's fixed start)."""
    config = load_config(config_path)
    # Starting the kiosk (run, demo) converts a folder of the first layout once; the other
    # commands refuse it with one line (docs/updating.md).
    store = RecordStore.open(
        resolve_data_dir(data_dir),
        config.tz,
        create=create,
        start_trail=create,
        convert=create,
        kiosk_id=config.kiosk_id,
    )
    return KioskContext(
        config=config, store=store, clock=clock or SystemClock(config.tz), demo=demo
    )
