"""The audit trail's hash chain: each entry holds the hash of the one before it.

Changing, removing or reordering an entry breaks the chain from that entry on, so
`kiosk audit verify` can name the first bad one.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from kiosk.domain.clock import MONTH_KEY, month_key, parse_moment

GENESIS_HASH = "0" * 64
CHAINED_FIELDS = ("seq", "at", "actor", "action", "record_id", "detail", "prev_hash")


def entry_hash(entry: dict[str, Any]) -> str:
    canonical = json.dumps(
        [entry.get(name) for name in CHAINED_FIELDS], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def make_entry(
    prev: dict[str, Any] | None, at: str, actor: str, action: str, record_id: str, detail: str
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "seq": (prev["seq"] + 1) if prev else 1,
        "at": at,
        "actor": actor,
        "action": action,
        "record_id": record_id,
        "detail": detail,
        "prev_hash": prev["hash"] if prev else GENESIS_HASH,
    }
    entry["hash"] = entry_hash(entry)
    return entry


def first_broken_entry(entries: Iterable[dict[str, Any]]) -> str | None:
    """None when the chain is intact; otherwise a sentence naming the first bad entry.

    The oldest surviving entry is trusted as the anchor, because retention deletes whole
    old months (and says so in the trail).
    """
    prev: dict[str, Any] | None = None
    for position, entry in enumerate(entries, start=1):
        seq = entry.get("seq")
        label = f"entry seq={seq}" if isinstance(seq, int) else f"entry #{position}"
        if entry.get("hash") != entry_hash(entry):
            return f"{label} was changed (its hash does not match its contents)"
        if prev is not None:
            if seq != prev["seq"] + 1:
                if isinstance(seq, int) and seq > prev["seq"] + 1:
                    return f"{label}: entries {prev['seq'] + 1} to {seq - 1} are missing"
                return f"{label} is out of order (follows seq={prev['seq']})"
            if entry.get("prev_hash") != prev["hash"]:
                return f"{label} does not follow seq={prev['seq']} (chain broken)"
        prev = entry
    return None


# --- where the trail starts, where it ends, and what the office saved ----------------------

GENESIS_ACTION = "genesis"
PURGE_ACTION = "purge"
ENTRY_FIELDS = frozenset({*CHAINED_FIELDS, "hash"})
# A purge names the audit months it removed ("audit: 12 in 2 month(s) (2026-08, 2026-09)")
# and the last entry it removed ("last removed audit seq N (hash H)"): the first entry left
# must follow that one. Purges before issue 21 named the first entry they kept instead
# ("first surviving audit seq N (hash H)", or "(this entry)"); older ones the number only.
_LAST_REMOVED = re.compile(r"last removed audit seq (\d+) \(hash ([0-9a-f]{64})\)")
_ANCHOR = re.compile(r"first surviving audit seq (\d+)(?: \((?:hash ([0-9a-f]{64})|this entry)\))?")
_REMOVED_MONTHS = re.compile(r"(?:^|; )audit: \d+ in (\d+) month\(s\)(?: \(([^)]*)\))?")
FUTURE_SLACK = timedelta(days=1)  # the office's clock and the kiosk's need not agree exactly


def last_removed_text(seq: int, hash_: str) -> str:
    """What a purge entry's detail says about the last audit entry it removed."""
    return f"last removed audit seq {seq} (hash {hash_})"


@dataclass(frozen=True)
class AuditRetention:
    """What `verify_trail` needs to judge a purge: the settings' audit retention, the
    school's time zone (months are school-local) and the time now."""

    audit_days: int
    tz: tzinfo
    now: datetime


@dataclass(frozen=True)
class Head:
    """The newest entry's seq and hash: kept in live.json, printed by `kiosk audit head`."""

    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Head:
        seq, _, hash_ = text.strip().partition(":")
        if not seq.isdigit() or not re.fullmatch(r"[0-9a-f]{64}", hash_):
            raise ValueError(f"{text!r} is not SEQ:HASH (as printed by 'kiosk audit head')")
        return cls(int(seq), hash_)

    @classmethod
    def from_state(cls, value: Any) -> Head | None:
        if (
            isinstance(value, dict)
            and isinstance(value.get("seq"), int)
            and isinstance(value.get("hash"), str)
        ):
            return cls(value["seq"], value["hash"])
        return None


@dataclass(frozen=True)
class TrailVerdict:
    count: int  # committed entries checked
    problem: str | None  # None: intact
    notes: tuple[str, ...] = ()

    @property
    def intact(self) -> bool:
        return self.problem is None


def committed(entries: list[dict[str, Any]], head: Head | None) -> tuple[list[dict[str, Any]], int]:
    """The entries up to the head, and how many come after it.

    A transaction writes its audit entries before live.json, and live.json's head is the
    commit point: entries past the head were left by a write that never finished (a kill,
    a full disk) and describe things that did not happen, so they are not part of the trail.
    """
    if head is None:
        return entries, 0
    kept = [e for e in entries if not (isinstance(e.get("seq"), int) and e["seq"] > head.seq)]
    return kept, len(entries) - len(kept)


