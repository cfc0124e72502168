"""`kiosk audit verify` catches an audit entry changed, removed or reordered, and names it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.domain.audit_chain import entry_hash
from kiosk.services.context import KioskContext
from tests.admin.seeding import at


@pytest.fixture
def trail(context: KioskContext) -> KioskContext:
    """Six entries: seq 1-3 in October, 4-6 in November."""
    for n, moment in enumerate(
        ["2026-10-05T09:00", "2026-10-06T09:00", "2026-10-07T09:00",
         "2026-11-02T09:00", "2026-11-03T09:00", "2026-11-04T09:00"], start=1,
    ):  # fmt: skip
        at(context, moment)
        with context.store.transaction() as tx:
            tx.audit(context.now_iso(), "S-TESTSTAFF001", "store-unlock", f"P-{n}", f"entry {n}")
    return context


def audit_file(context: KioskContext, month: str) -> tuple[Path, dict[str, Any]]:
    path = context.store.audit_path(month)
    return path, json.loads(path.read_text())


def save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data))


def broken(admin) -> str:
    result = admin("audit", "verify")
    assert result.returncode == 1, result.stdout
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kiosk: audit trail broken: ")
    return lines[0].removeprefix("kiosk: audit trail broken: ")


def test_an_intact_trail_passes(trail: KioskContext, admin) -> None:
    result = admin("audit", "verify")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "audit trail intact: 6 entries\n"


def test_an_empty_trail_passes(context: KioskContext, admin) -> None:
    result = admin("audit", "verify")
    assert result.returncode == 0
    assert result.stdout == "audit trail intact: 0 entries\n"


def test_an_edited_entry_is_named(trail: KioskContext, admin) -> None:
    path, data = audit_file(trail, "2026-10")
    data["audit"]["2"]["detail"] = "nothing to see here"
    save(path, data)
    assert broken(admin) == "entry seq=2 was changed (its hash does not match its contents)"


def test_an_edit_with_a_recomputed_hash_still_breaks_the_chain(trail, admin) -> None:
    path, data = audit_file(trail, "2026-10")
    data["audit"]["2"]["actor"] = "someone-else"
    data["audit"]["2"]["hash"] = entry_hash(data["audit"]["2"])
    save(path, data)
    assert broken(admin) == "entry seq=3 does not follow seq=2 (chain broken)"


def test_a_deleted_entry_is_named(trail: KioskContext, admin) -> None:
    path, data = audit_file(trail, "2026-11")
    del data["audit"]["2"]  # seq 5: the second entry of November's file
    save(path, data)
    assert broken(admin) == "entry seq=6: entries 5 to 5 are missing"


def test_reordered_entries_are_named(trail: KioskContext, admin) -> None:
    path, data = audit_file(trail, "2026-10")
    entries = data["audit"]
    data["audit"] = {"1": entries["1"], "3": entries["3"], "2": entries["2"]}
    save(path, data)
    problem = broken(admin)
    assert problem.startswith("entry seq=3")


def test_swapped_contents_are_named(trail: KioskContext, admin) -> None:
    path, data = audit_file(trail, "2026-10")
    entries = data["audit"]
    entries["2"], entries["3"] = entries["3"], entries["2"]
    save(path, data)
    assert broken(admin).startswith("entry seq=3")


def test_a_removed_month_is_named(trail: KioskContext, admin) -> None:
    # A third month, so October's file is in the middle and removing it leaves a gap.
    at(trail, "2026-12-01T09:00")
    with trail.store.transaction() as tx:
        tx.audit(trail.now_iso(), "admin-cli", "staff-add", "S-1", "")
    trail.store.audit_path("2026-11").unlink()
    assert broken(admin) == "entry seq=7: entries 4 to 6 are missing"


def test_entries_cut_off_the_end_are_noticed(trail: KioskContext, admin) -> None:
    path, data = audit_file(trail, "2026-11")
    del data["audit"]["3"]  # seq 6, the newest: the chain alone still looks fine
    save(path, data)
    assert broken(admin) == "entries 6 to 6 are missing (cut off the end of the trail)"


def test_a_replaced_last_entry_is_noticed(trail: KioskContext, admin) -> None:
    path, data = audit_file(trail, "2026-11")
    data["audit"]["3"]["detail"] = "rewritten"
    data["audit"]["3"]["hash"] = entry_hash(data["audit"]["3"])
    save(path, data)
    assert broken(admin) == "entry seq=6 was replaced (it is not the entry the kiosk wrote)"


def test_a_damaged_audit_file_is_one_line(trail: KioskContext, admin) -> None:
    path = trail.store.audit_path("2026-10")
    path.write_text("{not json")
    result = admin("audit", "verify")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr and len(result.stderr.strip().splitlines()) == 1
