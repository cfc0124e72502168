"""Collecting what a USB scanner types (a code, then Enter) on a screen with no text box."""

from __future__ import annotations

from kiosk.domain.ids import looks_like_card, looks_like_pass

MAX_CODE = 64
BAG_PREFIX = "BAG-"


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


def code_kind(code: str) -> str:
    """'pass', 'card', 'bag' or 'unknown'."""
    if looks_like_pass(code):
        return "pass"
    if looks_like_card(code):
        return "card"
    if code.strip().upper().startswith(BAG_PREFIX):
        return "bag"
    return "unknown"
