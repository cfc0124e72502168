"""Where the touchscreen app meets the hardware: built once, watched once a second.

Keeps kiosk/ui/app.py small: the app holds one HardwareLink. It builds the hardware from the
settings exactly as `kiosk run` does (KIOSK_HARDWARE overrides), hands door events from
gpiozero's thread to the UI thread, drives the status LED from the store's state, fills the
welcome screen's notice, and mounts the simulated-hardware strip on every screen.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from datetime import date
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import Static

from hardware.interface import Hardware, LedState
from kiosk.errors import KioskError
from kiosk.services.close_day import flag_held_overnight
from kiosk.services.context import KioskContext
from kiosk.services.store_watch import StoreStatus, StoreWatch
from kiosk.ui.widgets.hardware_strip import HardwareStrip

if TYPE_CHECKING:
    from textual.app import App

log = logging.getLogger("kiosk.hardware")

PHONES_WAITING_NOTICE = "Phones are waiting to be returned: staff, please see the phone store."


def build_for(context: KioskContext) -> Hardware:
    """The hardware `kiosk run` uses: settings, with KIOSK_HARDWARE taking precedence."""
    from hardware import HardwareError, build_hardware

    try:
        return build_hardware(context.config.hardware)
    except HardwareError as exc:
        raise KioskError(str(exc)) from None


def summary(hardware: Hardware) -> str:
    from hardware import state_summary

    return state_summary(hardware)


class HardwareLink:
    def __init__(self, app: App[None], context: KioskContext, hardware: Hardware) -> None:
        self.app = app
        self.context = context
        self.hardware = hardware
        self.watch = StoreWatch(context, hardware)
        self.status: StoreStatus | None = None
        self._day: date | None = None

    # --- starting and stopping ---------------------------------------------------------------

    def start(self) -> None:
        if self.hardware.door is not None:
            self.hardware.door.on_change(self._door_changed)
        self.app.screen_change_signal.subscribe(self.app, self._screen_changed)
        self.app.set_interval(1, self.update)
        self.update()

    def relock(self) -> None:
        """Lock now, whatever else is going wrong (exceptions, exit)."""
        with contextlib.suppress(Exception):
            self.hardware.lock.lock()

    def close(self) -> None:
        self.relock()
        with contextlib.suppress(Exception):
            self.hardware.close()

    # --- events ------------------------------------------------------------------------------

    def _door_changed(self, is_closed: bool) -> None:
        # gpiozero calls this on its own thread; a simulated door set from a UI button calls
        # it on the UI thread, where call_from_thread is not allowed.
        if threading.get_ident() == getattr(self.app, "_thread_id", None):
            self.update()
            return
        # call_from_thread waits for the UI; a short thread of our own does the waiting, so
        # gpiozero's event thread is never held up (closing the pins joins that thread).
        threading.Thread(target=self._deliver, name="door-event", daemon=True).start()

    def _deliver(self) -> None:
        with contextlib.suppress(RuntimeError):  # the app is shutting down
            self.app.call_from_thread(self.update)

    def _screen_changed(self, screen: Screen[object]) -> None:
        if self.hardware.simulated and not screen.query(HardwareStrip):
            set_door = self.set_door if self.context.demo else None
            screen.mount(HardwareStrip(summary(self.hardware), set_door))
        self.update()

    def set_door(self, closed: bool) -> None:
        """The demo strip's door buttons: open or close the simulated store door."""
        setter = getattr(self.hardware.door, "set_door_closed", None)
        if setter is not None:
            setter(closed)
        self.update()

    # --- once a second -----------------------------------------------------------------------

    def _new_day_check(self) -> None:
        """At start and when the date changes: flag phones still held from an earlier day."""
        today = self.context.now().astimezone(self.context.config.tz).date()
        if today != self._day:
            flag_held_overnight(self.context)
            self._day = today

    def update(self) -> StoreStatus | None:
        """Drive the LED, the strip, the welcome notice and any screen showing the store."""
        try:
            self._new_day_check()
            status = self.watch.update()
        except KioskError as exc:  # a data file problem: shown elsewhere, keep the UI alive
            log.error("store status unavailable: %s", exc)
            with contextlib.suppress(Exception):
                self.hardware.led.show(LedState.FAULT)
            return None
        self.status = status
        if not self.app.screen_stack:
            return status
        screen = self.app.screen
        for strip in screen.query(HardwareStrip):
            strip.show(summary(self.hardware))
        for notice in screen.query("#welcome-notice").results(Static):
            # The door warning outranks the phones notice; neither ever names a pupil.
            notice.update(
                status.warning or (PHONES_WAITING_NOTICE if status.phones_waiting else "")
            )
        show = getattr(screen, "show_store_status", None)
        if callable(show):
            show(status)
        return status
