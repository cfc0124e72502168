"""WCAG 2.x contrast between two sRGB colours: what the kiosk's theme is measured by
(tests/screen_check.py reads the colours the screens draw; bench/contrast.py prints them).

AA asks 4.5:1 for text (the kiosk's buttons), AAA 7:1 (the kiosk's body text), and 3:1 for
the edge of a control against what is behind it (WCAG 2.1, 1.4.11).
"""

from __future__ import annotations

RGB = tuple[int, int, int]


def relative_luminance(rgb: RGB) -> float:
    """WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """From 1 (the same) to 21 (black on white), whichever is lighter."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
