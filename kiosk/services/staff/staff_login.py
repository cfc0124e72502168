"""Checking a typed staff PIN at the kiosk: every wrong one counts, whoever logs in between.

`verify_typed_pin` is the one gate every typed PIN goes through: the staff PIN pad (`log_in`)
and any later place a PIN is asked (staff signing in and out). Each wrong PIN it checks is
counted in the store, for the kiosk as a whole (kiosk.domain.lockout): every 5 lock PIN entry
for a while (capped in school hours; an admin's PIN still works), at most 30 are checked in
any 24 hours, and from the 10th the office is alerted (kiosk.services.staff.pin_alerts). A
correct PIN resets nothing. The count is kept in the store, so turning the kiosk off and on
gives a guesser nothing. While the kiosk runs a lockout is timed on the monotonic clock, so
setting the wall clock cannot shorten or stretch it; after a restart the stored wall time is
used, capped at the lockout's own length (a clock set back an hour does not turn 5 minutes
into 65). `kiosk staff unlock` (an admin, over SSH) ends a lockout and forgives the count.

PIN-only login: a typed PIN is checked against every active member of staff's hash (every
admin's, in a lockout), all of them every time (side by side on the cores), so the time
taken says nothing about who matched. PINs are unique, so at most one matches; two matching
(PINs set before uniqueness was enforced) is refused rather than guessing who is there.

Every failure is audited; the PIN itself never is, and neither is its hash. Hashes are
checked outside the store lock; only the result is written under it. A correct PIN whose
hash predates the PIN key is re-hashed with the key there and then.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from kiosk.config import Config
from kiosk.domain.clock import to_iso
from kiosk.domain.lockout import (
    PinCount,
    PinLimits,
    SchoolHours,
    capped_until,
    lockouts_notice,
    remaining_after_restart,
)
from kiosk.domain.pins import PIN_MAX, hash_pin, needs_rehash
from kiosk.domain.records import Staff
from kiosk.domain.weak_pins import weak_reason
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.staff.pin_alerts import CLOSED, LOCKOUT, WRONG_PINS, record_alert
from kiosk.services.staff.pin_key import key_problem, obtain_pin_key
from kiosk.services.staff.pin_matching import verify_each
from kiosk.services.staff.staff_accounts import STAFF_TABLE, list_staff
from kiosk.store import RecordStore
from kiosk.store.record_store import Transaction

LOCKOUT_KEY = "pin_lockout"
KIOSK_ACTOR = "kiosk"
LOGIN = "staff-login"  # the audit action of a login at the PIN pad
SHARED_PIN = (
    "This PIN belongs to more than one person, so the kiosk cannot tell who you are: "
    "ask the office to give you a new PIN."
)


class PinRejected(KioskError):
    """A wrong PIN. `attempts_left` counts down to the lockout."""

    def __init__(self, attempts_left: int) -> None:
        self.attempts_left = attempts_left
        tries = "try" if attempts_left == 1 else "tries"
        super().__init__(f"That PIN is not right. {attempts_left} {tries} left.")


class PinLockedOut(KioskError):
    """Too many wrong PINs: PIN entry is locked until `until`. `closed`: the daily limit, when
    no PIN at all is checked; otherwise an admin's PIN still works."""

    def __init__(
        self,
        until: datetime,
        minutes_left: int,
        seconds_left: float | None = None,
        closed: bool = False,
    ) -> None:
        self.until = until
        self.minutes_left = minutes_left
        self.closed = closed
        # For the PIN screen's countdown (the message itself counts in minutes).
        self.seconds_left = minutes_left * 60.0 if seconds_left is None else seconds_left
        unit = "minute" if minutes_left == 1 else "minutes"
        if closed:
            text = (
                f"Too many wrong PINs today. PIN entry is closed until {until.strftime('%H:%M')}"
                " (the office has been told and can reopen it)."
            )
        else:
            text = (
                f"Too many wrong PINs. PIN entry is locked for {minutes_left} {unit} "
                f"(until {until.strftime('%H:%M')}); an admin's PIN still works."
            )
        super().__init__(text)

    @property
    def admins_may(self) -> bool:
        return not self.closed


