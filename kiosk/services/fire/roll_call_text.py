"""The roll call as plain text: `kiosk onsite` in an 80-column SSH window, and the paper the
printer gets when the alarm sounds (`lp` prints plain text on any CUPS printer).

Names are read out at a fire drill, so nothing is cut: a value wider than its column wraps
onto the next line of the same row ("Siobhán O'Neill" whole, not "Siobhán O'Nei…").
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from kiosk.services.fire.roll_call import RollCall, people_word

SSH_WIDTH = 80
MIN_COLUMN = 8  # narrower wraps a name into pieces nobody can read out
LONGEST_WORD = 30  # a column may break a word longer than this, never a shorter one
GAP = "  "
TICK_BOX = "[ ]"


def _fit(widths: list[int], floors: list[int], max_width: int, last: int | None) -> list[int]:
    """Narrow the widest column, a character at a time, until a line fits or none can; the
    column `last` (the names) only once no other can give any more."""
    widths = list(widths)
    while sum(widths) + len(GAP) * (len(widths) - 1) > max_width:
        room = [w - f for w, f in zip(widths, floors, strict=True)]
        others = [i for i in range(len(widths)) if room[i] > 0 and i != last]
        if not others and (last is None or room[last] <= 0):
            break
        widest = max(others, key=lambda i: widths[i]) if others else last
        assert widest is not None
        widths[widest] -= 1
    return widths


def _longest_word(cell: str) -> int:
    # Split where wrap() may break a line: at spaces, and after a hyphen.
    return max((len(word) for word in re.split(r"\s+|(?<=-)", cell)), default=0)


def _wrap(cell: str, width: int) -> list[str]:
    return textwrap.wrap(cell, width, break_on_hyphens=True) or [""]


def wrapped_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = SSH_WIDTH
) -> str:
    """An aligned table no wider than `max_width`, whose long values wrap within their
    column instead of being cut."""
    widths = [len(h) for h in headers]
    words = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
        words = [max(w, _longest_word(cell)) for w, cell in zip(words, row, strict=True)]
    floors = [
        min(width, max(MIN_COLUMN, min(word, LONGEST_WORD)))
        for width, word in zip(widths, words, strict=True)
    ]
    names = list(headers).index("Name") if "Name" in headers else None
    widths = _fit(widths, floors, max_width, names)
    # Still too wide: the other columns' long words are broken too (a name's only after
    # that), rather than the line running off the edge.
    floors = [
        floor if n == names else min(w, max(MIN_COLUMN, len(h)))
        for n, (floor, w, h) in enumerate(zip(floors, widths, headers, strict=True))
    ]
    widths = _fit(widths, floors, max_width, names)
    floors = [min(w, max(MIN_COLUMN, len(h))) for w, h in zip(widths, headers, strict=True)]
    widths = _fit(widths, floors, max_width, names)
    lines = []
    for row in [list(headers), *rows]:
        pieces = [_wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
        for n in range(max(len(p) for p in pieces)):
            parts = [
                (p[n] if n < len(p) else "").ljust(w) for p, w in zip(pieces, widths, strict=True)
            ]
            lines.append(GAP.join(parts).rstrip())
    return "\n".join(lines) + "\n"


def heading(roll: RollCall) -> str:
    return f"On site at {roll.made_at_text()}: {people_word(roll.count)}"


def roll_call_text(roll: RollCall, width: int = SSH_WIDTH, tick_boxes: bool = False) -> str:
    """The whole list: heading and what it covers, then each group with its count."""
    out = [heading(roll), *textwrap.wrap(roll.coverage(), width)]
    for group in roll.groups:
        out.append("")
        if group.problem:
            out.append(f"{group.title}: could not be read: {group.problem}")
            continue
        out.append(f"{group.title}: {group.count}")
        if not group.people:
            continue
        headers = list(group.headers)
        rows = [list(person.cells) for person in group.people]
        if tick_boxes:
            headers = ["", *headers]
            rows = [[TICK_BOX, *row] for row in rows]
        out.append(wrapped_table(headers, rows, width).rstrip("\n"))
    return "\n".join(out) + "\n"
