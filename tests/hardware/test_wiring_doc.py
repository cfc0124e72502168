"""docs/wiring.md agrees with the shipped settings and the LED patterns staff are told about."""

from __future__ import annotations

import tomllib

from hardware.status_led import LED_PATTERNS
from tests.conftest import REPO

DOC = (REPO / "docs" / "wiring.md").read_text(encoding="utf-8")
SHIPPED = tomllib.loads((REPO / "data" / "kiosk.toml").read_text(encoding="utf-8"))["hardware"]


def test_the_doc_names_the_shipped_pins() -> None:
    for key in ("lock_pin", "led_pin", "door_pin"):
        assert f"`{key} = {SHIPPED[key]}`" in DOC
        assert f"GPIO{SHIPPED[key]}" in DOC


def test_the_doc_explains_every_led_pattern() -> None:
    for pattern in LED_PATTERNS.values():
        assert pattern.meaning in DOC


def test_the_doc_covers_what_the_issue_asks_for() -> None:
    for must in ("fail-secure", "fail-safe", "1N4007", "330 Ω", "reed switch", "override key"):
        assert must in DOC
