"""The one error the hardware layer raises for a person to read."""

from __future__ import annotations


class HardwareError(Exception):
    """The GPIO hardware cannot be used as configured; the message is one line for a person.

    Deliberately not a kiosk.errors.KioskError: the hardware layer depends on nothing in `kiosk`.
    Callers that show errors (CLI, UI) catch it beside KioskError.
    """

    exit_code = 2
