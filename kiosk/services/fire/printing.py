"""Printing the roll call on the school's printer with the system's `lp` (CUPS).

Plain text, which every CUPS printer prints without drivers for HTML: the same list as
`kiosk onsite`, a tick box before each name, sized for A4 (12 characters an inch). With no
`[fire] printer` set nothing is tried. `lp` only queues the job: it answers in well under a
second, so the alarm's print is handed over within two seconds of the contact closing (the
printer then needs its own warm-up). Run off the UI thread all the same.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.config import Config
from kiosk.services.fire.roll_call import RollCall
from kiosk.services.fire.roll_call_text import roll_call_text

LP_SECONDS = 15  # a CUPS that does not answer in this long is not going to
PRINT_WIDTH = 88  # characters a line at 12 cpi on A4, inside CUPS's margins
LP_OPTIONS = ("-o", "cpi=12", "-o", "lpi=7", "-o", "media=A4")
NOT_INSTALLED = "the lp command is not installed (apt install cups-client)"

Run = Callable[..., "subprocess.CompletedProcess[str]"]


@dataclass(frozen=True)
class PrintResult:
    ok: bool
    detail: str  # lp's answer ("request id is office-12 (1 file(s))"), or why it failed


def lp_command(printer: str, roll: RollCall, school: str) -> list[str]:
    title = f"Fire roll call {roll.made_at:%H:%M} {school}"[:100]
    return ["lp", "-d", printer, "-t", title, *LP_OPTIONS]


def print_roll_call(config: Config, roll: RollCall, run: Run | None = None) -> PrintResult | None:
    """Hand the list to `lp`; None when no printer is set (nothing is tried)."""
    printer = config.fire.printer
    if not printer:
        return None
    text = roll_call_text(roll, width=PRINT_WIDTH, tick_boxes=True)
    command = lp_command(printer, roll, config.school_name)
    runner: Any = run or subprocess.run
    try:
        result = runner(
            command, input=text, capture_output=True, text=True, timeout=LP_SECONDS, check=False
        )
    except FileNotFoundError:
        return PrintResult(False, NOT_INSTALLED)
    except subprocess.TimeoutExpired:
        return PrintResult(False, f"lp did not answer in {LP_SECONDS} s (is CUPS running?)")
    except OSError as exc:
        return PrintResult(False, f"lp could not be run: {exc.strerror or exc}")
    said = " ".join((result.stdout or result.stderr or "").split())[:200]
    if result.returncode != 0:
        return PrintResult(False, f"lp refused the job (exit {result.returncode}): {said}")
    return PrintResult(True, f"printer {printer}: {said or 'queued'}")


def printer_problem(config: Config) -> str:
    """For `kiosk check`: a printer is set but cannot be printed to from here."""
    if config.fire.printer and shutil.which("lp") is None:
        return f"fire.printer is {config.fire.printer!r} but {NOT_INSTALLED}"
    return ""