def _field_problem(entry: dict[str, Any], label: str) -> str | None:
    unknown = sorted(set(entry) - ENTRY_FIELDS)
    if unknown:
        return f"{label} has a field an audit entry never has ({', '.join(unknown)})"
    missing = sorted(ENTRY_FIELDS - set(entry))
    if missing:
        return f"{label} is missing field(s) {', '.join(missing)}"
    if not isinstance(entry["seq"], int) or isinstance(entry["seq"], bool):
        return f"{label}: field seq is not a number"
    wrong = sorted(name for name in ENTRY_FIELDS - {"seq"} if not isinstance(entry[name], str))
    if wrong:
        return f"{label}: field(s) {', '.join(wrong)} are not text"
    return None


def _start_problem(entries: list[dict[str, Any]]) -> tuple[str | None, tuple[str, ...]]:
    """Is the oldest entry a true start: the genesis, or the entry after the last one the
    newest purge removed?"""
    first = entries[0]
    for entry in reversed(entries):
        if entry.get("action") != PURGE_ACTION:
            continue
        detail = str(entry.get("detail", ""))
        removed = _LAST_REMOVED.search(detail)
        if removed is not None:
            return _follows_removed(first, entry["seq"], int(removed[1]), removed[2]), ()
        match = _ANCHOR.search(detail)
        if match is None:
            continue  # a purge that removed no audit entry: an older one set the start
        seq, hash_ = int(match[1]), match[2]
        where = f"the purge at seq={entry['seq']} left seq={seq} as the oldest entry"
        if first["seq"] > seq:
            return f"entries {seq} to {first['seq'] - 1} are missing ({where})", ()
        if first["seq"] < seq:
            return f"entry seq={first['seq']} is older than the trail's start ({where})", ()
        if hash_ is not None and first["hash"] != hash_:
            return f"entry seq={seq} is not the entry the purge signed off ({where})", ()
        if hash_ is None and "this entry" not in match[0]:
            return None, (
                "the oldest entry was signed off by number only (an older kiosk's purge)",
            )
        return None, ()
    if first["seq"] == 1 and first["prev_hash"] == GENESIS_HASH:
        # A genesis entry, or the first entry of a trail begun before genesis entries were
        # written: either way nothing came before it.
        return None, ()
    return (
        f"entries 1 to {first['seq'] - 1} are missing (the oldest entry is seq={first['seq']}, "
        "and no purge removed the ones before it)",
        (),
    )


def _follows_removed(first: dict[str, Any], purge_seq: int, seq: int, hash_: str) -> str | None:
    where = f"the purge at seq={purge_seq} removed the trail up to seq={seq}"
    if first["seq"] > seq + 1:
        return f"entries {seq + 1} to {first['seq'] - 1} are missing ({where})"
    if first["seq"] <= seq:
        return f"entry seq={first['seq']} should have been removed ({where})"
    if first["prev_hash"] != hash_:
        return f"entry seq={first['seq']} does not follow the last entry removed ({where})"
    return None


def removed_months(detail: str) -> list[str] | None:
    """The audit months a purge entry says it removed; None when it names them wrongly."""
    match = _REMOVED_MONTHS.search(detail)
    if match is None:
        return []
    count = int(match[1])
    months = [m.strip() for m in match[2].split(",")] if match[2] else []
    if len(months) != count or not all(MONTH_KEY.match(m) for m in months):
        return None
    return months


def _retention_problem(entries: list[dict[str, Any]], rule: AuditRetention) -> str | None:
    """Did any purge remove an audit month still inside the audit retention at its time?

    A month may go once every entry in it is older than the retention period, so the month
    holding the cut-off moment may go, a later one never. A purge dated after now (with a
    day's slack) could justify anything, so it fails too.
    """
    for entry in entries:
        if entry.get("action") != PURGE_ACTION:
            continue
        label = f"the purge at seq={entry['seq']}"
        months = removed_months(str(entry.get("detail", "")))
        if months is None:
            return f"{label} does not name the audit months it removed"
        if not months:
            continue
        when = parse_moment(entry["at"])
        if when is None:
            return f"{label} has no readable date"
        if when > rule.now + FUTURE_SLACK:
            return f"{label} is dated {entry['at'][:10]}, later than today: its clock was wrong"
        last_allowed = month_key(when - timedelta(days=rule.audit_days), rule.tz)
        inside = [m for m in months if m > last_allowed]
        if inside:
            which = "months " + ", ".join(inside) if len(inside) > 1 else f"month {inside[0]}"
            return (
                f"{label} removed audit {which}, still inside the audit retention "
                f"({rule.audit_days} days) on {entry['at'][:10]}"
            )
    return None


