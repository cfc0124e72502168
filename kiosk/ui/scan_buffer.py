"""Collecting what a USB scanner types (a code, then Enter) on a screen with no text box."""

from __future__ import annotations

from kiosk.domain.attendance import looks_like_slip, slip_from_typed
from kiosk.domain.bag_label_code import is_bag_label, starts_like_bag_label
from kiosk.domain.ids import looks_like_card, looks_like_pass

MAX_CODE = 64


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
    when the keys do not end with one. For a text box that a scanner may type into."""
    for start in range(len(typed)):
        candidate = typed[start:]
        if looks_like_pass(candidate) or looks_like_card(candidate) or looks_like_slip(candidate):
            return start, candidate.strip()
        # Strictly a label ("BAG-001"), so "Bag-It Ltd" typed into a form is never a scan.
        if is_bag_label(candidate, bag_prefix):
            return start, candidate.strip()
    return None
