"""Retention for the phone policy's own data: pupils who left, and the log of letters home.

A pupil marked as left by a roster import is deleted from the roster (with their contacts
from the MIS) once `leavers_days` have passed since (their phone records keep the name they
were stored with, and go with the phones' own retention). A letters-log entry goes
`letters_days` after its day. Run by `kiosk purge` next to the month-file purge; audited
with counts only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from kiosk.domain.clock import parse_iso
from kiosk.domain.letters_log import LETTERS
from kiosk.domain.pupil_contacts import CONTACTS
from kiosk.services.context import KioskContext
from kiosk.services.pupils.pupil_roster import PUPILS


@dataclass
class RosterPurge:
    leavers: list[str] = field(default_factory=list)  # pupil ids
    letters: list[str] = field(default_factory=list)  # letters-log ids
    leavers_days: int = 0
    letters_days: int = 0

    @property
    def nothing_to_do(self) -> bool:
        return not self.leavers and not self.letters


def _plan(context: KioskContext, pupils: list[dict], letters: list[dict]) -> RosterPurge:
    retention = context.config.retention
    now = context.now()
    leavers_cutoff = now - timedelta(days=retention.leavers_days)
    letters_cutoff = (now - timedelta(days=retention.letters_days)).date()
    return RosterPurge(
        leavers=[
            p["id"]
            for p in pupils
            if not p.get("active", True)
            and p.get("left_at")
            and parse_iso(p["left_at"]) < leavers_cutoff
        ],
        letters=[r["id"] for r in letters if r.get("day", "") < letters_cutoff.isoformat()],
        leavers_days=retention.leavers_days,
        letters_days=retention.letters_days,
    )


def purge_roster(
    context: KioskContext, dry_run: bool = False, actor: str = "admin-cli"
) -> RosterPurge:
    if dry_run:
        return _plan(context, context.store.live(PUPILS), context.store.live(LETTERS))
    with context.store.transaction() as tx:
        plan = _plan(context, tx.all(PUPILS), tx.all(LETTERS))
        if plan.nothing_to_do:
            return plan
        leavers = set(plan.leavers)
        for pupil_id in plan.leavers:
            tx.remove(PUPILS, pupil_id)
        # Their contacts from the MIS go with them.
        for contact in tx.all(CONTACTS):
            if contact.get("pupil_id") in leavers:
                tx.remove(CONTACTS, contact["id"])
        for letter_id in plan.letters:
            tx.remove(LETTERS, letter_id)
        tx.audit(
            context.now_iso(),
            actor,
            "purge-roster",
            "",
            f"pupils who left: {len(plan.leavers)}; letters-log entries: {len(plan.letters)}",
        )
    # Not kept either in the journals and table versions the store keeps for recovery.
    context.store.forget_removed()
    return plan
