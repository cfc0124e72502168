"""How wide a line of printed text is, from the font's own advance widths, so that a name on a
card or a label on a chart fits without a font library on the Pi.

The printed documents (visitor cards, the evidence report's charts) name DejaVu Sans first:
it is installed with the kiosk (fonts-dejavu-core) and is wider than the fallbacks named after
it (Arial, Helvetica), so a line that fits in DejaVu Sans fits in those too. The widths below
are DejaVu Sans's and DejaVu Sans Bold's advances for printable ASCII, in hundredths of an
em, read from the font files (hmtx). An accented letter is as wide as its base letter (é as
e, Ł as L); anything else counts as a full em, which errs on the side of fitting.
"""

from __future__ import annotations

import unicodedata

_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
# One number per character of _ASCII, in order.
_REGULAR = (
    "32 40 46 84 64 95 78 27 39 39 50 84 32 36 32 34 64 64 64 64 64 64 64 64 64 64 34 34 84 84 84 "
    "53 100 68 69 70 77 63 58 77 75 29 29 66 56 86 75 79 60 79 69 63 61 73 68 99 69 61 69 39 34 "
    "39 84 50 50 61 63 55 63 62 35 63 63 28 28 58 28 97 63 61 63 63 41 52 39 63 59 82 59 59 52 "
    "64 34 64 84"
)
_BOLD = (
    "35 46 52 84 70 100 87 31 46 46 52 84 38 42 38 37 70 70 70 70 70 70 70 70 70 70 40 40 84 84 "
    "84 58 100 77 76 73 83 68 68 82 84 37 37 77 64 100 84 85 73 85 77 72 68 81 77 110 77 72 73 "
    "46 37 46 84 50 50 67 72 59 72 68 44 72 71 34 34 67 34 104 71 69 72 72 49 60 48 71 65 92 65 "
    "65 58 71 37 71 84"
)
_WIDTHS = {
    False: dict(zip(_ASCII, (int(n) / 100 for n in _REGULAR.split()), strict=True)),
    True: dict(zip(_ASCII, (int(n) / 100 for n in _BOLD.split()), strict=True)),
}
# Letters NFKD does not take apart, drawn as wide as these.
_LIKE = {
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "B", "æ": "m", "Æ": "M",
    "œ": "m", "Œ": "M", "þ": "p", "Þ": "P", "ð": "o",
    "\N{LATIN SMALL LETTER DOTLESS I}": "i", "\N{RIGHT SINGLE QUOTATION MARK}": "'",
}  # fmt: skip


def char_width_em(char: str, bold: bool = False) -> float:
    widths = _WIDTHS[bold]
    if char in widths:
        return widths[char]
    base = _LIKE.get(char) or unicodedata.normalize("NFKD", char)[:1]
    return widths.get(base, 1.0)


def text_width_em(text: str, bold: bool = False) -> float:
    """The line's width in ems of its font size."""
    return sum(char_width_em(char, bold) for char in text)


def fitting_size(text: str, width: float, largest: float, bold: bool = False) -> float:
    """The largest font size up to `largest` at which `text` is no wider than `width`."""
    return min(largest, width / max(text_width_em(text, bold), 0.01))


def two_lines(
    text: str, width: float, largest: float, bold: bool = False
) -> tuple[list[str], float]:
    """`text` on one line, or broken after a space or a hyphen onto two, whichever lets it be
    bigger; returns the lines and their font size."""
    best = ([text], fitting_size(text, width, largest, bold))
    for at, char in enumerate(text):
        if char not in " -" or at == 0 or at == len(text) - 1:
            continue
        first = text[: at + 1].rstrip()  # a hyphen stays at the end of the first line
        second = text[at + 1 :].lstrip()
        size = min(
            fitting_size(first, width, largest, bold), fitting_size(second, width, largest, bold)
        )
        if size > best[1]:
            best = ([first, second], size)
    return best
