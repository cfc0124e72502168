"""Phones in the store now, as staff see them, and whether they are waiting to go home."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.domain.clock import parse_iso
from kiosk.domain.records import PHONE_REASONS, Phone
from kiosk.services.context import KioskContext
from kiosk.services.phones.phone_store import normalise_label


@dataclass
class HeldPhone(Phone):
    """A phone in the store as staff see it: the record, and when it came in, for people."""

    since: str = ""  # "08:40", or "Tue 08:40" when stored on an earlier day

    @property
    def reason_label(self) -> str:
        return PHONE_REASONS.get(self.reason, self.reason)


def _since(stored_at: str, now: datetime, context: KioskContext) -> str:
    moment = parse_iso(stored_at).astimezone(context.config.tz)
    if moment.date() == now.date():
        return moment.strftime("%H:%M")
    return moment.strftime("%a %-d %b %H:%M")


def _held(record: dict[str, Any], now: datetime, context: KioskContext) -> HeldPhone:
    return HeldPhone.from_record(dict(record, since=_since(record["stored_at"], now, context)))


def phones_held(context: KioskContext) -> list[HeldPhone]:
    """Every phone in the store, by class then pupil (how they are handed back)."""
    now = context.now().astimezone(context.config.tz)
    held = [
        _held(r, now, context) for r in context.store.live("phones") if not r.get("returned_at")
    ]
    return sorted(held, key=lambda p: (p.class_name.casefold(), p.pupil_name.casefold(), p.id))


def find_by_label(context: KioskContext, label: str) -> HeldPhone | None:
    wanted = normalise_label(label)
    for phone in phones_held(context):
        if normalise_label(phone.bag_label) == wanted:
            return phone
    return None


def after_return_time(context: KioskContext) -> bool:
    now = context.now().astimezone(context.config.tz)
    return now.time() >= context.config.day.phone_return_time


def phones_waiting(context: KioskContext) -> int:
    """How many phones are still held after the day's return time (0 before it)."""
    if not after_return_time(context):
        return 0
    return sum(1 for r in context.store.live("phones") if not r.get("returned_at"))
