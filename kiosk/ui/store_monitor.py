"""The store's lock, door and LED as the app sees them: checked at each heartbeat and when
the door sensor reports, and published as app reactives that screens and the strip watch.

The rules live in services (StoreWatch for the LED and the door warning, HeldOvernightRule
for the morning flagging); this only runs them and hands the result to the UI thread.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Protocol

from textual.message import Message

from hardware.errors import HardwareError
from hardware.interface import Hardware, LedState
from hardware.summary import state_summary
from kiosk.errors import KioskError
from kiosk.services.admin.close_day import HeldOvernightRule
from kiosk.services.admin.store_watch import StoreStatus, StoreWatch
from kiosk.services.context import KioskContext
from kiosk.ui.messages import DoorChanged

log = logging.getLogger("kiosk.hardware")


class StatusBoard(Protocol):
    """Where the monitor publishes: the app's reactives, and its message queue."""

    store_status: StoreStatus | None
    hardware_summary: str

    def post_message(self, message: Message) -> bool: ...


class StoreMonitor:
    def __init__(self, app: StatusBoard, context: KioskContext, hardware: Hardware) -> None:
        self.app = app
        self.context = context
        self.hardware = hardware
        self.watch = StoreWatch(context, hardware)
        self.morning = HeldOvernightRule(context)

    def start(self) -> None:
        if self.hardware.door is not None:
            # gpiozero calls this on its own thread: post_message is thread-safe and never
            # waits for the UI, so gpiozero's event thread is never held up.
            self.hardware.door.on_change(lambda closed: self.app.post_message(DoorChanged(closed)))
        self.update()

    def update(self) -> StoreStatus | None:
        """Drive the LED and publish the status (app.store_status) and the strip's summary."""
        try:
            self.morning.run_if_new_day()
            status = self.watch.update()
            summary = state_summary(self.hardware)
        except (KioskError, HardwareError) as exc:
            # A data file problem, or a lock keeper not answering: shown elsewhere (and on
            # the LED); the UI stays alive and the next heartbeat asks again.
            log.error("store status unavailable: %s", exc)
            with contextlib.suppress(Exception):
                self.hardware.led.show(LedState.FAULT)
            return None
        self.app.store_status = status
        self.app.hardware_summary = summary
        return status

    def set_door(self, closed: bool) -> None:
        """The demo strip's door buttons: open or close the simulated store door."""
        setter = getattr(self.hardware.door, "set_door_closed", None)
        if setter is not None:
            setter(closed)
        self.update()

    def relock(self) -> None:
        """Lock now, whatever else is going wrong (exceptions, exit)."""
        with contextlib.suppress(Exception):
            self.hardware.lock.lock()

    def close(self) -> None:
        self.relock()
        with contextlib.suppress(Exception):
            self.hardware.close()
