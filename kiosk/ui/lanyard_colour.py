"""The colour a lanyard's name stands for on screen, for the patch drawn beside the words (the
pass, the roll call): a visitor who reads little English matches the colour, one who cannot
tell colours apart reads the word."""

from __future__ import annotations

from textual.color import Color, ColorParseError


def lanyard_colour(name: str) -> Color | None:
    """The colour a lanyard's name ([lanyards] in kiosk.toml) stands for, if it is one the
    screen knows (a CSS colour name such as red, green, yellow, navy, or #rrggbb)."""
    try:
        return Color.parse(name.strip().lower())
    except ColorParseError:
        return None
