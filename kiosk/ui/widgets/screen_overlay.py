"""What every overlay laid over a whole screen shares: its own layer, the screen's full size,
its box centred, hidden until opened. The screen underneath shows through, dimmed; an
overlay that must hide it (the PIN pad over the roll call) sets a solid background."""

from __future__ import annotations

from textual.containers import Vertical


class ScreenOverlay(Vertical):
    DEFAULT_CSS = """
    ScreenOverlay {
        layer: overlay;
        dock: top;
        width: 100%;
        height: 100%;
        align: center middle;
        background: $background 85%;
        display: none;
    }
    """
