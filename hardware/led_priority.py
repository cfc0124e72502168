"""Which LED pattern shows when several apply: one table, evacuation first, then faults,
then the others (docs/wiring.md, "What the LED means", lists the same order).

Plain data, no gpiozero: the kiosk's services decide the pattern without loading GPIO code.
"""

from __future__ import annotations

from collections.abc import Iterable

from hardware.interface import LedState

# The LED shows the first of the states that apply. A new state must be placed here too:
# a test fails otherwise.
LED_PRIORITY: tuple[LedState, ...] = (
    LedState.EVACUATION,
    LedState.FAULT,
    LedState.DOOR_LEFT_OPEN,
    LedState.STORE_OPEN,
    LedState.PIN_ALERT,
    LedState.PHONES_WAITING,
    LedState.IDLE,
    LedState.OFF,
)


def most_urgent(states: Iterable[LedState]) -> LedState:
    """The state the LED shows when all of `states` apply (IDLE when none does)."""
    applying = set(states)
    return next((state for state in LED_PRIORITY if state in applying), LedState.IDLE)
