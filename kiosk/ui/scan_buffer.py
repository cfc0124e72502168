"""Collecting what a USB scanner types (a code, then Enter) on a screen with no text box."""

from __future__ import annotations

from kiosk.domain.attendance import SLIP_LENGTH, SLIP_PREFIX, looks_like_slip, slip_from_typed
from kiosk.domain.bag_label_code import NUMBER_DIGITS, is_bag_label, starts_like_bag_label
from kiosk.domain.ids import (
    CARD_CODE_LENGTH,
    CARD_PREFIX,
    PASS_PREFIX,
    looks_like_card,
    looks_like_pass,
)

MAX_CODE = 64
PASS_LENGTH = len(PASS_PREFIX) + 16
CARD_LENGTH = len(CARD_PREFIX) + CARD_CODE_LENGTH
SLIP_CODE_LENGTH = len(SLIP_PREFIX) + SLIP_LENGTH


class ScanBuffer:
    """Printable characters accumulate; Enter hands back the code and starts afresh."""

    def __init__(self) -> None:
        self._chars: list[str] = []

    def feed(self, character: str | None, key: str) -> str | None:
        """The finished code when `key` is Enter, else None."""
        if key == "enter":
            code = "".join(self._chars).strip()
            self._chars.clear()
            return code or None
        if character and character.isprintable() and len(character) == 1:
            if len(self._chars) >= MAX_CODE:
                # Something is leaning on the keyboard: keep only the newest characters.
                del self._chars[0]
            self._chars.append(character)
        return None

    def clear(self) -> None:
        self._chars.clear()


def code_kind(code: str, bag_prefix: str) -> str:
    """'pass', 'card', 'slip' (a collected pupil's return), 'bag' (this school's bag label
    prefix) or 'unknown'."""
    if looks_like_pass(code):
        return "pass"
    if looks_like_card(code):
        return "card"
    if slip_from_typed(code):
        return "slip"
    if starts_like_bag_label(code, bag_prefix):
        return "bag"
    return "unknown"


def code_at_end(typed: str, bag_prefix: str) -> tuple[int, str] | None:
    """Where a scanned pass, card or bag label starts at the end of `typed`, and the code; None
    when the keys do not end with one. For a text box that a scanner may type into.

    The start includes the spaces typed just before the code. Each kind of code has a known
    length, so only those few places are looked at: linear in the length of `typed`."""
    text = typed.rstrip()
    lengths = [PASS_LENGTH, CARD_LENGTH, SLIP_CODE_LENGTH]
    # Strictly a label ("BAG-001"), so "Bag-It Ltd" typed into a form is never a scan.
    lengths += [len(bag_prefix) + 1 + digits for digits in range(1, NUMBER_DIGITS + 1)]
    found = []
    for length in lengths:
        start = len(text) - length
        candidate = text[start:]
        if start < 0 or candidate[:1].isspace():
            continue
        kinds = (looks_like_pass(candidate), looks_like_card(candidate), looks_like_slip(candidate))
        if any(kinds) or is_bag_label(candidate, bag_prefix):
            found.append(start)
    if not found:
        return None
    start = min(found)
    code = text[start:]
    while start > 0 and typed[start - 1].isspace():
        start -= 1
    return start, code
