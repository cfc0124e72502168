"""Checking a staff PIN at the kiosk, with lockouts that grow the longer someone guesses.

Five wrong PINs in a row lock PIN entry: the first time for `staff.pin_lockout_minutes`
(5), then 15, then 60, then doubling to a day (kiosk.domain.lockout). Only a correct PIN
starts the ladder again. The state is kept in the store, so turning the kiosk off and on
again gives a guesser nothing. While the kiosk runs a lockout is timed on the monotonic
clock, so setting the wall clock cannot shorten or stretch it; after a restart the stored
wall time is used, capped at the lockout's own length (a clock set back an hour does not
turn 5 minutes into 65).

Every lockout is also an alert (kiosk.services.staff.pin_alerts) until an admin clears it, and
the next member of staff to log in is told how many there were.

PIN-only login: a typed PIN is checked against every active member of staff's hash, all of
them every time (side by side on the cores), so the time taken says nothing about who
matched. PINs are unique, so at most one matches; two matching (PINs set before uniqueness
was enforced) is refused rather than guessing who is at the kiosk.

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

from kiosk.domain.clock import parse_iso, to_iso
from kiosk.domain.lockout import lockout_minutes, lockouts_notice, remaining_after_restart
from kiosk.domain.pins import PIN_MAX, hash_pin, needs_rehash
from kiosk.domain.records import Staff
from kiosk.domain.weak_pins import weak_reason
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.staff.pin_alerts import record_alert
from kiosk.services.staff.pin_key import key_problem, obtain_pin_key
from kiosk.services.staff.pin_matching import verify_each
from kiosk.services.staff.staff_accounts import list_staff
from kiosk.store import RecordStore

LOCKOUT_KEY = "pin_lockout"
KIOSK_ACTOR = "kiosk"
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
    """Too many wrong PINs: PIN entry is closed until `until`."""

    def __init__(
        self, until: datetime, minutes_left: int, seconds_left: float | None = None
    ) -> None:
        self.until = until
        self.minutes_left = minutes_left
        # For the PIN screen's countdown (the message itself counts in minutes).
        self.seconds_left = minutes_left * 60.0 if seconds_left is None else seconds_left
        unit = "minute" if minutes_left == 1 else "minutes"
        super().__init__(
            f"Too many wrong PINs. PIN entry is locked for {minutes_left} {unit} "
            f"(until {until.strftime('%H:%M')})."
        )


@dataclass(frozen=True)
class StaffLogin:
    """A correct PIN: who it is, and what they should be told on the staff screen."""

    staff: Staff
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class LockoutState:
    failures: int = 0  # wrong PINs since the last lockout ended or the last correct PIN
    locked_until: str = ""  # ISO wall time the current lockout ends; "" when not locked
    minutes: int = 0  # the current (or last) lockout's length
    lockouts: int = 0  # lockouts since the last correct PIN: sets the next one's length
    first_lockout_at: str = ""  # when the first of those began, for the staff screen

    def to_value(self) -> dict[str, Any]:
        return {
            "failures": self.failures,
            "locked_until": self.locked_until,
            "minutes": self.minutes,
            "lockouts": self.lockouts,
            "first_lockout_at": self.first_lockout_at,
        }


def _read_state(raw: object) -> LockoutState:
    if not isinstance(raw, dict):
        return LockoutState()

    def number(name: str) -> int:
        value = raw.get(name, 0)
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    def text(name: str) -> str:
        value = raw.get(name, "")
        return value if isinstance(value, str) else ""

    return LockoutState(
        number("failures"),
        text("locked_until"),
        number("minutes"),
        number("lockouts"),
        text("first_lockout_at"),
    )


@dataclass
class _Deadlines:
    """Per open store (that is, per running kiosk): lockout ends on the monotonic clock."""

    ends: dict[str, float] = field(default_factory=dict)  # locked_until -> monotonic end


_DEADLINES: weakref.WeakKeyDictionary[RecordStore, _Deadlines] = weakref.WeakKeyDictionary()


def _monotonic(context: KioskContext) -> float:
    # A Clock written before monotonic() existed still works, on the system's own clock.
    reading = getattr(context.clock, "monotonic", time.monotonic)
    return float(reading())


def _seconds_left(context: KioskContext, state: LockoutState) -> float:
    if not state.locked_until:
        return 0.0
    deadlines = _DEADLINES.setdefault(context.store, _Deadlines())
    monotonic_now = _monotonic(context)
    end = deadlines.ends.get(state.locked_until)
    if end is None:
        # First sight of this lockout in this process (set before a restart): the stored
        # wall time, capped at the lockout's length; from here on the monotonic clock.
        try:
            until = parse_iso(state.locked_until)
        except ValueError:
            return 0.0
        minutes = state.minutes or context.config.pin_lockout_minutes
        left = remaining_after_restart(until, context.now(), minutes)
        end = monotonic_now + left
        deadlines.ends = {state.locked_until: end}
    return max(0.0, end - monotonic_now)


def _locked_out(context: KioskContext, state: LockoutState) -> PinLockedOut | None:
    remaining = _seconds_left(context, state)
    if remaining <= 0:
        return None
    until = (context.now() + timedelta(seconds=remaining)).astimezone(context.config.tz)
    return PinLockedOut(until, max(1, int(-(-remaining // 60))), remaining)


def lockout(context: KioskContext) -> PinLockedOut | None:
    """The lockout in force now, if any (lock-free read, for the PIN screen to show)."""
    return _locked_out(context, _read_state(context.store.state(LOCKOUT_KEY)))


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


def _notices(context: KioskContext, state: LockoutState, staff: Staff, weak: str) -> list[str]:
    notices = []
    if state.lockouts and state.first_lockout_at:
        try:
            first = parse_iso(state.first_lockout_at)
        except ValueError:
            first = context.now()
        notices.append(lockouts_notice(state.lockouts, first, context.now()))
    if weak and not context.demo:
        notices.append(
            f"Your PIN is too easy to guess ({weak}): ask the office for a new one. "
            "The kiosk will not start again until it is changed."
        )
    return notices


def log_in(
    context: KioskContext, pin: str, staff_id: str | None = None, purpose: str = "staff-login"
) -> StaffLogin:
    """The active staff member with this PIN; PinRejected or PinLockedOut otherwise.

    Every place a PIN is typed comes here, so every wrong PIN counts towards the same
    lockout. `staff_id`: only this member of staff's PIN can match (staff signing in by name:
    a colleague's PIN is a wrong PIN like any other). `purpose` is the audit action written
    when it matches.

    Slow by design (one scrypt per candidate): call it off the UI thread.
    """
    blocked = lockout(context)
    if blocked is not None:
        raise blocked
    active = [
        s
        for s in list_staff(context)
        if s.active and s.pin_hash and (staff_id is None or s.id == staff_id)
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
        state = _read_state(tx.get_state(LOCKOUT_KEY))
        blocked = _locked_out(context, state)
        if blocked is not None:  # another attempt locked it while we were hashing
            raise blocked
        if len(matches) == 1:
            staff = matches[0]
            if state != LockoutState():
                tx.set_state(LOCKOUT_KEY, LockoutState().to_value())
            tx.audit(now_iso, f"staff:{staff.id}", purpose, staff.id, staff.name)
            record = tx.get("staff", staff.id)
            changes: dict[str, Any] = {}
            if new_hash and record is not None and record.get("pin_hash") == staff.pin_hash:
                changes["pin_hash"] = new_hash
                tx.audit(now_iso, KIOSK_ACTOR, "staff-pin-upgrade", staff.id, "PIN key added")
            if record is not None and record.get("pin_weak", "") != weak:
                changes["pin_weak"] = weak
            if changes:
                tx.update("staff", staff.id, changes)
            return StaffLogin(staff, tuple(_notices(context, state, staff, weak)))
        if len(matches) > 1:
            ids = ", ".join(s.id for s in matches)
            tx.audit(now_iso, KIOSK_ACTOR, "pin-shared", "", f"one PIN matches {ids}")
            error: KioskError = KioskError(SHARED_PIN)
        else:
            error = _wrong_pin(context, tx, state, now)
    # Raised after the block so the failure is committed, not rolled back.
    raise error


def _wrong_pin(context: KioskContext, tx: Any, state: LockoutState, now: datetime) -> KioskError:
    """Count a wrong PIN under the store lock; lock PIN entry when it is one too many."""
    config = context.config
    now_iso = to_iso(now, config.tz)
    failures = (0 if state.locked_until else state.failures) + 1
    tx.audit(
        now_iso, KIOSK_ACTOR, "pin-failed", "", f"wrong PIN ({failures} of {config.pin_attempts})"
    )
    if failures < config.pin_attempts:
        tx.set_state(
            LOCKOUT_KEY,
            LockoutState(
                failures, "", state.minutes, state.lockouts, state.first_lockout_at
            ).to_value(),
        )
        return PinRejected(config.pin_attempts - failures)
    number = state.lockouts + 1
    minutes = lockout_minutes(number, config.pin_lockout_minutes)
    until = now + timedelta(minutes=minutes)
    until_iso = to_iso(until, config.tz)
    first = state.first_lockout_at or now_iso
    tx.set_state(LOCKOUT_KEY, LockoutState(0, until_iso, minutes, number, first).to_value())
    deadlines = _DEADLINES.setdefault(context.store, _Deadlines())
    deadlines.ends = {until_iso: _monotonic(context) + minutes * 60}
    detail = f"PIN entry locked for {minutes} minutes (lockout {number} since the last correct PIN)"
    tx.audit(now_iso, KIOSK_ACTOR, "pin-locked", "", detail)
    record_alert(tx, now_iso, minutes, number)
    return PinLockedOut(until.astimezone(config.tz), minutes)


def check_pin(context: KioskContext, pin: str) -> Staff:
    """`log_in` for callers that only need to know who it is."""
    return log_in(context, pin).staff


def end_session(context: KioskContext, staff: Staff, why: str) -> None:
    """Audit the end of a staff session (Done or idle timeout)."""
    with context.store.transaction() as tx:
        tx.audit(context.now_iso(), f"staff:{staff.id}", "staff-logout", staff.id, why)
