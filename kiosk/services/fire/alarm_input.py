"""What the fire alarm input last said, kept where `kiosk check` can read it.

The kiosk holds the GPIO pins while it runs, so `kiosk check` (another process) cannot read
the contact itself: the kiosk writes each change of reading to live.json's state, and
audits it. A broken wire is a fault for the office, not an alarm.
"""

from __future__ import annotations

from typing import Any

from hardware.interface import AlarmReading
from hardware.settings import NOT_WIRED, HardwareSettings
from kiosk.domain.clock import parse_iso
from kiosk.services.context import KioskContext
from kiosk.store import RecordStore

INPUT_KEY = "fire_alarm_input"
INPUT_ACTION = "fire-alarm-input"
FAULT_WORDS = {
    AlarmReading.BROKEN_WIRE: (
        "the fire alarm input reads a broken wire (both legs of the contact open): the alarm "
        "cannot open the roll call; ask the fire alarm company to check the wiring"
    ),
    AlarmReading.CROSSED_WIRES: (
        "the fire alarm input reads both legs closed (wires crossed or shorted): the alarm "
        "cannot open the roll call; ask the fire alarm company to check the wiring"
    ),
}


def fault_text(reading: AlarmReading | None) -> str:
    """The staff screen's line for a wiring fault; empty when there is none."""
    return FAULT_WORDS.get(reading, "") if reading is not None else ""


def record_reading(context: KioskContext, reading: AlarmReading) -> None:
    """Keep the input's new reading for `kiosk check`; audit a fault and its mending."""
    now = context.now_iso()
    with context.store.transaction() as tx:
        before = tx.get_state(INPUT_KEY, {})
        was = before.get("reading") if isinstance(before, dict) else None
        if was == reading.value:
            return
        tx.set_state(INPUT_KEY, {"reading": reading.value, "since": now})
        if reading.is_fault:
            tx.audit(now, "fire-alarm", INPUT_ACTION, "", f"wiring fault: {reading.value}")
        elif was in (r.value for r in FAULT_WORDS):
            tx.audit(now, "fire-alarm", INPUT_ACTION, "", "wiring sound again")


def input_problems(store: RecordStore) -> list[str]:
    """For `kiosk check`: the input's wiring fault, as the running kiosk last saw it."""
    saved: Any = store.state(INPUT_KEY, {})
    if not isinstance(saved, dict):
        return []
    try:
        reading = AlarmReading(saved.get("reading"))
    except ValueError:
        return []
    words = FAULT_WORDS.get(reading)
    if not words:
        return []
    since = saved.get("since", "")
    try:
        when = f" (since {parse_iso(since).astimezone(store.tz):%H:%M on %a %-d %b %Y})"
    except (TypeError, ValueError):
        when = ""
    return [f"{words}{when}"]


def wiring_warnings(settings: HardwareSettings) -> list[str]:
    """For `kiosk check`: a contact wired on one leg only cannot show a broken wire."""
    contact = settings.fire_alarm_contact
    if contact == "none" or settings.fire_alarm_check_pin != NOT_WIRED:
        return []
    seen_as = "an alarm" if contact == "normally-closed" else "nothing at all"
    return [
        f"the fire alarm contact ({contact}) has no second leg wired "
        f"(hardware.fire_alarm_check_pin = 0): a broken wire would look like {seen_as}; "
        'see docs/wiring.md, "Fire alarm input"'
    ]
