"""`kiosk audit verify` and `kiosk audit head`: is the audit trail exactly as the kiosk wrote it?

Checked (kiosk.domain.audit_chain.verify_trail, the same check `kiosk check` runs):
- every entry has exactly the audit fields, and its hash matches its contents;
- the chain is unbroken (nothing changed, removed from the middle or moved);
- it starts where it should: the genesis entry written when the data folder was created, or
  the entry after the last one the newest purge removed (named there by seq and hash);
- no purge removed an audit month still inside the audit retention (`[retention]
  audit_days` in the settings) on the purge's date, and no purge is dated after today;
- it ends where live.json's head says (nothing cut off the end).

A file that cannot be read fails the check, but the entries written after it (into its side
file, while it could not be read) are still checked up to the head.

Someone able to rewrite every file and recompute every hash cannot be caught from inside the
Pi alone: for that the office saves the head (`kiosk audit head`, also printed after every
export) and later runs `kiosk audit verify --anchor SEQ:HASH`. Reads only, without the lock.
"""

from __future__ import annotations

from kiosk.domain.audit_chain import (
    AuditRetention,
    Head,
    TrailVerdict,
    anchor_problem,
    committed,
    verify_sections,
)
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext

AuditVerdict = TrailVerdict  # the name the CLI has always used


def retention_rule(context: KioskContext) -> AuditRetention:
    config = context.config
    return AuditRetention(config.retention.audit_days, config.tz, context.now())


def verify_audit(context: KioskContext, anchor: Head | None = None) -> TrailVerdict:
    head, sections = context.store.raw_audit_sections()
    verdict = verify_sections(sections, head, retention_rule(context))
    if verdict.intact and anchor is not None:
        trail = committed([e for s in sections for e in s.entries], head)[0]
        problem = anchor_problem(trail, anchor)
        if problem:
            return TrailVerdict(verdict.count, problem, verdict.notes)
    return verdict


def audit_head(context: KioskContext) -> Head:
    """The newest committed entry's seq and hash, as kept in live.json."""
    head = context.store.audit_head()
    if head is None or head.seq == 0:
        raise KioskError("the audit trail has no entries yet, so it has no head to save")
    return head


def head_line(context: KioskContext) -> str:
    """What every export prints on stderr after the data, for the office to save."""
    head = context.store.audit_head()
    if head is None or head.seq == 0:
        return "audit head: none yet (the audit trail has no entries)"
    return f"audit head: {head} (save it; check later with 'kiosk audit verify --anchor {head}')"
