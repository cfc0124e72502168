"""The fire alarm panel's volt-free relay contact, read on a GPIO pin.

The contact is wired from the pin to ground with the Pi's internal pull-up, so a closed
contact reads low. `normally-open`: the contact closes when the alarm sounds;
`normally-closed`: it opens. One contact cannot tell a cut wire from an opened contact, so
a changeover contact's other leg may be wired to a second pin (`check_pin`): the two legs
always disagree while the wiring is sound, and both open means a broken wire (a fault, not
an alarm), both closed wires crossed or shorted. docs/wiring.md has the diagrams.

Debounced by settling, not by gpiozero's `bounce_time`: that ignores the edges after the
first for a while, so a 5 ms spike would raise an alarm and the edge back would be lost.
Here every edge restarts a short timer, and only a reading that has stayed put until it
fires counts. The timer is a thread (`threading.Timer`) unless the caller passes its own
`schedule` (tests do, and run it when they choose).

THREADS: callbacks run on the timer's thread: hand them to a UI with `post_message`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from gpiozero import DigitalInputDevice
from gpiozero.pins import Factory
from gpiozero.pins.mock import MockPin

from hardware.errors import HardwareError
from hardware.interface import AlarmReading
from hardware.settings import NOT_WIRED

log = logging.getLogger(__name__)

# A reading must stay the same this long to count: longer than any relay's bounce or a
# spike picked up on a long cable, and short enough that the roll call is up within a second.
SETTLE_SECONDS = 0.2
WIRED_CONTACTS = ("normally-open", "normally-closed")

Cancel = Callable[[], None]
Schedule = Callable[[float, Callable[[], None]], Cancel]


def thread_timer(delay: float, action: Callable[[], None]) -> Cancel:
    """Run `action` once on a daemon thread after `delay` seconds; returns its cancel."""
    timer = threading.Timer(delay, action)
    timer.daemon = True
    timer.start()
    return timer.cancel


def reading_of(contact: str, main_closed: bool, check_closed: bool | None) -> AlarmReading:
    """What the legs say. `check_closed` is None when no second leg is wired."""
    normally_closed = contact == "normally-closed"
    main_alarm = main_closed != normally_closed  # NO: closed on alarm; NC: open on alarm
    if check_closed is None:
        return AlarmReading.ALARM if main_alarm else AlarmReading.NORMAL
    check_alarm = check_closed == normally_closed  # the other leg is the opposite kind
    if main_alarm == check_alarm:
        return AlarmReading.ALARM if main_alarm else AlarmReading.NORMAL
    return AlarmReading.CROSSED_WIRES if main_closed else AlarmReading.BROKEN_WIRE


class GpioFireAlarm:
    """Implements hardware.interface.FireAlarmInput."""

    def __init__(
        self,
        pin: int,
        *,
        contact: str,
        check_pin: int = NOT_WIRED,
        settle_seconds: float = SETTLE_SECONDS,
        pin_factory: Factory | None = None,
        schedule: Schedule = thread_timer,
    ) -> None:
        if contact not in WIRED_CONTACTS:
            raise HardwareError(f"fire alarm contact must be one of {', '.join(WIRED_CONTACTS)}")
        self.contact = contact
        self._settle_seconds = settle_seconds
        self._schedule = schedule
        self._guard = threading.Lock()
        self._callbacks: list[Callable[[AlarmReading], None]] = []
        self._pending: Cancel | None = None
        self._closed = False
        self._main = DigitalInputDevice(pin, pull_up=True, pin_factory=pin_factory)
        self._check: DigitalInputDevice | None = None
        try:
            if check_pin != NOT_WIRED:
                self._check = DigitalInputDevice(check_pin, pull_up=True, pin_factory=pin_factory)
        except Exception:
            self._main.close()
            raise
        # At start the reading counts at once: there is nothing to settle from.
        self._reading = self._read_now()
        for device in (self._main, self._check):
            if device is not None:
                device.when_activated = self._edge
                device.when_deactivated = self._edge

    @property
    def reading(self) -> AlarmReading:
        return self._reading

    @property
    def simulated(self) -> bool:
        return isinstance(self._main.pin, MockPin)

    @property
    def pins(self) -> tuple[object, ...]:
        """The gpiozero pins (MockPins in simulation: tests drive them)."""
        return tuple(d.pin for d in (self._main, self._check) if d is not None)

    def on_change(self, callback: Callable[[AlarmReading], None]) -> None:
        with self._guard:
            self._callbacks.append(callback)

    def set_alarm(self, sounding: bool) -> None:
        """Simulation only: move the simulated contact (both legs) as the panel's relay would."""
        legs = [self._main, self._check]
        normally_closed = self.contact == "normally-closed"
        for number, device in enumerate(legs):
            if device is None:
                continue
            pin = device.pin
            if not isinstance(pin, MockPin):
                raise HardwareError("the fire alarm can only be set off from the screen in a demo")
            leg_is_nc = normally_closed if number == 0 else not normally_closed
            closed = sounding != leg_is_nc
            if closed:
                pin.drive_low()
            else:
                pin.drive_high()
        # A simulated contact does not bounce: it counts at once (the demo's button answers
        # straight away; the timer the edges started finds nothing more to do).
        self._settled()

    def close(self) -> None:
        with self._guard:
            self._closed = True
            self._callbacks.clear()
            pending, self._pending = self._pending, None
        if pending is not None:
            pending()
        for device in (self._main, self._check):
            if device is not None:
                device.close()

    # --- settling ---------------------------------------------------------------------------

    def _read_now(self) -> AlarmReading:
        check = None if self._check is None else bool(self._check.is_active)
        return reading_of(self.contact, bool(self._main.is_active), check)

    def _edge(self) -> None:
        with self._guard:
            if self._closed:
                return
            if self._pending is not None:
                self._pending()
            self._pending = self._schedule(self._settle_seconds, self._settled)

    def _settled(self) -> None:
        with self._guard:
            if self._closed:
                return
            self._pending = None
            reading = self._read_now()
            if reading is self._reading:
                return  # a bounce or a spike: back where it was
            self._reading = reading
            callbacks = list(self._callbacks)
        for callback in callbacks:
            try:
                callback(reading)
            except Exception:
                log.exception("fire alarm callback failed")
