"""A text box for the kiosk: editing keys only, no copy, cut, paste or word-delete shortcuts."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


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

    def __init__(self, *, id: str, placeholder: str = "", max_length: int | None = None) -> None:
        """max_length: the field's own limit, so the box stops at it (default MAX_TYPED)."""
        super().__init__(
            id=id,
            placeholder=placeholder,
            max_length=max_length or self.MAX_TYPED,
            select_on_focus=False,
        )

    def on_mount(self) -> None:
        # A blinking cursor makes snapshots unstable and tells a headless test nothing.
        if self.app.is_headless:
            self.cursor_blink = False
