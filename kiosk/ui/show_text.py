"""Putting words in a Static only when they change.

Textual's `Static.update` lays the whole screen out again, even for the words already shown.
The welcome screen's clock is set every second and its notices on every screen change; on a
Pi each of those needless layouts is tens of milliseconds, some of them in the middle of a
visitor's tap.
"""

from __future__ import annotations

from textual.widgets import Static


def show_text(widget: Static, text: str) -> None:
    """Show `text` (markup as the widget reads it) in `widget`, unless it already shows it."""
    if widget.content != text:
        widget.update(text)
