"""docs/wiring.md agrees with the shipped settings and the LED patterns staff are told about."""

from __future__ import annotations

import tomllib

from hardware.interface import LedState
from hardware.led_priority import LED_PRIORITY, most_urgent
from hardware.status_led import LED_PATTERNS
from tests.conftest import REPO

DOC = (REPO / "docs" / "wiring.md").read_text(encoding="utf-8")
SHIPPED = tomllib.loads((REPO / "data" / "kiosk.toml").read_text(encoding="utf-8"))["hardware"]


def test_the_doc_names_the_shipped_pins() -> None:
    for key in ("lock_pin", "led_pin", "door_pin", "fire_alarm_pin"):
        assert f"`{key} = {SHIPPED[key]}`" in DOC
        assert f"GPIO{SHIPPED[key]}" in DOC


def test_the_doc_explains_every_led_pattern() -> None:
    for pattern in LED_PATTERNS.values():
        assert pattern.meaning in DOC


def test_the_doc_covers_what_the_issue_asks_for() -> None:
    for must in ("fail-secure", "fail-safe", "1N4007", "330 Ω", "reed switch", "override key"):
        assert must in DOC


def test_the_doc_says_how_the_fire_alarm_is_connected() -> None:
    for must in ("volt-free", "isolated", "BS 5839", "fire alarm company", "broken wire"):
        assert must in DOC


def test_led_priority_puts_evacuation_first_then_faults_and_the_doc_agrees() -> None:
    assert set(LED_PRIORITY) == set(LedState), "every state has its place in the table"
    assert LED_PRIORITY[:2] == (LedState.EVACUATION, LedState.FAULT)
    assert most_urgent([LedState.PHONES_WAITING, LedState.EVACUATION]) is LedState.EVACUATION
    assert most_urgent([LedState.STORE_OPEN, LedState.FAULT]) is LedState.FAULT
    assert most_urgent([LedState.PIN_ALERT, LedState.DOOR_LEFT_OPEN]) is LedState.DOOR_LEFT_OPEN
    assert most_urgent([]) is LedState.IDLE
    listed = DOC[DOC.index("**When several apply") :]
    words = ["evacuation", "kiosk fault", "door left open", "store unlocked", "PIN lockouts",
             "phones waiting", "idle"]  # fmt: skip
    positions = [listed.index(word) for word in words]
    assert positions == sorted(positions)
