"""A text box for the kiosk: editing keys only, no copy, cut, paste or word-delete shortcuts.

A box made with `scans=True` also notices a USB scanner typing into it: when the keys typed
since the box last changed otherwise end with a pass, card or bag code and then Enter, the box
takes the code back out and posts `KioskInput.Scanned` instead of submitting.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from kiosk.domain.bag_label_code import DEFAULT_PREFIX
from kiosk.ui.scan_buffer import MAX_CODE, code_at_end


class KioskInput(Input, inherit_bindings=False):
    # Input's own bindings include ctrl+c/x/v (clipboard) and ctrl+u/k/w (erase everything):
    # none of that belongs on a public screen. A physical keyboard still types and edits.
    BINDINGS = [
        Binding("left", "cursor_left", show=False),
        Binding("right", "cursor_right", show=False),
        Binding("home", "home", show=False),
        Binding("end", "end", show=False),
        Binding("backspace", "delete_left", show=False),
        Binding("delete", "delete_right", show=False),
        Binding("enter", "submit", show=False),
    ]

    # Long enough to say "too long" about, short enough that a stuck key cannot flood the screen.
    MAX_TYPED = 200

    class Scanned(Message):
        """A scanner typed a code (then Enter) into this box; the box is as it was before."""

        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    def __init__(
        self,
        *,
        id: str,
        placeholder: str = "",
        max_length: int | None = None,
        scans: bool = False,
        bag_prefix: str = DEFAULT_PREFIX,
    ) -> None:
        """max_length: the field's own limit, so the box stops at it (default MAX_TYPED);
        scans: a code a scanner types here (then Enter) is posted as Scanned, not kept;
        bag_prefix: the school's bag labels' prefix (a setting), for telling them apart."""
        super().__init__(
            id=id,
            placeholder=placeholder,
            max_length=max_length or self.MAX_TYPED,
            select_on_focus=False,
        )
        self.scans = scans
        self.bag_prefix = bag_prefix
        # Printable keys typed since the box last changed otherwise, each with the box's value
        # and cursor just before it: a code found at the end is undone to where it began.
        self._keys: list[tuple[str, str, int]] = []
        self._value_after_keys: str | None = None

    async def _on_key(self, event: events.Key) -> None:
        if self.scans and event.is_printable and event.character:
            if self.value != self._value_after_keys:
                self._keys.clear()  # changed by a tap or an edit: an older run is no scan
            self._keys.append((event.character, self.value, self.cursor_position))
            del self._keys[:-MAX_CODE]
        await super()._on_key(event)
        if self.scans:
            self._value_after_keys = self.value

    async def action_submit(self) -> None:
        keys, self._keys = self._keys, []
        found = None
        if self.scans and keys and self.value == self._value_after_keys:
            found = code_at_end("".join(key for key, _, _ in keys), self.bag_prefix)
        if found is None:
            await super().action_submit()
            return
        start, code = found
        _, self.value, self.cursor_position = keys[start]
        self.post_message(self.Scanned(code))

    def on_mount(self) -> None:
        # A blinking cursor makes snapshots unstable and tells a headless test nothing.
        if self.app.is_headless:
            self.cursor_blink = False
