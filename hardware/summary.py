"""One line of text for the on-screen simulated-hardware strip. Pure: the UI renders it."""

from __future__ import annotations

from hardware.interface import AlarmReading, Hardware
from hardware.status_led import LED_LABELS

ALARM_LABELS = {
    AlarmReading.NORMAL: "off",
    AlarmReading.ALARM: "SOUNDING",
    AlarmReading.BROKEN_WIRE: "BROKEN WIRE",
    AlarmReading.CROSSED_WIRES: "WIRING FAULT",
}


def state_summary(hardware: Hardware) -> str:
    """E.g. "Lock: LOCKED | LED: idle | Door: closed". Abnormal states are in capitals; the
    fire alarm input is added while it is not quiet ("| Alarm: SOUNDING")."""
    lock = "LOCKED" if hardware.lock.is_locked else "UNLOCKED"
    led = LED_LABELS[hardware.led.state]
    door = "no sensor"
    if hardware.door is not None:
        door = "closed" if hardware.door.is_closed else "OPEN"
    summary = f"Lock: {lock} | LED: {led} | Door: {door}"
    alarm = getattr(hardware, "fire_alarm", None)
    if alarm is not None and alarm.reading is not AlarmReading.NORMAL:
        summary += f" | Alarm: {ALARM_LABELS[alarm.reading]}"
    return summary