@dataclass(frozen=True)
class StaffLogin:
    """A correct PIN: who it is, and what they should be told on the staff screen."""

    staff: Staff
    notices: tuple[str, ...] = ()


def limits(config: Config) -> PinLimits:
    return PinLimits(
        config.pin_attempts,
        config.pin_lockout_minutes,
        config.pin_wrong_per_day,
        config.pin_alert_from,
        config.pin_lockout_school_hours_minutes,
    )


def school_hours(config: Config) -> SchoolHours:
    day = config.day
    return SchoolHours(day.school_opens, day.closing_time, day.school_days, config.tz)


@dataclass
class _Deadlines:
    """Per open store (that is, per running kiosk): lockout ends on the monotonic clock."""

    ends: dict[str, float] = field(default_factory=dict)  # locked_until -> monotonic end


_DEADLINES: weakref.WeakKeyDictionary[RecordStore, _Deadlines] = weakref.WeakKeyDictionary()


def _monotonic(context: KioskContext) -> float:
    # A Clock written before monotonic() existed still works, on the system's own clock.
    reading = getattr(context.clock, "monotonic", time.monotonic)
    return float(reading())


def _seconds_left(context: KioskContext, state: PinCount) -> float:
    if state.locked_until is None:
        return 0.0
    key = state.locked_until.isoformat()
    deadlines = _DEADLINES.setdefault(context.store, _Deadlines())
    monotonic_now = _monotonic(context)
    end = deadlines.ends.get(key)
    if end is None:
        # First sight of this lockout in this process (set before a restart): the stored
        # wall time, capped at the lockout's length; from here on the monotonic clock.
        minutes = state.minutes or context.config.pin_lockout_minutes
        left = remaining_after_restart(state.locked_until, context.now(), minutes)
        end = monotonic_now + left
        deadlines.ends = {key: end}
    return max(0.0, end - monotonic_now)


