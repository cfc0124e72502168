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
from kiosk.services.staff.pin_alerts import pending_alerts
from kiosk.services.staff.pin_key import key_problem
from kiosk.services.staff.staff_accounts import STAFF_TABLE
from kiosk.store import RecordStore


def _active_records(context: KioskContext) -> list[dict[str, object]]:
    # Raw records, not Staff objects: a health check must not trip over a damaged record
    # (checking records' shape is the store's own check).
    return [r for r in context.store.live(STAFF_TABLE) if r.get("active", True)]


def weak_pin_problems(context: KioskContext) -> list[str]:
    """One line per active member of staff whose PIN is on the weak list."""
    return [
        f"staff {r.get('id')} has a PIN that is too easy to guess ({r['pin_weak']}): give "
        f"them a new one with 'kiosk staff pin {r.get('id')}'"
        for r in sorted(_active_records(context), key=lambda r: str(r.get("id")))
        if isinstance(r.get("pin_weak"), str) and r["pin_weak"]
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
        report.problems.extend(weak_pin_problems(context))
        problem = key_problem(context)
        if problem:
            report.problems.append(problem)
        legacy = [
            str(r.get("id"))
            for r in _active_records(context)
            if isinstance(r.get("pin_hash"), str)
            and r["pin_hash"]
            and not is_peppered(r["pin_hash"])
        ]
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