def _head_problem(entries: list[dict[str, Any]], head: Head | None) -> str | None:
    if head is None:
        if entries:
            return "the audit head (seq and hash of the newest entry, in live.json) is missing"
        return None
    if not entries:
        return f"all entries up to seq={head.seq} are missing" if head.seq else None
    last = entries[-1]
    if last["seq"] < head.seq:
        return f"entries {last['seq'] + 1} to {head.seq} are missing (cut off the end of the trail)"
    if last["hash"] != head.hash:
        return f"entry seq={head.seq} was replaced (it is not the entry the kiosk wrote)"
    return None


def verify_trail(
    entries: list[dict[str, Any]], head: Head | None, retention: AuditRetention | None = None
) -> TrailVerdict:
    """The whole check behind `kiosk audit verify` and `kiosk check`.

    `entries` in file order (oldest month first), as read after `head`. With `retention`,
    every purge is also checked against the audit retention in the settings.
    """
    trail, after_head = committed(entries, head)
    notes: tuple[str, ...] = ()
    if after_head:
        notes = (f"{after_head} entries after the head were left by an unfinished write; ignored",)
    for position, entry in enumerate(trail, start=1):
        seq = entry.get("seq")
        label = f"entry seq={seq}" if isinstance(seq, int) else f"entry #{position}"
        problem = _field_problem(entry, label)
        if problem:
            return TrailVerdict(len(trail), problem, notes)
    problem = first_broken_entry(trail)
    if problem is None and trail:
        problem, start_notes = _start_problem(trail)
        notes += start_notes
    if problem is None and retention is not None:
        problem = _retention_problem(trail, retention)
    if problem is None:
        problem = _head_problem(trail, head)
    return TrailVerdict(len(trail), problem, notes)


@dataclass(frozen=True)
class Section:
    """One audit file's entries, in file order; `unreadable` says why the file cannot be read."""

    name: str
    entries: list[dict[str, Any]]
    unreadable: str | None = None
    side_of: str = ""  # the file whose month's entries these are, kept apart while it is damaged
    held: str = ""  # where they are kept, in words ("kept in the journal"); else "written since"


def verify_sections(
    sections: list[Section], head: Head | None, retention: AuditRetention | None = None
) -> TrailVerdict:
    """`verify_trail` over the audit files in order, when one of them may not be readable.

    A file that cannot be read fails the check, but the entries after it are still checked:
    its month's entries kept elsewhere meanwhile (in the store's journal: see
    kiosk.store) and later months must chain from one another up to the head, unchanged, so
    restoring the damaged file from a backup is all it takes to make the trail whole again.
    """
    damaged = [n for n, section in enumerate(sections) if section.unreadable is not None]
    if not damaged:
        return verify_trail([e for s in sections for e in s.entries], head, retention)
    first = sections[damaged[0]]
    problem = (
        f"audit file {first.name} cannot be read ({first.unreadable}): restore it from a backup"
    )
    if len(damaged) > 1:
        problem += f" ({len(damaged) - 1} more audit file(s) cannot be read either)"
    before = [e for s in sections[: damaged[0]] for e in s.entries]
    later = [e for s in sections[damaged[0] + 1 :] if s.unreadable is None for e in s.entries]
    trail, _ = committed(later, head)
    for position, entry in enumerate(trail, start=1):
        found = _field_problem(entry, f"entry #{position} after it")
        if found:
            return TrailVerdict(len(before) + len(trail), f"{problem}; {found}")
    found = first_broken_entry(before) or first_broken_entry(trail) or _head_problem(trail, head)
    if found:
        return TrailVerdict(len(before) + len(trail), f"{problem}; {found}")
    following = sections[damaged[0] + 1 :]
    since = "after it"
    if following and following[0].side_of == first.name:
        since = following[0].held or "written since"
    if trail:
        seq = trail[0]["seq"]
        where = (
            "start the trail"
            if seq == 1
            else f"follow on from seq {seq - 1}, the last entry written before "
            + ("them" if following[0].held else "it")
        )
        problem += (
            f"; the {len(trail)} entries {since} (seq {seq} to {trail[-1]['seq']}) {where}, "
            "and are intact"
        )
    else:
        problem += f"; no entries {since}"
    return TrailVerdict(len(before) + len(trail), problem)


def anchor_problem(entries: list[dict[str, Any]], anchor: Head) -> str | None:
    """Is the head the office saved still in the (verified) trail, unchanged?"""
    for entry in entries:
        if entry.get("seq") == anchor.seq:
            if entry.get("hash") == anchor.hash:
                return None
            return (
                f"entry seq={anchor.seq} is not the entry whose hash the office saved: "
                "the trail was rewritten after that head was saved"
            )
    if not entries or anchor.seq > entries[-1]["seq"]:
        newest = entries[-1]["seq"] if entries else 0
        return (
            f"the saved head seq={anchor.seq} is newer than the trail's newest entry "
            f"seq={newest}: entries were removed"
        )
    return (
        f"cannot check the saved head: seq={anchor.seq} was deleted by retention "
        f"(the oldest entry kept is seq={entries[0]['seq']}); check a head saved more recently"
    )
