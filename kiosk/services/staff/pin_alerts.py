"""PIN alerts: kept until an admin has seen them and cleared them.

Raised by kiosk.services.staff.staff_login: at the 10th wrong PIN in 24 hours (even without a
lockout), at every lockout, and when the daily limit closes PIN entry. While any alert is
waiting the status LED shows its PIN-alert pattern and `kiosk check` mentions it;
`kiosk staff alerts` lists them and `--clear` acknowledges them (audited). Kept in the
store's state table; the newest MAX_KEPT are kept, with a count of the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.services.context import KioskContext

ALERTS_KEY = "pin_lockout_alerts"
MAX_KEPT = 100
LOCKOUT = "lockout"  # PIN entry was locked (number: the how-manyth in 24 hours)
WRONG_PINS = "wrong-pins"  # many wrong PINs, locked or not (number: how many in 24 hours)
CLOSED = "closed"  # the daily limit: no PIN checked (number: wrong PINs in 24 hours)
KINDS = (LOCKOUT, WRONG_PINS, CLOSED)


@dataclass(frozen=True)
class LockoutAlert:
    at: str  # ISO time it happened
    minutes: int  # how long PIN entry was locked (0: not locked)
    number: int  # see the kinds above
    kind: str = LOCKOUT

    @property
    def text(self) -> str:
        if self.kind == WRONG_PINS:
            return f"{self.number} wrong PINs in 24 hours"
        if self.kind == CLOSED:
            return f"{self.number} wrong PINs in 24 hours: PIN entry closed for {self.minutes} min"
        return f"PIN entry locked for {self.minutes} min (lockout {self.number} in 24 hours)"


def _read(raw: object) -> tuple[list[LockoutAlert], int]:
    if not isinstance(raw, dict):
        return [], 0
    alerts = []
    for item in raw.get("alerts", []) if isinstance(raw.get("alerts"), list) else []:
        if isinstance(item, dict) and isinstance(item.get("at"), str):
            minutes, number = item.get("minutes", 0), item.get("number", 0)
            kind = item.get("kind", LOCKOUT)
            alerts.append(
                LockoutAlert(
                    item["at"],
                    minutes if isinstance(minutes, int) else 0,
                    number if isinstance(number, int) else 0,
                    kind if kind in KINDS else LOCKOUT,
                )
            )
    dropped = raw.get("dropped", 0)
    return alerts, dropped if isinstance(dropped, int) else 0


def _value(alerts: list[LockoutAlert], dropped: int) -> dict[str, Any]:
    return {
        "alerts": [
            {"at": a.at, "minutes": a.minutes, "number": a.number, "kind": a.kind} for a in alerts
        ],
        "dropped": dropped,
    }


def record_alert(tx: Any, at: str, kind: str, number: int, minutes: int = 0) -> None:
    """Add an alert inside the transaction that records what raised it."""
    alerts, dropped = _read(tx.get_state(ALERTS_KEY))
    alerts.append(LockoutAlert(at, minutes, number, kind))
    if len(alerts) > MAX_KEPT:
        dropped += len(alerts) - MAX_KEPT
        alerts = alerts[-MAX_KEPT:]
    tx.set_state(ALERTS_KEY, _value(alerts, dropped))


@dataclass(frozen=True)
class PendingAlerts:
    alerts: tuple[LockoutAlert, ...]
    dropped: int  # older alerts not kept one by one

    @property
    def count(self) -> int:
        return len(self.alerts) + self.dropped

    def summary(self) -> str:
        if not self.count:
            return ""
        # Dropped alerts are counted as lockouts: only their number was kept.
        others = [a for a in self.alerts if a.kind != LOCKOUT]
        lockouts = self.count - len(others)
        parts = []
        if lockouts:
            parts.append("1 PIN lockout" if lockouts == 1 else f"{lockouts} PIN lockouts")
        if others:
            most = max(a.number for a in others)
            parts.append(f"up to {most} wrong PINs in 24 hours")
        first = self.alerts[0].at[:16].replace("T", " ") if self.alerts else "earlier"
        return (
            f"{' and '.join(parts)} not yet seen by an admin (first {first}): "
            "see 'kiosk staff alerts', then 'kiosk staff alerts --clear'"
        )


def pending_alerts(context: KioskContext) -> PendingAlerts:
    """Alerts waiting for an admin (lock-free read; the LED asks once a second)."""
    alerts, dropped = _read(context.store.state(ALERTS_KEY))
    return PendingAlerts(tuple(alerts), dropped)


def clear_alerts(context: KioskContext, actor: str = "admin-cli") -> PendingAlerts:
    """Acknowledge every waiting alert (audited); returns what was cleared."""
    with context.store.transaction() as tx:
        alerts, dropped = _read(tx.get_state(ALERTS_KEY))
        cleared = PendingAlerts(tuple(alerts), dropped)
        if cleared.count:
            tx.set_state(ALERTS_KEY, _value([], 0))
            tx.audit(
                context.now_iso(), actor, "pin-alerts-cleared", "",
                f"{cleared.count} PIN alert(s) acknowledged",
            )  # fmt: skip
    return cleared
