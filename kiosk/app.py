"""`kiosk.app.KioskApp`: the touchscreen app (see kiosk.ui.app)."""

from kiosk.ui.app import KioskApp

__all__ = ["KioskApp"]
