"""`kiosk check`, and the kiosk's own health while it runs.

`check_installation` is `kiosk check`: the settings, every data file, every record against
its schema, records left in two places, and the audit trail (the same checks as
`kiosk audit verify`).

`HealthWatch` is what the running kiosk asks once a second: is anything wrong that the
office should know about? A damaged old history or audit month, a record that fails its
schema, a write that failed (disk full, read-only card). None of these stops visitors
signing in (that needs only live.json): the staff screen says what is wrong and the LED
shows the fault pattern. The lines name files, ids and fields, never what a record holds.

The health watch is also the kiosk's watch on its own clock (ClockWatch: one heartbeat a
second), and a clock that looks wrong (kiosk.services.admin.retention.clock_fault) is a
fault like the others, until the clock is right or an admin has confirmed the date.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime

from kiosk.config import Config, load_config
from kiosk.domain.clock import Clock, SystemClock
from kiosk.errors import KioskError
from kiosk.services.admin.audit_verify import verify_audit
from kiosk.services.admin.clock_watch import ClockWatch, clock_record
from kiosk.services.admin.retention import CLOCK_FAULT, clock_fault
from kiosk.services.context import KioskContext, resolve_data_dir
from kiosk.services.languages import load_languages
from kiosk.services.visitors.rules_file import agreements_for, load_rules, translation_problems
from kiosk.store import RecordStore
from kiosk.store.atomic_json import read_json_file

RECHECK_SECONDS = 3600  # a full check reads every file: at start, then hourly, not every second


def check_installation(
    config_path: str | os.PathLike[str] | None,
    data_dir: str | os.PathLike[str] | None,
    clock: Clock | None = None,
) -> list[str]:
    """One line per problem; empty when healthy. Reads only."""
    # Here, not at the top: the kiosk imports this module at start for HealthWatch, and the
    # letters (with the phone history they read) would slow the welcome screen's first draw.
    from kiosk.services.policy.letters import load_template, template_path

    try:
        config = load_config(config_path)
    except KioskError as exc:
        return [str(exc)]
    problems: list[str] = []
    try:
        load_rules(config.rules_file)
    except KioskError as exc:
        problems.append(str(exc))
    for visitor_type in config.agreements:
        try:
            agreements_for(config.agreements, visitor_type, config.tz)
        except KioskError as exc:
            problems.append(str(exc))
    # The visitors' languages: a catalogue missing, damaged or right to left; a translation
    # of the rules that cannot be read (visitors get the English meanwhile).
    problems.extend(load_languages(config).refused)
    problems.extend(translation_problems(config.rules_file, config.agreements, config.languages))
    try:
        load_template(template_path(config))  # the letter home: a typo shows before printing
    except KioskError as exc:
        problems.append(str(exc))
    try:
        folder = resolve_data_dir(data_dir)
    except KioskError as exc:
        return [*problems, str(exc)]
    store = RecordStore(folder, config.tz)
    found = store.check()
    problems.extend(found)
    if not found:  # the purges against the audit retention, and the clock: readable files only
        context = KioskContext(config, store, clock or SystemClock(config.tz))
        verdict = verify_audit(context)
        if verdict.problem:
            problems.append(f"audit trail: {verdict.problem}")
        fault = clock_fault(context)
        if fault:
            problems.append(fault)
    problems.extend(fire_checks(config, store))
    return problems


def fire_checks(config: Config, store: RecordStore) -> list[str]:
    """The fire alarm input's wiring (as the kiosk last saw it) and the roll call's printer."""
    from kiosk.services.fire.alarm_input import input_problems
    from kiosk.services.fire.printing import printer_problem

    found = [p for p in [printer_problem(config)] if p]
    # live.json cannot be read: the store's own check has said so
    with contextlib.suppress(KioskError):
        found.extend(input_problems(store))
    return found


def startup_blocker(context: KioskContext) -> str | None:
    """Why the kiosk cannot start at all: only an unreadable live.json (the open records and
    staff). Everything else is a fault shown on the staff screen, not a reason to stop."""
    try:
        read_json_file(context.store.live_path)
        context.store.live("visits")
    except KioskError as exc:
        return str(exc)
    return None


@dataclass(frozen=True)
class KioskHealth:
    problems: tuple[str, ...] = ()  # for the office: files, ids, fields; no personal data

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def staff_message(self) -> str:
        """One short line for the staff screen; empty when healthy."""
        if self.ok:
            return ""
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        return f"Kiosk fault: {self.problems[0]}{more}. Please tell the office ('kiosk check')."


class HealthWatch:
    """The kiosk's health, cheap to ask once a second: a failed write shows at once, a full
    check of the data files runs at start and every RECHECK_SECONDS of the kiosk's clock."""

    def __init__(self, context: KioskContext) -> None:
        self.context = context
        self.clock = ClockWatch(context)
        self._checked_at: datetime | None = None
        self._file_problems: tuple[str, ...] = ()
        self._confirmed: datetime | None = None  # when an admin last confirmed the date

    def current(self) -> KioskHealth:
        self.clock.observe()
        now = self.context.now()
        stale = (
            self._checked_at is None
            or self.clock.stepped
            or abs((now - self._checked_at).total_seconds()) >= RECHECK_SECONDS
            or self._date_confirmed()
        )
        if stale:
            self._checked_at = now
            self.clock.stepped = False
            self._confirmed = clock_record(self.context.store).confirmed_at
            # Skipped records are counted again by the next reads: one fixed by hand clears.
            self.context.store.skipped.clear()
            try:
                self._file_problems = tuple(self.context.store.check())
                fault = None if self._file_problems else clock_fault(self.context)
                if fault:
                    self._file_problems += (fault,)
            except KioskError as exc:  # the check itself must never stop the kiosk
                self._file_problems = (str(exc),)
        store = self.context.store
        problems = [store.write_failure] if store.write_failure else []
        problems.extend(self._file_problems)
        skipped = [str(bad) for bad in store.skipped.values()]
        problems.extend(p for p in skipped if p not in problems)
        return KioskHealth(tuple(problems))

    def _date_confirmed(self) -> bool:
        """While the clock looks wrong: has an admin confirmed the date since (purge --force)?
        Then the fault goes at once, not at the next hourly check."""
        if not any(p.startswith(CLOCK_FAULT) for p in self._file_problems):
            return False
        return clock_record(self.context.store).confirmed_at != self._confirmed
