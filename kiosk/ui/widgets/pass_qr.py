"""The pass's QR code, drawn with half blocks: dark modules on a white ground."""

from __future__ import annotations

from textual.widgets import Static

from kiosk.ui.qr_text import qr_lines


class PassQR(Static):
    def __init__(self, token: str, *, id: str) -> None:
        super().__init__("\n".join(qr_lines(token)), id=id, markup=False)
        self.token = token
