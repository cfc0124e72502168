"""Building the kiosk's hardware from its settings: what `kiosk run` and the app both use."""

from __future__ import annotations

from hardware.interface import Hardware
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext


def build_for(context: KioskContext) -> Hardware:
    """The hardware `kiosk run` uses: settings, with KIOSK_HARDWARE taking precedence."""
    # Imported here: building hardware loads gpiozero, which admin commands never need.
    from hardware import HardwareError, build_hardware

    try:
        return build_hardware(context.config.hardware)
    except HardwareError as exc:
        raise KioskError(str(exc)) from None
