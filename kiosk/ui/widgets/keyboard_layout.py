"""Where each key of the on-screen keyboard is: its rows for a state, and each key's region.

Pure geometry, no Textual widgets: the keyboard draws every key itself (one widget, not 57),
so that showing it, relabelling it on Shift or changing its rows repaints one widget instead
of laying out and painting dozens.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.geometry import Region

DIGITS = "1234567890"
# The hyphen sits in the bottom row: the third row then has room for Shift and Delete at
# their full names beside seven letters, and every row is the same twenty half-keys wide.
LETTER_ROWS = ("qwertyuiop", "asdfghjkl'", "zxcvbnm")
KEY_NAMES = {"'": "apostrophe", "-": "hyphen", ".": "full-stop"}
KEY_ROWS = 3  # a key is 3 rows tall: a fingertip on the 7" panel
SHIFT_LABEL = "⇧ Shift"
DELETE_LABEL = "⌫ Delete"
SPACE_LABEL = "Space"
SWITCHES = frozenset({"shift", "accents", "done"})


def key_id(character: str) -> str:
    """The id of a character's key: key-a, key-7, key-apostrophe, key-full-stop."""
    return "key-" + KEY_NAMES.get(character, character)


@dataclass(frozen=True)
class KeyCap:
    """One key: what tapping it does (`value`), what it shows, and how it looks.

    `kind` picks the look (plain, done); `weight` is its share of the row's
    width in half-keys, as Textual's `fr` units (a letter 2, Space 6). Every row adds up to
    twenty (ten letters), so the keys of all rows line up and every letter is as wide as
    every other.
    """

    key_id: str
    value: str
    label: str
    kind: str = "plain"
    weight: int = 2
    on: bool = False  # Shift or the accents shown: drawn lit

    @property
    def repeats(self) -> bool:
        """Tapped again and again on purpose (letters, digits, Space, Delete): never taken
        for a finger's bounce. Shift and the accents switch something on and off, and Done
        moves the form on: a bounce there would undo or skip (kiosk/ui/tap_guard.py)."""
        return self.value not in SWITCHES


@dataclass(frozen=True)
class KeyboardState:
    upper: bool = False
    shifted: bool = False
    show_digits: bool = False
    accents: str = ""  # the accented forms shown in place of the top letter row
    accent_label: str = ""
    done_label: str = "Done"
    # Shift's, Delete's and Space's words (a visitor's screen gives them in their language).
    words: tuple[str, str, str] = (SHIFT_LABEL, DELETE_LABEL, SPACE_LABEL)


def keyboard_rows(state: KeyboardState) -> list[list[KeyCap]]:
    """The rows shown, top to bottom. The accents stand in for the top letter row, so the
    keyboard keeps its height; the digits add a row only where the field needs them."""
    rows: list[list[KeyCap]] = []
    if state.show_digits:
        rows.append([KeyCap(key_id(d), d, d) for d in DIGITS])
    if state.accents:
        rows.append([KeyCap(f"key-accent-{i}", f, f) for i, f in enumerate(state.accents)])
    for number, letters in enumerate(LETTER_ROWS):
        if number == 0 and state.accents:
            continue
        row = [KeyCap(key_id(c), c, c.upper() if state.upper else c) for c in letters]
        if number == 2:
            shift_label, delete_label, _ = state.words
            shift = KeyCap("key-shift", "shift", shift_label, weight=3, on=state.shifted)
            delete = KeyCap("key-backspace", "backspace", delete_label, weight=3)
            row = [shift, *row, delete]
        rows.append(row)
    # No Back key: every screen with a keyboard has its own Back button above, and a Back
    # among the keys was taken for the key that deletes a letter.
    rows.append(
        [
            KeyCap("key-accents", "accents", state.accent_label, weight=4, on=bool(state.accents)),
            KeyCap(key_id("-"), "-", "-"),
            KeyCap("key-space", " ", state.words[2], weight=6),
            KeyCap(key_id("."), ".", "."),
            KeyCap("key-done", "done", state.done_label, kind="done", weight=6),
        ]
    )
    return rows


@dataclass(frozen=True)
class PlacedKey:
    cap: KeyCap
    region: Region  # inside the keyboard, (0, 0) at its top left


def place_keys(rows: list[list[KeyCap]], width: int) -> list[PlacedKey]:
    """Each key's region in a keyboard `width` cells wide: every row fills the width, shared
    by weight, with the rounding spread along the row so no key is more than one cell off."""
    placed = []
    for number, row in enumerate(rows):
        total = sum(cap.weight for cap in row)
        so_far = 0
        for cap in row:
            left = so_far * width // total
            so_far += cap.weight
            right = so_far * width // total
            placed.append(PlacedKey(cap, Region(left, number * KEY_ROWS, right - left, KEY_ROWS)))
    return placed


def key_at(placed: list[PlacedKey], x: int, y: int) -> KeyCap | None:
    for key in placed:
        if key.region.contains(x, y):
            return key.cap
    return None
