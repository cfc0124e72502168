"""The audit trail's hash chain: each entry holds the hash of the one before it.

Changing, removing or reordering an entry breaks the chain from that entry on, so
`kiosk audit verify` can name the first bad one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

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
