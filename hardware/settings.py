"""Hardware settings as plain values: the hardware layer needs nothing else from the kiosk.

Each field says what it accepts as plain data in its metadata ("range" or "choices"); the
kiosk's config loader (kiosk/config.py) checks the [hardware] table of kiosk.toml against
them. The defaults are in data/kiosk.toml, nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PIN_FACTORIES = ("auto", "gpio", "mock")
# Who times an opening: a process of its own (hardware.lock_keeper: the kiosk's GIL cannot
# hold the store open), or gpiozero's thread in the kiosk. auto: the process on real GPIO.
LOCK_TIMERS = ("auto", "process", "thread")
# Solenoids for cabinets are rated for short duty; a longer "unlock" is a bug, not a wish.
MAX_UNLOCK_SECONDS = 30.0
GPIO_PINS = (2, 27)  # the BCM numbers on a Pi's 40-pin header
# How the fire alarm panel's volt-free contact is wired (docs/wiring.md, "Fire alarm").
FIRE_ALARM_CONTACTS = ("none", "normally-open", "normally-closed")
NOT_WIRED = 0  # fire_alarm_check_pin: no second leg wired


@dataclass(frozen=True)
class HardwareSettings:
    # auto: real GPIO when present, else simulated; gpio; mock
    pin_factory: str = field(metadata={"choices": PIN_FACTORIES})
    # BCM number of the relay input that powers the solenoid
    lock_pin: int = field(metadata={"range": GPIO_PINS})
    lock_active_high: bool  # True: pin high energises the relay (unlocks)
    led_pin: int = field(metadata={"range": GPIO_PINS})
    led_active_high: bool
    door_sensor: bool  # reed switch fitted?
    # reed switch to ground, internal pull-up; closed door = pressed
    door_pin: int = field(metadata={"range": GPIO_PINS})
    unlock_seconds: float = field(metadata={"range": (1, MAX_UNLOCK_SECONDS)})
    lock_timer: str = field(metadata={"choices": LOCK_TIMERS})
    door_open_warning_seconds: float = field(metadata={"range": (5, 600)})
    # the fire alarm panel's relay contact: "none" (not wired), "normally-open" (closes on
    # alarm) or "normally-closed" (opens on alarm); to ground, internal pull-up
    fire_alarm_contact: str = field(metadata={"choices": FIRE_ALARM_CONTACTS})
    fire_alarm_pin: int = field(metadata={"range": GPIO_PINS})
    # the same changeover contact's other leg, so a broken wire shows as a fault (0: not wired)
    fire_alarm_check_pin: int = field(metadata={"range": (NOT_WIRED, GPIO_PINS[1])})
    # a buzzer or lamp in the office, on when a parent asks to collect a pupil (0: none)
    office_alert_pin: int = field(metadata={"range": (NOT_WIRED, GPIO_PINS[1])})
    office_alert_seconds: float = field(metadata={"range": (1, 60)})

    def pins_in_use(self) -> dict[str, int]:
        """The setting name of every pin the fitted devices use (a clash is a mistake)."""
        used = {"lock_pin": self.lock_pin, "led_pin": self.led_pin}
        if self.door_sensor:
            used["door_pin"] = self.door_pin
        if self.fire_alarm_contact != "none":
            used["fire_alarm_pin"] = self.fire_alarm_pin
            if self.fire_alarm_check_pin != NOT_WIRED:
                used["fire_alarm_check_pin"] = self.fire_alarm_check_pin
        if self.office_alert_pin != NOT_WIRED:
            used["office_alert_pin"] = self.office_alert_pin
        return used


def check_unlock_seconds(seconds: float | str) -> float:
    """An opening's length as a number of seconds, or ValueError if it is not more than 0
    and at most MAX_UNLOCK_SECONDS (checked by the lock classes and by the lock keeper)."""
    value = float(seconds)
    if not 0 < value <= MAX_UNLOCK_SECONDS:
        raise ValueError(f"unlock time must be more than 0 and at most {MAX_UNLOCK_SECONDS:g} s")
    return value
