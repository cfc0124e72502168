"""Contrast on the welcome screen with Textual's dark theme and with the kiosk's, measured
with the WCAG formula (kiosk/ui/contrast.py) from the colours the screen actually draws.

    python -m bench.contrast

Prints, per theme: the lowest text contrast on Sign in, Sign out and Staff (needs 4.5:1),
the body text (7:1) and the quiet text of the simulated-hardware strip (7:1), and how far
the Staff button stands out from the screen behind it (its face or edge, needs 3:1).
"""

from __future__ import annotations

import asyncio
import platform
import tempfile
from dataclasses import replace
from pathlib import Path

from rich.cells import cell_len
from textual.widget import Widget

from kiosk.config import load_config
from kiosk.domain.clock import FakeClock
from kiosk.services.context import KioskContext
from kiosk.store import RecordStore
from kiosk.ui.app import KioskApp
from kiosk.ui.contrast import RGB, contrast_ratio

SIZE = (100, 30)
WHITE, BLACK = (255, 255, 255), (0, 0, 0)


def _rgb(color: object, default: RGB) -> RGB:
    if color is None:
        return default
    t = color.get_truecolor()  # type: ignore[attr-defined]
    return (t.red, t.green, t.blue)


def drawn(app: KioskApp) -> list[list[tuple[str, RGB, RGB]]]:
    rows = []
    for strip in app.screen._compositor.render_strips():
        row: list[tuple[str, RGB, RGB]] = []
        for text, style, control in strip:
            if control:
                continue
            fg = _rgb(style.color if style else None, WHITE)
            bg = _rgb(style.bgcolor if style else None, BLACK)
            for char in text:
                row.extend([(char, fg, bg)] * cell_len(char))
        rows.append(row)
    return rows


def text_contrast(cells: list[list[tuple[str, RGB, RGB]]], widget: Widget) -> float:
    r = widget.region
    ratios = [
        contrast_ratio(fg, bg)
        for row in cells[r.y : r.bottom]
        for char, fg, bg in row[r.x : r.right]
        if not char.isspace() and not 0x2500 <= ord(char) <= 0x259F
    ]
    return min(ratios)


def stands_out(cells: list[list[tuple[str, RGB, RGB]]], widget: Widget) -> float:
    r = widget.region
    behind = widget.background_colors[0].rgb
    behind_rgb = (behind[0], behind[1], behind[2])
    edge = [cells[r.y][r.x + r.width // 2], cells[r.y + r.height // 2][r.x]]
    middle = cells[r.y + r.height // 2][r.x + r.width // 2]
    seen = [middle[2]] + [c[1] for c in edge] + [c[2] for c in edge]
    return max(contrast_ratio(c, behind_rgb) for c in seen)


async def measure(theme: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        config = load_config()
        config = replace(config, hardware=replace(config.hardware, pin_factory="mock"))
        store = RecordStore.open(Path(folder), config.tz)
        context = KioskContext(config=config, store=store, clock=FakeClock("2026-11-25T08:45:00"))
        app = KioskApp(context, heartbeat=False)
        async with app.run_test(size=SIZE) as pilot:
            if theme is not None:
                app.theme = theme
            await pilot.pause()
            await pilot.pause()
            cells = drawn(app)
            q = app.screen.query_one
            return {
                "Sign in text (4.5)": text_contrast(cells, q("#sign-in")),
                "Sign out text (4.5)": text_contrast(cells, q("#sign-out")),
                "Staff text (4.5)": text_contrast(cells, q("#staff")),
                "Staff button against the screen (3)": stands_out(cells, q("#staff")),
                "body text: welcome line (7)": text_contrast(cells, q("#welcome-hint")),
                "quiet text: hardware strip (7)": text_contrast(cells, q("#hardware-state")),
            }


def main() -> None:
    before = asyncio.run(measure("textual-dark"))
    after = asyncio.run(measure(None))
    print(f"Welcome screen at {SIZE[0]}x{SIZE[1]}, Python {platform.python_version()}")
    print(f"| {'what (needs)':<38} | textual-dark | kiosk |")
    print(f"|{'-' * 40}|{'-' * 14}|{'-' * 7}|")
    for name, value in before.items():
        print(f"| {name:<38} | {value:>10.1f}:1 | {after[name]:>3.1f}:1 |")


if __name__ == "__main__":
    main()
