"""What a screen may ask of the kiosk app, as a type: screens see this, never the app class,
so no screen module depends on kiosk/ui/app.py (which imports the screens)."""

from __future__ import annotations

from typing import Protocol

from hardware.interface import Hardware
from kiosk.services.context import KioskContext
from kiosk.services.languages import Languages


class KioskAPI(Protocol):
    context: KioskContext
    hardware: Hardware
    languages: Languages  # offered on welcome, English first

    def return_to_welcome(self, *, keep_language: bool = False) -> None:
        """Drop every screen above welcome, forgetting what they held (and, unless
        `keep_language`, the visitor's language)."""
        ...

    def show_fault(self, error: BaseException) -> None:
        """A calm full-screen message instead of a traceback."""
        ...
