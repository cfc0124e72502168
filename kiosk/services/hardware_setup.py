"""Building the kiosk's hardware from its settings: what `kiosk run` and the app both use."""

from __future__ import annotations

from hardware.interface import Hardware
from hardware.settings import HardwareSettings
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext


def build_for(context: KioskContext) -> Hardware:
    """The hardware `kiosk run` uses: settings, with KIOSK_HARDWARE taking precedence."""
    return build_from(context.config.hardware)


def build_from(settings: HardwareSettings, mode: str | None = None) -> Hardware:
    """The hardware those settings describe (`mode`: "gpio", "mock" or "auto"; None: the
    settings' own), its errors as KioskError. `kiosk selftest` builds it this way too, with
    no records to open (the kiosk is stopped while it runs)."""
    # Imported here: building hardware loads gpiozero, which admin commands never need.
    from hardware import HardwareError, build_hardware

    try:
        return build_hardware(settings, mode=mode)
    except HardwareError as exc:
        raise KioskError(str(exc)) from None
