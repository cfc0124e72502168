"""The terminal's font size for the kiosk's text size ([display] in kiosk.toml).

A terminal app cannot draw bigger letters itself: foot, the terminal the kiosk runs in, picks
the size of a character cell, and the panel's pixels divided by the cell give the grid of
columns and rows the kiosk lays out in. So "large text" means fewer, bigger cells:

- large (the default): 80x24 cells on the 7" 800x480 panel (10x20 px cells), the smallest grid
  every screen is designed for, and the size read at arm's length (docs/install-pi.md);
- normal: 100x30 cells there (8x16 px cells).

On any other panel the grid stays the same and the cells grow with the panel: the cell is
the panel's width / columns by its height / rows, the font's pixel size the largest whose
glyphs fit that cell (DejaVu Sans Mono is 0.602 of its pixel size wide and 1.164 tall), and
foot's line height is set to the cell's height so the rows come out exactly. Widths round
down, so a panel never gets fewer columns than the grid (it may get a few more).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FONT = "DejaVu Sans Mono"  # the font systemd/foot.ini names; install.sh's fonts-dejavu-core
ADVANCE = 0.602  # DejaVu Sans Mono: advance width per pixel of font size (1233/2048)
LINE = 1.164  # its ascent + descent per pixel of font size (2384/2048)
TEXT_SIZES: dict[str, tuple[int, int]] = {"normal": (100, 30), "large": (80, 24)}
PANEL = (800, 480)  # the 7" touchscreen


@dataclass(frozen=True)
class TerminalFont:
    pixel_size: int  # foot's font=...:pixelsize=
    line_height: int  # foot's line-height=...px: one cell's height
    columns: int  # the grid the kiosk gets on the panel
    rows: int


def terminal_font(text_size: str, panel: tuple[int, int] = PANEL) -> TerminalFont:
    """The font that gives `text_size`'s grid on a `panel` of (width, height) pixels."""
    columns, rows = TEXT_SIZES[text_size]
    width, height = panel
    cell_width, cell_height = width // columns, height // rows
    pixel_size = max(1, min(math.floor(cell_width / ADVANCE), math.floor(cell_height / LINE)))
    advance = max(1, round(pixel_size * ADVANCE))
    return TerminalFont(pixel_size, cell_height, width // advance, height // cell_height)


def foot_options(font: TerminalFont) -> list[str]:
    """foot's command-line overrides for the font (they win over foot.ini's [main])."""
    return [
        f"--override=main.font={FONT}:pixelsize={font.pixel_size}",
        f"--override=main.line-height={font.line_height}px",
    ]
