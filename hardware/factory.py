"""Build the kiosk's hardware from settings: real GPIO, or gpiozero's MockFactory.

Mode, first found: the `mode` argument, the KIOSK_HARDWARE environment variable, then
settings.pin_factory. `auto` uses real GPIO when this machine has it and simulates otherwise;
`gpio` insists on real GPIO (HardwareError if absent); `mock` always simulates.
"""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Callable

from gpiozero.pins import Factory
from gpiozero.pins.mock import MockFactory

from hardware.door_sensor import SIMULATION_ONLY, GpioDoorSensor
from hardware.errors import HardwareError
from hardware.fire_alarm import GpioFireAlarm, Schedule, thread_timer
from hardware.lock import GpioLock
from hardware.office_alert import GpioOfficeAlert
from hardware.process_lock import ProcessLock
from hardware.settings import NOT_WIRED, PIN_FACTORIES, HardwareSettings
from hardware.status_led import GpioStatusLed

ENV_VAR = "KIOSK_HARDWARE"

log = logging.getLogger(__name__)


class GpioHardware:
    """Implements hardware.interface.Hardware: .lock, .led, .door, .fire_alarm, .office_alert,
    .simulated, .close(). `schedule` runs the fire alarm input's settling timer (tests pass
    their own). `keeper_factory`: the lock pin is held and timed by the lock keeper process
    (hardware.lock_keeper), on that pin factory ("mock", "lgpio", "rpigpio"); None: by
    gpiozero's thread here."""

    def __init__(
        self,
        settings: HardwareSettings,
        pin_factory: Factory,
        *,
        simulated: bool,
        description: str = "",
        schedule: Schedule = thread_timer,
        keeper_factory: str | None = None,
    ) -> None:
        self.settings = settings
        self.pin_factory = pin_factory
        self.simulated = simulated
        self.description = description or ("simulated" if simulated else "GPIO")
        self._closed = False
        self.lock: GpioLock | ProcessLock
        if keeper_factory is None:
            self.lock = GpioLock(
                settings.lock_pin,
                active_high=settings.lock_active_high,
                unlock_seconds=settings.unlock_seconds,
                pin_factory=pin_factory,
            )
        else:
            self.lock = ProcessLock(
                settings.lock_pin,
                active_high=settings.lock_active_high,
                unlock_seconds=settings.unlock_seconds,
                factory=keeper_factory,
            )
        self.door: GpioDoorSensor | None = None
        self.fire_alarm: GpioFireAlarm | None = None
        self.office_alert: GpioOfficeAlert | None = None
        try:
            self.led = GpioStatusLed(
                settings.led_pin, active_high=settings.led_active_high, pin_factory=pin_factory
            )
            # Simulated hardware always has a door, so the demo can open and close it (unless
            # the alarm contact is set on its pin).
            door_pin_free = settings.door_pin not in settings.pins_in_use().values()
            if settings.door_sensor or (simulated and door_pin_free):
                self.door = GpioDoorSensor(settings.door_pin, pin_factory=pin_factory)
                if simulated:
                    self.door.set_door_closed(True)
            self.fire_alarm = _fire_alarm(settings, pin_factory, simulated, schedule)
            if settings.office_alert_pin != NOT_WIRED:
                self.office_alert = GpioOfficeAlert(
                    settings.office_alert_pin,
                    seconds=settings.office_alert_seconds,
                    pin_factory=pin_factory,
                )
        except Exception:
            self.lock.close()
            for part in (
                getattr(self, "led", None),
                getattr(self, "door", None),
                getattr(self, "fire_alarm", None),
            ):
                if part is not None:
                    with contextlib.suppress(Exception):
                        part.close()
            raise

    def set_fire_alarm(self, sounding: bool) -> None:
        """Simulation only: the demo strip's alarm button."""
        if self.fire_alarm is None or not self.simulated:
            raise HardwareError("the fire alarm can only be set off from the screen in a demo")
        self.fire_alarm.set_alarm(sounding)

    def set_door_closed(self, closed: bool) -> None:
        """Simulation only: open or close the simulated store door."""
        if self.door is None or not self.simulated:
            raise HardwareError(SIMULATION_ONLY)
        self.door.set_door_closed(closed)

    def close(self) -> None:
        """Relock, switch the LED off and release every pin. Idempotent; never raises."""
        if self._closed:
            return
        self._closed = True
        # The lock first and on its own: nothing that fails later may leave the store open.
        parts: list[object] = [self.lock, self.led, self.door, self.fire_alarm, self.office_alert]
        for part in parts:
            if part is None:
                continue
            # Shutdown goes on to release the rest whatever one part says.
            with contextlib.suppress(Exception):
                part.close()  # type: ignore[attr-defined]
        with contextlib.suppress(Exception):
            self.pin_factory.close()


