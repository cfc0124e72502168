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
from hardware.lock import GpioLock
from hardware.process_lock import ProcessLock
from hardware.settings import PIN_FACTORIES, HardwareSettings
from hardware.status_led import GpioStatusLed

ENV_VAR = "KIOSK_HARDWARE"

log = logging.getLogger(__name__)


class GpioHardware:
    """Implements hardware.interface.Hardware: .lock, .led, .door, .simulated, .close()."""

    def __init__(
        self,
        settings: HardwareSettings,
        pin_factory: Factory,
        *,
        simulated: bool,
        description: str = "",
        keeper_factory: str | None = None,
    ) -> None:
        """`keeper_factory`: the lock pin is held and timed by the lock keeper process, on
        that pin factory ("mock", "lgpio", "rpigpio"); None: gpiozero's thread here."""
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
        try:
            self.led = GpioStatusLed(
                settings.led_pin, active_high=settings.led_active_high, pin_factory=pin_factory
            )
            self.door: GpioDoorSensor | None = None
            # Simulated hardware always has a door, so the demo can open and close it.
            if settings.door_sensor or simulated:
                self.door = GpioDoorSensor(settings.door_pin, pin_factory=pin_factory)
                if simulated:
                    self.door.set_door_closed(True)
        except Exception:
            self.lock.close()
            raise

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
        parts: list[object] = [self.lock, self.led, self.door]
        for part in parts:
            if part is None:
                continue
            # Shutdown goes on to release the rest whatever one part says.
            with contextlib.suppress(Exception):
                part.close()  # type: ignore[attr-defined]
        with contextlib.suppress(Exception):
            self.pin_factory.close()


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
    settings: HardwareSettings, mode: str | None = None, pin_factory: Factory | None = None
) -> GpioHardware:
    """Lock (locked), LED (off) and door, on real GPIO or simulated; see the module note.

    `pin_factory` given: used as is (tests pass their own MockFactory); mode is ignored.
    """
    if pin_factory is not None:
        simulated = isinstance(pin_factory, MockFactory)
        keeper = _keeper(settings, "mock") if simulated else None
        return GpioHardware(settings, pin_factory, simulated=simulated, keeper_factory=keeper)
    chosen = resolve_mode(settings, mode)
    if chosen == "mock":
        return _simulated(settings, "simulated (mock pin factory)")
    try:
        factory = real_pin_factory()
    except HardwareError as exc:
        if chosen == "gpio":
            raise
        # Worth a line in the journal: on a Pi this means the lock will not move.
        log.warning("hardware: using simulated pins: %s", exc)
        return _simulated(settings, f"simulated: {exc}")
    try:
        return GpioHardware(
            settings,
            factory,
            simulated=False,
            description="GPIO",
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


def _simulated(settings: HardwareSettings, description: str) -> GpioHardware:
    # A factory of its own each time: MockFactory pins are shared by everything using one.
    return GpioHardware(
        settings,
        MockFactory(),
        simulated=True,
        description=description,
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
