"""`kiosk staff import`: bring the staff directory in line with an MIS staff list, never
duplicating.

The file is read as the pupil roster is (kiosk.domain.staff_csv, the same header tolerance
and `--columns`). Matched by the MIS's id: someone already known gets the file's names and
role, if it has a role column (their PIN, admin flag and card stay); someone added by hand
(`kiosk staff add`, with no MIS id yet) whose name is the same as one active account is that
account, now linked; a new id is added, with no PIN. An active member of staff from the MIS
missing from the file has left: inactive (their PIN and card stop working; history kept),
and active again if they reappear. Accounts added by hand and never linked (a governor, an
agency worker) and accounts the office disabled are left alone. One transaction, one audit
entry of counts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.domain.ids import new_id
from kiosk.domain.records import Staff
from kiosk.domain.staff_csv import StaffFile, StaffRow, read_staff_list
from kiosk.errors import ValidationError
from kiosk.services.context import KioskContext
from kiosk.services.pupils.roster_import import LEAVERS_SHARE_LIMIT, ImportResult, read_list_with
from kiosk.services.staff.staff_accounts import STAFF_PREFIX, STAFF_TABLE
from kiosk.store import Transaction


@dataclass
class StaffImportResult(ImportResult):
    linked: int = 0  # accounts added by hand, now matched to their MIS id
    disabled_kept: int = 0  # in the file, but disabled by the office: left disabled

    def summary(self) -> str:
        return (
            f"added {self.added}, linked {self.linked}, updated {self.updated}, "
            f"unchanged {self.unchanged}, left {self.left}, rejoined {self.rejoined}, "
            f"disabled and kept so {self.disabled_kept}, rows skipped {len(self.skipped)}"
        )


def read_staff_file(path: Path, columns: dict[str, str] | None = None) -> StaffFile:
    return read_list_with(path, lambda text: read_staff_list(text, columns))


def _changes(old: Staff, row: StaffRow, has_role: bool) -> dict[str, Any]:
    wanted: dict[str, Any] = {"name": row.name, "forename": row.forename, "surname": row.surname}
    # A list without a role column says nothing about job titles: keep the ones already known
    # (from an earlier list or `kiosk staff add --role`), rather than emptying them all.
    if has_role:
        wanted["role"] = row.role
    return {k: v for k, v in wanted.items() if getattr(old, k) != v}


def _by_hand(known: list[Staff], row: StaffRow, taken: set[str]) -> Staff | None:
    """The one active account added by hand (no MIS id) with this row's name, if exactly one."""
    folded = row.name.casefold()
    alike = [
        s
        for s in known
        if not s.mis_id and s.active and s.id not in taken and s.name.casefold() == folded
    ]
    return alike[0] if len(alike) == 1 else None


def import_staff(
    context: KioskContext,
    staff_file: StaffFile,
    allow_many_leavers: bool = False,
    actor: str = "admin-cli",
) -> StaffImportResult:
    if not staff_file.staff:
        raise ValidationError("the file has no staff in it: nothing was changed")
    now = context.now_iso()
    result = StaffImportResult(skipped=list(staff_file.skipped), columns=dict(staff_file.columns))
    incoming = {row.mis_id for row in staff_file.staff}
    with context.store.transaction() as tx:
        known = [Staff.from_record(r) for r in tx.all(STAFF_TABLE)]
        by_mis = {s.mis_id: s for s in known if s.mis_id}
        from_mis = [s for s in by_mis.values() if s.active]
        leaving = [s for s in from_mis if s.mis_id not in incoming]
        if (
            from_mis
            and len(leaving) > len(from_mis) * LEAVERS_SHARE_LIMIT
            and not allow_many_leavers
        ):
            raise ValidationError(
                f"this file would mark {len(leaving)} of {len(from_mis)} staff as left: is it "
                "the whole staff list? Nothing was changed; if it is right, run again with "
                "--allow-many-leavers"
            )
        linked: set[str] = set()
        has_role = "role" in staff_file.columns
        for row in staff_file.staff:
            _import_row(tx, row, by_mis, known, linked, has_role, now, result)
        for member in leaving:
            tx.update(STAFF_TABLE, member.id, {"active": False, "left_at": now, "updated_at": now})
        result.left = len(leaving)
        tx.audit(now, actor, "staff-import", "", result.summary())
    return result


def _import_row(
    tx: Transaction,
    row: StaffRow,
    by_mis: dict[str, Staff],
    known: list[Staff],
    linked: set[str],
    has_role: bool,
    now: str,
    result: StaffImportResult,
) -> None:
    old = by_mis.get(row.mis_id)
    if old is None:
        old = _by_hand(known, row, linked)
        if old is not None:
            linked.add(old.id)
            tx.update(
                STAFF_TABLE,
                old.id,
                {**_changes(old, row, has_role), "mis_id": row.mis_id, "updated_at": now},
            )
            result.linked += 1
            return
        member = Staff(
            id=new_id(STAFF_PREFIX), name=row.name, pin_hash="", created_at=now,
            mis_id=row.mis_id, forename=row.forename, surname=row.surname, role=row.role,
            updated_at=now,
        )  # fmt: skip
        tx.insert(STAFF_TABLE, member.to_record())
        result.added += 1
        return
    changes = _changes(old, row, has_role)
    if not old.active and old.left_at:
        changes.update(active=True, left_at="")
        result.rejoined += 1
    elif not old.active:
        result.disabled_kept += 1  # the office disabled them: an import does not undo that
    elif changes:
        result.updated += 1
    else:
        result.unchanged += 1
    if changes:
        tx.update(STAFF_TABLE, old.id, {**changes, "updated_at": now})
