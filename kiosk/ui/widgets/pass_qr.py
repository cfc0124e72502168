"""The pass's QR code, drawn with half blocks: dark modules on a white ground."""

from __future__ import annotations

from textual.widgets import Static

from kiosk.ui.qr_text import qr_lines


class PassQR(Static):
    """Kept with its screen: `show(token)` draws the next visitor's code (usually drawn ahead
    while they read the rules, see kiosk/ui/qr_text.py); an empty token blanks it."""

    def __init__(self, *, id: str) -> None:
        super().__init__("", id=id, markup=False)
        self.token = ""

    def show(self, token: str) -> None:
        if token == self.token:
            return  # already drawn (the pass's words shown again in the visitor's language)
        self.token = token
        self.update("\n".join(qr_lines(token)) if token else "")
