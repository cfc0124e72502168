"""`kiosk audit verify`: is the audit trail exactly as the kiosk wrote it?

The hash chain catches an entry changed, removed from the middle, or moved. An entry cut
off the end leaves a valid (shorter) chain, so the newest entry's seq and hash are also
kept in live.json (the "audit head") and compared. Reads only, without the lock.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.audit_chain import first_broken_entry
from kiosk.services.context import KioskContext
from kiosk.store.record_store import AUDIT_HEAD_KEY


@dataclass(frozen=True)
class AuditVerdict:
    count: int
    problem: str | None  # None: intact

    @property
    def intact(self) -> bool:
        return self.problem is None


def verify_audit(context: KioskContext) -> AuditVerdict:
    # Head first, entries second: the kiosk writes entries before the head, so entries read
    # after the head are never older than it, even while the kiosk is writing.
    head = context.store.state(AUDIT_HEAD_KEY)
    entries = context.store.audit_entries()
    problem = first_broken_entry(entries)
    if problem is None and isinstance(head, dict) and isinstance(head.get("seq"), int):
        problem = _compare_head(entries, head)
    return AuditVerdict(count=len(entries), problem=problem)


def _compare_head(entries: list[dict], head: dict) -> str | None:
    head_seq = head["seq"]
    if not entries:
        return f"all entries up to seq={head_seq} are missing"
    last = entries[-1]
    last_seq = last.get("seq")
    if not isinstance(last_seq, int) or last_seq < head_seq:
        first_missing = last_seq + 1 if isinstance(last_seq, int) else "?"
        return f"entries {first_missing} to {head_seq} are missing (cut off the end of the trail)"
    for entry in entries:
        if entry.get("seq") == head_seq and entry.get("hash") != head.get("hash"):
            return f"entry seq={head_seq} was replaced (it is not the entry the kiosk wrote)"
    return None
