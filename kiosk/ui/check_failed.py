"""What a screen says when a PIN or card check on a worker thread has failed.

Those workers run with `exit_on_error=False`, so Textual neither stops the app nor reports
the error: the screen's handler is the only place that sees it. Our own refusals (a wrong
PIN, a lockout, a busy store) are one line for the person at the screen; anything else is a
fault, which the journal must get with its traceback while the screen says only `fallback`
(its text may hold a record's contents)."""

from __future__ import annotations

import logging

from kiosk.errors import KioskError

log = logging.getLogger("kiosk.ui")


def check_failed_text(error: BaseException | None, fallback: str) -> str:
    """The line to show for a failed check: a KioskError's own words, else `fallback`."""
    if isinstance(error, KioskError):
        return str(error)
    log.error("a PIN or card check failed: %s", type(error).__name__, exc_info=error)
    return fallback
