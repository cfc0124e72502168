"""One line of text for the on-screen simulated-hardware strip. Pure: the UI renders it."""

from __future__ import annotations

from hardware.interface import Hardware
from hardware.status_led import LED_LABELS


def state_summary(hardware: Hardware) -> str:
    """E.g. "Lock: LOCKED | LED: idle | Door: closed". Abnormal states are in capitals."""
    lock = "LOCKED" if hardware.lock.is_locked else "UNLOCKED"
    led = LED_LABELS[hardware.led.state]
    door = "no sensor"
    if hardware.door is not None:
        door = "closed" if hardware.door.is_closed else "OPEN"
    return f"Lock: {lock} | LED: {led} | Door: {door}"