def _fire_alarm(
    settings: HardwareSettings, pin_factory: Factory, simulated: bool, schedule: Schedule
) -> GpioFireAlarm | None:
    """The alarm panel's contact as wired; simulated hardware always has one (normally open,
    unless set), so the demo's alarm button works, where its pin is free."""
    contact = settings.fire_alarm_contact
    if contact == "none":
        used = {settings.lock_pin, settings.led_pin, settings.door_pin}
        if not simulated or settings.fire_alarm_pin in used:
            return None
        contact = "normally-open"
        check_pin = NOT_WIRED
    else:
        check_pin = settings.fire_alarm_check_pin
    return GpioFireAlarm(
        settings.fire_alarm_pin,
        contact=contact,
        check_pin=check_pin,
        pin_factory=pin_factory,
        schedule=schedule,
    )


def resolve_mode(settings: HardwareSettings, mode: str | None = None) -> str:
    """The pin factory mode in force: argument, else $KIOSK_HARDWARE, else settings."""
    chosen = mode or os.environ.get(ENV_VAR) or settings.pin_factory
    chosen = chosen.strip().lower()
    if chosen not in PIN_FACTORIES:
        if mode:
            source = "hardware mode"
        else:
            source = ENV_VAR if os.environ.get(ENV_VAR) else "hardware.pin_factory"
        raise HardwareError(f"{source} must be one of {', '.join(PIN_FACTORIES)}; got {chosen!r}")
    return chosen


def build_hardware(
    settings: HardwareSettings,
    mode: str | None = None,
    pin_factory: Factory | None = None,
    *,
    schedule: Schedule = thread_timer,
) -> GpioHardware:
    """Lock (locked), LED (off), door and fire alarm input, on real GPIO or simulated; see
    the module note.

    `pin_factory` given: used as is (tests pass their own MockFactory); mode is ignored.
    `schedule`: the fire alarm input's settling timer (tests pass one they run themselves).
    """
    if pin_factory is not None:
        simulated = isinstance(pin_factory, MockFactory)
        keeper = _keeper(settings, "mock") if simulated else None
        return GpioHardware(
            settings, pin_factory, simulated=simulated, schedule=schedule, keeper_factory=keeper
        )
    chosen = resolve_mode(settings, mode)
    if chosen == "mock":
        return _simulated(settings, "simulated (mock pin factory)", schedule)
    try:
        factory = real_pin_factory()
    except HardwareError as exc:
        if chosen == "gpio":
            raise
        # Worth a line in the journal: on a Pi this means the lock will not move.
        log.warning("hardware: using simulated pins: %s", exc)
        return _simulated(settings, f"simulated: {exc}", schedule)
    try:
        return GpioHardware(
            settings,
            factory,
            simulated=False,
            description="GPIO",
            schedule=schedule,
            keeper_factory=_keeper(settings, _keeper_name(factory)),
        )
    except Exception as exc:
        factory.close()
        raise HardwareError(f"GPIO pins could not be set up: {exc}") from exc


def _keeper(settings: HardwareSettings, factory_name: str) -> str | None:
    """The keeper's pin factory when the lock keeper process times the lock, else None."""
    timer = settings.lock_timer
    if timer == "process" or (timer == "auto" and factory_name != "mock"):
        return factory_name
    return None


def _keeper_name(factory: Factory) -> str:
    """The name the keeper process builds the same kind of factory by."""
    if isinstance(factory, MockFactory):  # real GPIO faked in a test
        return "mock"
    return "rpigpio" if type(factory).__name__.startswith("RPiGPIO") else "lgpio"


def _simulated(settings: HardwareSettings, description: str, schedule: Schedule) -> GpioHardware:
    # A factory of its own each time: MockFactory pins are shared by everything using one.
    return GpioHardware(
        settings,
        MockFactory(),
        simulated=True,
        description=description,
        schedule=schedule,
        keeper_factory=_keeper(settings, "mock"),
    )


def _lgpio() -> Factory:
    from gpiozero.pins.lgpio import LGPIOFactory

    return LGPIOFactory()


def _rpigpio() -> Factory:
    from gpiozero.pins.rpigpio import RPiGPIOFactory

    return RPiGPIOFactory()


# lgpio works on every Pi including the 5; RPi.GPIO for older installs. Not pigpio (needs a
# daemon) nor gpiozero's "native" fallback (pokes registers; wrong on a Pi 5).
REAL_FACTORIES: tuple[tuple[str, Callable[[], Factory]], ...] = (
    ("lgpio", _lgpio),
    ("RPi.GPIO", _rpigpio),
)


def real_pin_factory() -> Factory:
    """A pin factory for this machine's real GPIO, or HardwareError saying why there is none."""
    problems: list[str] = []
    for name, load in REAL_FACTORIES:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return load()
        except Exception as exc:
            problems.append(f"{name}: {_first_line(exc)}")
    raise HardwareError(
        "no GPIO found on this machine (" + "; ".join(problems) + "); "
        "on a Raspberry Pi: apt install python3-lgpio, venv made with --system-site-packages; "
        f"elsewhere: {ENV_VAR}=mock"
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
