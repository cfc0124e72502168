"""What the store's lock, door and LED should be saying right now (and the fire alarm, which
outranks them all on the LED: hardware/led_priority.py decides).

Driven by the kiosk's clock, not by timers of its own: the app calls `update()` once a
second (and when the door sensor reports), so tests move a FakeClock instead of sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hardware.interface import AlarmReading, Hardware, LedState
from hardware.led_priority import most_urgent
from kiosk.services.admin.health_check import HealthWatch
from kiosk.services.context import KioskContext
from kiosk.services.fire.alarm_input import fault_text
from kiosk.services.phones.phones_waiting import phones_waiting
from kiosk.services.staff.pin_alerts import pending_alerts


@dataclass(frozen=True)
class StoreStatus:
    lock_open: bool
    door_closed: bool | None  # None: no door sensor fitted
    door_left_open: bool  # open past door_open_warning_seconds
    phones_waiting: int
    led: LedState
    fault: str = ""  # for the staff screen: a data or disk problem the office must see
    pin_alerts: int = 0  # PIN lockouts an admin has not yet cleared
    evacuation: bool = False  # the fire alarm input says the alarm is sounding

    @property
    def warning(self) -> str:
        if self.evacuation:
            return (
                "Fire alarm: please leave the building by the nearest exit. Signing in is closed."
            )
        if self.door_left_open:
            return "The phone store door is still open. Please close it now."
        return ""


class StoreWatch:
    def __init__(self, context: KioskContext, hardware: Hardware) -> None:
        self.context = context
        self.hardware = hardware
        self._door_open_since: datetime | None = None
        self.health = HealthWatch(context)

    def _door_closed(self) -> bool | None:
        door = self.hardware.door
        if door is None:
            return None
        try:
            return bool(door.is_closed)
        except Exception:  # a failing sensor must not stop the kiosk; treat as unknown
            return None

    def status(self) -> StoreStatus:
        now = self.context.now()
        closed = self._door_closed()
        if closed is False:
            if self._door_open_since is None:
                self._door_open_since = now
        else:
            self._door_open_since = None
        limit = self.context.config.hardware.door_open_warning_seconds
        left_open = (
            self._door_open_since is not None
            and (now - self._door_open_since).total_seconds() >= limit
        )
        lock_open = not self.hardware.lock.is_locked
        waiting = phones_waiting(self.context)
        alarm = self._alarm_reading()
        # Cannot write, damaged records, or the alarm's wiring: the office must look.
        fault = self.health.current().staff_message or fault_text(alarm)
        alerts = pending_alerts(self.context).count
        evacuation = alarm is AlarmReading.ALARM
        applying = {
            LedState.EVACUATION: evacuation,
            LedState.FAULT: bool(fault),
            LedState.DOOR_LEFT_OPEN: left_open,
            LedState.STORE_OPEN: lock_open,
            LedState.PIN_ALERT: bool(alerts),  # someone may be guessing PINs
            LedState.PHONES_WAITING: bool(waiting),
        }
        led = most_urgent(state for state, applies in applying.items() if applies)
        return StoreStatus(lock_open, closed, left_open, waiting, led, fault, alerts, evacuation)

    def _alarm_reading(self) -> AlarmReading | None:
        alarm = getattr(self.hardware, "fire_alarm", None)
        if alarm is None:
            return None
        try:
            return alarm.reading
        except Exception:  # a failing input must not stop the kiosk
            return None

    def update(self) -> StoreStatus:
        """Work out the status and set the LED when it changes."""
        status = self.status()
        if self.hardware.led.state is not status.led:
            self.hardware.led.show(status.led)
        return status
