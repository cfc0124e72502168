"""Are the staff PINs safe to run with? For `kiosk run` (refuse to start) and `kiosk check`.

The kiosk holds only hashes, so it knows a PIN is weak only when it is set or typed: each
account keeps the reason (`pin_weak`) worked out then. Accounts whose PIN was set before
that existed are checked at their next login.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from kiosk.config import load_config
from kiosk.domain.clock import SystemClock
from kiosk.domain.pins import is_peppered
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext, resolve_data_dir
from kiosk.services.pin_alerts import pending_alerts
from kiosk.services.pin_key import key_problem
from kiosk.services.staff_accounts import list_staff
from kiosk.store import RecordStore


def weak_pin_problems(context: KioskContext) -> list[str]:
    """One line per active member of staff whose PIN is on the weak list."""
    return [
        f"staff {s.id} has a PIN that is too easy to guess ({s.pin_weak}): give them a new "
        f"one with 'kiosk staff pin {s.id}'"
        for s in list_staff(context)
        if s.active and s.pin_weak
    ]


def refuse_unsafe_start(context: KioskContext) -> None:
    """KioskError (one line) when `kiosk run` must not start: a weak PIN or no usable PIN key.

    The demo's own PIN is weak on purpose, so demo mode is exempt.
    """
    if context.demo:
        return
    problems = weak_pin_problems(context)
    if problems:
        raise KioskError(f"not starting: {problems[0]}")
    problem = key_problem(context)
    if problem:
        raise KioskError(f"not starting: {problem}")


@dataclass
class PinReport:
    problems: list[str] = field(default_factory=list)  # the kiosk would refuse to start
    warnings: list[str] = field(default_factory=list)  # an admin should look


def pin_report(
    config_path: str | os.PathLike[str] | None, data_dir: str | os.PathLike[str] | None
) -> PinReport:
    """For `kiosk check`. Reads only; an unreadable config or data file is reported elsewhere."""
    report = PinReport()
    try:
        config = load_config(config_path)
        store = RecordStore(resolve_data_dir(data_dir), config.tz)
        context = KioskContext(config, store, SystemClock(config.tz))
        staff = [s for s in list_staff(context) if s.active]
        report.problems.extend(weak_pin_problems(context))
        problem = key_problem(context)
        if problem:
            report.problems.append(problem)
        legacy = [s.id for s in staff if s.pin_hash and not is_peppered(s.pin_hash)]
        if legacy:
            report.warnings.append(
                f"{len(legacy)} staff PIN(s) not yet protected by the PIN key "
                f"({', '.join(legacy)}): each is upgraded at its owner's next login, or set a "
                "new one with 'kiosk staff pin'"
            )
        summary = pending_alerts(context).summary()
        if summary:
            report.warnings.append(summary)
    except KioskError:
        return PinReport()
    return report
