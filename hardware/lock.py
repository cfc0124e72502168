"""The phone store's lock: a fail-secure solenoid behind a relay, de-energised = locked.

An unlock is ONE timed pulse run on gpiozero's own thread (`blink(n=1, background=True)`),
so the store relocks on time even if the UI stalls, raises or hangs. The pin starts
de-energised (locked) the moment the device is built.
"""

from __future__ import annotations

import contextlib
import threading

from gpiozero import DigitalOutputDevice
from gpiozero.exc import ZombieThread
from gpiozero.pins import Factory

from hardware.settings import check_unlock_seconds


class GpioLock:
    """Implements hardware.interface.Lock.

    Unlocking while already open restarts the pulse: the store stays open for `seconds` from
    the latest unlock, as one continuous pulse (no relock-and-reopen clatter, and never a
    second pulse pattern left running).
    """

    def __init__(
        self,
        pin: int,
        *,
        active_high: bool = True,
        unlock_seconds: float,
        pin_factory: Factory | None = None,
    ) -> None:
        self.default_seconds = check_unlock_seconds(unlock_seconds)
        self._device = DigitalOutputDevice(
            pin, active_high=active_high, initial_value=False, pin_factory=pin_factory
        )
        # Re-entrant: the SIGTERM handler may relock while the main thread is inside unlock().
        self._guard = threading.RLock()
        self._closed = False

    @property
    def is_locked(self) -> bool:
        if self._closed:
            return True
        return not self._device.is_active

    @property
    def pin(self) -> object:
        """The gpiozero pin (a MockPin in simulation: tests read its state history)."""
        return self._device.pin

    def unlock(self, seconds: float | None = None) -> None:
        """Energise for `seconds` (default: configured) on gpiozero's thread, then relock."""
        on_time = self.default_seconds if seconds is None else check_unlock_seconds(seconds)
        with self._guard:
            if self._closed:
                raise RuntimeError("the lock has been closed")
            # blink() stops a running pulse (leaving the pin energised) and starts a new one,
            # so a second unlock extends the opening instead of adding a pulse.
            self._device.blink(on_time=on_time, off_time=0, n=1, background=True)

    def lock(self) -> None:
        """De-energise now, cancelling any pulse. Safe to call at any time, even after close."""
        with self._guard:
            if self._closed:
                return
            # off() stops the pulse thread then writes the inactive level; gpiozero's own
            # stop leaves the pin as it was, so the explicit write is what relocks.
            self._device.off()

    def wait_until_locked(self, timeout: float | None = None) -> bool:
        """Block until the current pulse has ended; True when locked. For tests and shutdown."""
        thread = getattr(self._device, "_blink_thread", None)
        if thread is not None:
            with contextlib.suppress(ZombieThread):
                thread.join(timeout)
        return self.is_locked

    def close(self) -> None:
        """Relock, then release the pin (idempotent)."""
        with self._guard:
            if self._closed:
                return
            self._device.off()
            self._device.close()
            self._closed = True
