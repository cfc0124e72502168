"""Commissioning check for the wiring, run by `kiosk selftest [--config FILE] [--mode M]`.

Shows each LED pattern, reports the fire alarm input, opens the lock once and reports the
door switch, printing what a person should see and hear. Takes built hardware and plain
values: the hardware layer reads no kiosk settings. docs/wiring.md says when to run it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from hardware.interface import Hardware, LedState
from hardware.status_led import LED_PATTERNS

Wait = Callable[[float], object]


def run_selftest(
    hardware: Hardware,
    *,
    unlock_seconds: float = 3.0,
    led_seconds: float = 3.0,
    door_seconds: float = 20.0,
    say: Callable[[str], None] = print,
    wait: Wait | None = None,
) -> bool:
    """Walk through LED, lock and door; True when the lock relocked as it should."""
    pause: Wait = wait or threading.Event().wait
    for state in LedState:
        if state is LedState.OFF:
            continue
        say(f"LED: {LED_PATTERNS[state].meaning} ({state.value})")
        hardware.led.show(state)
        pause(led_seconds)
    hardware.led.show(LedState.OFF)

    alarm = getattr(hardware, "fire_alarm", None)
    if alarm is None:
        say('Fire alarm input: none wired (fire_alarm_contact = "none")')
    else:
        say(
            f"Fire alarm input: reads {alarm.reading.value} now; test it with the alarm company "
            "at the next drill (docs/wiring.md)"
        )

    say(f"Lock: opening for {unlock_seconds:g} s; listen for a click open, then a click shut")
    hardware.lock.unlock(unlock_seconds)
    relocked = _wait_until_locked(hardware, unlock_seconds + 5, pause)
    say("Lock: locked again" if relocked else "Lock: PROBLEM: still unlocked; locking now")
    hardware.lock.lock()

    door = hardware.door
    if door is None:
        say("Door: no reed switch configured (door_sensor = false)")
    else:
        say(
            f"Door: {'shut' if door.is_closed else 'OPEN'} now; open and shut it within "
            f"{door_seconds:g} s"
        )
        door.on_change(lambda is_closed: say(f"Door: {'shut' if is_closed else 'opened'}"))
        pause(door_seconds)
    return relocked


def _wait_until_locked(hardware: Hardware, timeout: float, pause: Wait) -> bool:
    waiter = getattr(hardware.lock, "wait_until_locked", None)
    if waiter is not None:
        return bool(waiter(timeout))
    pause(timeout)
    return hardware.lock.is_locked
