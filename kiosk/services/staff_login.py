"""Checking a staff PIN at the kiosk, with a lockout after too many wrong PINs.

The lockout is kept in the store's state table, so turning the kiosk off and on again does
not give a guesser a fresh set of tries. Every failure is audited; the PIN itself never is,
and neither is its hash. Hashes are checked outside the store lock (scrypt is slow on
purpose); only the result is written under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.domain.clock import parse_iso, to_iso
from kiosk.domain.pins import PIN_MAX, verify_pin
from kiosk.domain.records import Staff
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.staff_accounts import list_staff

LOCKOUT_KEY = "pin_lockout"
KIOSK_ACTOR = "kiosk"


class PinRejected(KioskError):
    """A wrong PIN. `attempts_left` counts down to the lockout."""

    def __init__(self, attempts_left: int) -> None:
        self.attempts_left = attempts_left
        tries = "try" if attempts_left == 1 else "tries"
        super().__init__(f"That PIN is not right. {attempts_left} {tries} left.")


class PinLockedOut(KioskError):
    """Too many wrong PINs: PIN entry is closed until `until`."""

    def __init__(self, until: datetime, minutes_left: int) -> None:
        self.until = until
        self.minutes_left = minutes_left
        unit = "minute" if minutes_left == 1 else "minutes"
        super().__init__(
            f"Too many wrong PINs. PIN entry is locked for {minutes_left} {unit} "
            f"(until {until.strftime('%H:%M')})."
        )


@dataclass(frozen=True)
class LockoutState:
    failures: int = 0
    locked_until: str = ""  # ISO time, empty when not locked


def _read_state(raw: object) -> LockoutState:
    if isinstance(raw, dict):
        failures = raw.get("failures", 0)
        until = raw.get("locked_until", "")
        return LockoutState(
            failures if isinstance(failures, int) else 0, until if isinstance(until, str) else ""
        )
    return LockoutState()


def _locked_out(context: KioskContext, state: LockoutState) -> PinLockedOut | None:
    if not state.locked_until:
        return None
    try:
        until = parse_iso(state.locked_until).astimezone(context.config.tz)
    except ValueError:
        return None
    remaining = (until - context.now()).total_seconds()
    if remaining <= 0:
        return None
    return PinLockedOut(until, max(1, int(-(-remaining // 60))))


def lockout(context: KioskContext) -> PinLockedOut | None:
    """The lockout in force now, if any (lock-free read, for the PIN screen to show)."""
    return _locked_out(context, _read_state(context.store.state(LOCKOUT_KEY)))


def _matching_staff(context: KioskContext, pin: str) -> Staff | None:
    # A PIN that cannot be valid still costs the same scrypt work, so timing does not say
    # which typed PINs were plausible.
    candidate = pin if pin.isascii() and pin.isdigit() and len(pin) <= PIN_MAX else "-"
    for staff in list_staff(context):
        if staff.active and staff.pin_hash and verify_pin(candidate, staff.pin_hash):
            return staff
    return None


def check_pin(context: KioskContext, pin: str) -> Staff:
    """The active staff member with this PIN; PinRejected or PinLockedOut otherwise.

    Slow by design (one scrypt per active staff member): call it off the UI thread.
    """
    blocked = lockout(context)
    if blocked is not None:
        raise blocked
    staff = _matching_staff(context, pin)
    config = context.config
    now = context.now()
    now_iso = to_iso(now, config.tz)
    with context.store.transaction() as tx:
        state = _read_state(tx.get_state(LOCKOUT_KEY))
        blocked = _locked_out(context, state)
        if blocked is not None:  # another attempt locked it while we were hashing
            raise blocked
        if staff is not None:
            if state != LockoutState():
                tx.set_state(LOCKOUT_KEY, {"failures": 0, "locked_until": ""})
            tx.audit(now_iso, f"staff:{staff.id}", "staff-login", staff.id, staff.name)
            return staff
        failures = (0 if state.locked_until else state.failures) + 1
        tx.audit(
            now_iso,
            KIOSK_ACTOR,
            "pin-failed",
            "",
            f"wrong PIN ({failures} of {config.pin_attempts})",
        )
        if failures < config.pin_attempts:
            tx.set_state(LOCKOUT_KEY, {"failures": failures, "locked_until": ""})
            error: KioskError = PinRejected(config.pin_attempts - failures)
        else:
            until = now + timedelta(minutes=config.pin_lockout_minutes)
            tx.set_state(LOCKOUT_KEY, {"failures": 0, "locked_until": to_iso(until, config.tz)})
            tx.audit(
                now_iso,
                KIOSK_ACTOR,
                "pin-locked",
                "",
                f"PIN entry locked for {config.pin_lockout_minutes} minutes",
            )
            error = PinLockedOut(until.astimezone(config.tz), config.pin_lockout_minutes)
    # Raised after the block so the failure is committed, not rolled back.
    raise error


def end_session(context: KioskContext, staff: Staff, why: str) -> None:
    """Audit the end of a staff session (Done or idle timeout)."""
    with context.store.transaction() as tx:
        tx.audit(context.now_iso(), f"staff:{staff.id}", "staff-logout", staff.id, why)
