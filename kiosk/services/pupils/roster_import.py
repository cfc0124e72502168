"""`kiosk pupils import`: bring the roster in line with an MIS export, never duplicating.

Matched by MIS id: a pupil already known gets the file's names, year and class (their
parent-only flag stays); a new id is added; an active pupil missing from the file is marked
as having left (inactive, history kept) and one who reappears is active again. The whole
import is one transaction with one audit entry of counts only, linear in the file's size,
and holds the store's lock only to write what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from kiosk.domain.pupils import Pupil
from kiosk.domain.roster_csv import RosterFile, decode, read_roster
from kiosk.errors import KioskError, ValidationError
from kiosk.services.context import KioskContext
from kiosk.services.pupils.pupil_roster import PUPILS

MAX_FILE_BYTES = 20 * 1024 * 1024
# A file that would mark more than this share of the roster as left is probably one class's
# list, not the school's: refused unless the admin says it is right.
LEAVERS_SHARE_LIMIT = 0.5
Read = TypeVar("Read")
COMPARED = ("forename", "surname", "year", "class_name")


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    left: int = 0
    rejoined: int = 0
    skipped: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"left {self.left}, rejoined {self.rejoined}, rows skipped {len(self.skipped)}"
        )


def read_list_file(path: Path) -> str:
    """The text of a list exported from the MIS (pupils or staff); one clear line if not."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise KioskError(f"{path} is larger than 20 MB: is it the right file?")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KioskError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise KioskError(f"{path} is a folder, not a CSV file") from None
    except PermissionError:
        raise KioskError(f"{path} cannot be read (permission denied)") from None
    return decode(raw)


def read_list_with(path: Path, read: Callable[[str], Read]) -> Read:
    """What `read` makes of the list in `path`; its ValidationError names the file."""
    text = read_list_file(path)
    try:
        return read(text)
    except ValidationError as exc:
        raise ValidationError(f"{path}: {exc}", exc.field) from None


def read_roster_file(path: Path, columns: dict[str, str] | None = None) -> RosterFile:
    return read_list_with(path, lambda text: read_roster(text, columns))


def import_roster(
    context: KioskContext,
    roster: RosterFile,
    allow_many_leavers: bool = False,
    actor: str = "admin-cli",
) -> ImportResult:
    """One transaction with one audit entry. The comparison is made before the store's lock
    is taken (the kiosk keeps signing visitors in meanwhile); under the lock only the changed
    pupils are written, after checking the roster did not change in between (it is compared
    again if it did)."""
    if not roster.pupils:
        raise ValidationError("the file has no pupils in it: nothing was changed")
    now = context.now_iso()
    for _ in range(PLAN_TRIES):
        seen = context.store.table_version(PUPILS)
        result, records = _plan(context.store.live(PUPILS), roster, now, allow_many_leavers)
        with context.store.transaction() as tx:
            if context.store.table_version(PUPILS) != seen:
                continue  # someone changed the roster meanwhile: compare again
            tx.insert_many(PUPILS, records)
            tx.audit(now, actor, "pupils-import", "", result.summary())
        return result
    raise KioskError("the roster kept changing during the import: try again in a moment")


PLAN_TRIES = 3


def _plan(
    stored: list[dict[str, Any]], roster: RosterFile, now: str, allow_many_leavers: bool
) -> tuple[ImportResult, list[dict[str, Any]]]:
    """What the import changes: counts, and each changed pupil's whole new record. One pass
    over the file and one over the roster (dictionaries by MIS id): linear in their size."""
    result = ImportResult(skipped=list(roster.skipped), columns=dict(roster.columns))
    incoming = {p.id: p for p in roster.pupils}
    raw = {r["id"]: r for r in stored}
    known = {pupil_id: Pupil.from_record(r) for pupil_id, r in raw.items()}
    leaving = [p for p in known.values() if p.active and p.id not in incoming]
    active = sum(1 for p in known.values() if p.active)
    if active and len(leaving) > active * LEAVERS_SHARE_LIMIT and not allow_many_leavers:
        raise ValidationError(
            f"this file would mark {len(leaving)} of {active} pupils as left: is it the "
            "whole school's list? Nothing was changed; if it is right, run again with "
            "--allow-many-leavers"
        )
    records: list[dict[str, Any]] = []
    for pupil in roster.pupils:
        old = known.get(pupil.id)
        if old is None:
            pupil.added_at = pupil.updated_at = now
            records.append(pupil.to_record())
            result.added += 1
            continue
        changes: dict[str, object] = {
            name: getattr(pupil, name)
            for name in COMPARED
            if getattr(pupil, name) != getattr(old, name)
        }
        if not old.active:
            changes.update(active=True, left_at="")
            result.rejoined += 1
        elif changes:
            result.updated += 1
        else:
            result.unchanged += 1
        if changes:
            records.append({**raw[pupil.id], **changes, "updated_at": now})
    for pupil in leaving:
        records.append({**raw[pupil.id], "active": False, "left_at": now, "updated_at": now})
    result.left = len(leaving)
    return result, records
