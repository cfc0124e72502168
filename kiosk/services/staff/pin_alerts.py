"""PIN lockout alerts: every lockout is kept until an admin has seen it and cleared it.

While any alert is waiting the status LED shows its PIN-alert pattern and `kiosk check`
mentions it; `kiosk staff alerts` lists them and `--clear` acknowledges them (audited).
Kept in the store's state table; the newest MAX_KEPT are kept, with a count of the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.services.context import KioskContext

ALERTS_KEY = "pin_lockout_alerts"
MAX_KEPT = 100


@dataclass(frozen=True)
class LockoutAlert:
    at: str  # ISO time the lockout began
    minutes: int  # how long PIN entry was locked
    number: int  # the how-manyth lockout since the last correct PIN


def _read(raw: object) -> tuple[list[LockoutAlert], int]:
    if not isinstance(raw, dict):
        return [], 0
    alerts = []
    for item in raw.get("alerts", []) if isinstance(raw.get("alerts"), list) else []:
        if isinstance(item, dict) and isinstance(item.get("at"), str):
            minutes, number = item.get("minutes", 0), item.get("number", 0)
            alerts.append(
                LockoutAlert(
                    item["at"],
                    minutes if isinstance(minutes, int) else 0,
                    number if isinstance(number, int) else 0,
                )
            )
    dropped = raw.get("dropped", 0)
    return alerts, dropped if isinstance(dropped, int) else 0


def _value(alerts: list[LockoutAlert], dropped: int) -> dict[str, Any]:
    return {
        "alerts": [{"at": a.at, "minutes": a.minutes, "number": a.number} for a in alerts],
        "dropped": dropped,
    }


def record_alert(tx: Any, at: str, minutes: int, number: int) -> None:
    """Add an alert inside the transaction that records the lockout."""
    alerts, dropped = _read(tx.get_state(ALERTS_KEY))
    alerts.append(LockoutAlert(at, minutes, number))
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
        what = "1 PIN lockout" if self.count == 1 else f"{self.count} PIN lockouts"
        first = self.alerts[0].at[:16].replace("T", " ") if self.alerts else "earlier"
        return (
            f"{what} not yet seen by an admin (first {first}): "
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
                f"{cleared.count} PIN lockout alert(s) acknowledged",
            )  # fmt: skip
    return cleared
