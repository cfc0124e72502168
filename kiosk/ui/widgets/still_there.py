"""The "Still there? Tap to keep going" overlay, laid over a screen holding typed input
before the idle reset throws it away. The app's heartbeat shows it and counts it down
(kiosk/ui/app.py); a tap anywhere on it, or a key, keeps everything as it was."""

from __future__ import annotations

from textual import events
from textual.widgets import Static

from kiosk.ui.language import _


class StillThere(Static):
    DEFAULT_CSS = """
    StillThere {
        layer: overlay;
        dock: top;
        width: 100%;
        height: 100%;
        content-align: center middle;
        text-align: center;
        background: $background 90%;
        color: $text;
        text-style: bold;
    }
    """

    def __init__(self, seconds_left: int) -> None:
        super().__init__(self.wording(seconds_left), id="still-there", markup=False)

    @staticmethod
    def wording(seconds_left: int) -> str:
        # In the visitor's language (only the visitor's screens hold typed input).
        return _(
            "Still there? Tap to keep going\n\n"
            "Otherwise it starts again in {seconds} s\n"
            "and what you typed is forgotten."
        ).format(seconds=seconds_left)

    def show(self, seconds_left: int) -> None:
        self.update(self.wording(seconds_left))
        self.display = True

    def hide(self) -> None:
        self.display = False

    def on_click(self, event: events.Click) -> None:
        # The tap itself counts as activity (KioskApp.on_event); it must not reach the form.
        event.stop()
        self.hide()