def _locked_out(context: KioskContext, state: PinCount) -> PinLockedOut | None:
    remaining = _seconds_left(context, state)
    if remaining <= 0:
        return None
    until = (context.now() + timedelta(seconds=remaining)).astimezone(context.config.tz)
    return PinLockedOut(until, max(1, int(-(-remaining // 60))), remaining, state.closed)


def _read_count(raw: object) -> PinCount:
    return PinCount.from_value(raw)


def lockout(context: KioskContext) -> PinLockedOut | None:
    """The lockout in force now, if any (lock-free read, for the PIN screen to show)."""
    return _locked_out(context, _read_count(context.store.state(LOCKOUT_KEY)))


def _login_key(context: KioskContext) -> bytes | None:
    """The PIN key; None when no stored hash needs it and it cannot be made here.

    A missing or wrong key that hashes need is a one-line KioskError (on the PIN screen and
    in the journal): without it no peppered PIN can match, and staff must not be locked out
    for typing the right one. Hashes from before the key still verify without it.
    """
    problem = key_problem(context)
    if problem:
        raise KioskError(problem)
    try:
        return obtain_pin_key(context)
    except KioskError:
        return None  # legacy hashes only: they still verify; their upgrade waits for a key


def _notices(context: KioskContext, state: PinCount, weak: str) -> list[str]:
    notices = []
    if state.untold:
        first = state.first_untold or context.now()
        notices.append(lockouts_notice(state.untold, first, context.now()))
    if weak and not context.demo:
        notices.append(
            f"Your PIN is too easy to guess ({weak}): ask the office for a new one. "
            "The kiosk will not start again until it is changed."
        )
    return notices


def _refuse_if_locked(context: KioskContext, state: PinCount, admins_only: bool) -> None:
    blocked = _locked_out(context, state)
    if blocked is not None and (blocked.closed or not admins_only):
        raise blocked


def verify_typed_pin(
    context: KioskContext,
    pin: str,
    purpose: str = LOGIN,
    admins_only: bool = False,
    ignore_lockout: bool = False,
    audit_match: bool = True,
    staff_id: str | None = None,
) -> StaffLogin:
    """The active member of staff whose PIN this is; PinRejected or PinLockedOut otherwise.

    Every place a PIN is typed calls this, so every wrong PIN counts towards the same limits;
    `purpose` names the place in the audit trail, and is the action written when the PIN
    matches ("staff-login" at the PIN pad; none with `audit_match` False, for a caller that
    audits what the PIN was for itself). `admins_only`: only an admin's PIN can match (how an
    admin gets in during a lockout); a wrong one, or anyone else's, counts as a wrong PIN like
    any other. `ignore_lockout`: a lockout does not stop this check (closing the fire alarm's
    roll call, which must not stay on screen for hours); PIN entry closed for the day still
    does, so the daily limit holds everywhere. `staff_id`: only this member of staff's PIN
    can match (staff signing in by name: a colleague's PIN is a wrong PIN like any other).

    Slow by design (one scrypt per candidate): call it off the UI thread.
    """
    past_lockout = admins_only or ignore_lockout
    _refuse_if_locked(context, _read_count(context.store.state(LOCKOUT_KEY)), past_lockout)
    active = [
        s
        for s in list_staff(context)
        if s.active
        and s.pin_hash
        and (s.is_admin or not admins_only)
        and (staff_id is None or s.id == staff_id)
    ]
    key = _login_key(context)
    # A PIN that cannot be valid still costs the same scrypt work, so timing does not say
    # which typed PINs were plausible.
    plausible = pin.isascii() and pin.isdigit() and len(pin) <= PIN_MAX
    candidate = pin if plausible else "-"
    matched = verify_each(candidate, [s.pin_hash for s in active], key)
    matches = [s for s, ok in zip(active, matched, strict=True) if ok]
    new_hash = ""
    if len(matches) == 1 and key is not None and needs_rehash(matches[0].pin_hash):
        new_hash = hash_pin(pin, key)
    weak = weak_reason(pin) if len(matches) == 1 else ""
    config = context.config
    now = context.now()
    now_iso = to_iso(now, config.tz)
    with context.store.transaction() as tx:
        state = _read_count(tx.get_state(LOCKOUT_KEY)).recent(now)
        # Another attempt may have locked PIN entry while this one was hashing.
        _refuse_if_locked(context, state, past_lockout)
        if len(matches) == 1:
            staff = matches[0]
            if state.untold and audit_match:
                tx.set_state(LOCKOUT_KEY, state.told().to_value())
            if audit_match:
                tx.audit(now_iso, f"staff:{staff.id}", purpose, staff.id, staff.name)
            record = tx.get(STAFF_TABLE, staff.id)
            changes: dict[str, Any] = {}
            if new_hash and record is not None and record.get("pin_hash") == staff.pin_hash:
                changes["pin_hash"] = new_hash
                tx.audit(now_iso, KIOSK_ACTOR, "staff-pin-upgrade", staff.id, "PIN key added")
            if record is not None and record.get("pin_weak", "") != weak:
                changes["pin_weak"] = weak
            if changes:
                tx.update(STAFF_TABLE, staff.id, changes)
            return StaffLogin(staff, tuple(_notices(context, state, weak)))
        if len(matches) > 1:
            ids = ", ".join(s.id for s in matches)
            tx.audit(now_iso, KIOSK_ACTOR, "pin-shared", "", f"one PIN matches {ids}")
            error: KioskError = KioskError(SHARED_PIN)
        else:
            error = _wrong_pin(context, tx, state, now, purpose, admins_only)
    # Raised after the block so the failure is committed, not rolled back.
    raise error


def log_in(context: KioskContext, pin: str, admins_only: bool = False) -> StaffLogin:
    """A login at the PIN pad (`verify_typed_pin` with the login's audit action)."""
    return verify_typed_pin(context, pin, LOGIN, admins_only)


def _wrong_pin(
    context: KioskContext,
    tx: Transaction,
    state: PinCount,
    now: datetime,
    purpose: str,
    admins_only: bool,
) -> KioskError:
    """Count a wrong PIN under the store lock; lock or close PIN entry when it is one too many."""
    config = context.config
    now_iso = to_iso(now, config.tz)
    hours = school_hours(config)
    pin_limits = limits(config)
    cap = pin_limits.school_hours_minutes
    was_closed = state.closed
    state, outcome = state.after_wrong(
        now, pin_limits, lambda start, until: capped_until(start, until, hours, cap)
    )
    where = f"{purpose}, admins only" if admins_only else purpose
    tx.audit(
        now_iso, KIOSK_ACTOR, "pin-failed", "",
        f"wrong PIN at {where} ({outcome.in_24_hours} in 24 hours)",
    )  # fmt: skip
    tx.set_state(LOCKOUT_KEY, state.to_value())
    if outcome.alert:
        record_alert(tx, now_iso, WRONG_PINS, outcome.in_24_hours)
        tx.audit(
            now_iso, KIOSK_ACTOR, "pin-alert", "",
            f"{outcome.in_24_hours} wrong PINs in 24 hours: the office is alerted",
        )  # fmt: skip
    if outcome.until is None:
        return PinRejected(outcome.attempts_left)
    until_iso = to_iso(outcome.until, config.tz)
    deadlines = _DEADLINES.setdefault(context.store, _Deadlines())
    seconds = max(0.0, (outcome.until - now).total_seconds())
    deadlines.ends = {outcome.until.isoformat(): _monotonic(context) + seconds}
    if outcome.closed:
        detail = f"PIN entry closed until {until_iso}: {outcome.in_24_hours} wrong PINs in 24 hours"
        tx.audit(now_iso, KIOSK_ACTOR, "pin-closed", "", detail)
        if not was_closed:  # closed again as the oldest ages out: the office knows already
            record_alert(tx, now_iso, CLOSED, outcome.in_24_hours, outcome.lockout_minutes)
    else:
        detail = (
            f"PIN entry locked for {outcome.lockout_minutes} minutes "
            f"(lockout {outcome.lockout_number} in 24 hours)"
        )
        tx.audit(now_iso, KIOSK_ACTOR, "pin-locked", "", detail)
        record_alert(tx, now_iso, LOCKOUT, outcome.lockout_number, outcome.lockout_minutes)
    locked = _locked_out(context, state)
    if locked is not None:
        return locked
    return PinLockedOut(outcome.until.astimezone(config.tz), outcome.lockout_minutes)


def unlock_pin_entry(context: KioskContext, actor: str = "admin-cli") -> PinCount:
    """End any lockout and forgive the wrong PINs counted so far (an admin over SSH; audited).

    Returns the count as it was. The alerts stay until cleared (`kiosk staff alerts`)."""
    now = context.now()
    with context.store.transaction() as tx:
        before = _read_count(tx.get_state(LOCKOUT_KEY)).recent(now)
        blocked = _locked_out(context, before)
        tx.set_state(LOCKOUT_KEY, before.unlocked().to_value())
        what = "no lockout in force" if blocked is None else (
            f"ended the {'closure' if blocked.closed else 'lockout'} due to last until "
            f"{to_iso(blocked.until, context.config.tz)}"
        )  # fmt: skip
        tx.audit(
            context.now_iso(), actor, "pin-unlocked", "",
            f"{what}; {len(before.wrong)} wrong PIN(s) in 24 hours forgiven",
        )  # fmt: skip
    return before


def check_pin(context: KioskContext, pin: str) -> Staff:
    """`log_in` for callers that only need to know who it is."""
    return log_in(context, pin).staff


def end_session(context: KioskContext, staff: Staff, why: str) -> None:
    """Audit the end of a staff session (Done or idle timeout)."""
    with context.store.transaction() as tx:
        tx.audit(context.now_iso(), f"staff:{staff.id}", "staff-logout", staff.id, why)
