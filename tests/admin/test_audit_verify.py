"""`kiosk audit verify` catches an audit entry changed, removed or reordered, and names it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.domain.audit_chain import entry_hash
from kiosk.services.context import KioskContext
from tests.admin.seeding import at
from tests.store_files import load_live, load_month, save_live, save_month, settle


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
    settle(context.store)  # the month files hold every entry, the journal none
    path = context.store.audit_path(month)
    return path, load_month(path)


def save(path: Path, data: dict[str, Any]) -> None:
    save_month(path, data)


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
    settle(trail.store)
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


# --- issue 9.2: cuts that used to pass as "intact" ------------------------------------------


def test_deleting_the_oldest_month_is_noticed(trail: KioskContext, admin) -> None:
    settle(trail.store)
    trail.store.audit_path("2026-10").unlink()
    assert broken(admin).startswith("entries 1 to 3 are missing")


def test_removing_the_first_entries_is_noticed(trail: KioskContext, admin) -> None:
    path, data = audit_file(trail, "2026-10")
    del data["audit"]["1"], data["audit"]["2"]
    save(path, data)
    assert broken(admin).startswith("entries 1 to 2 are missing")


def test_keeping_only_the_newest_entry_is_noticed(trail: KioskContext, admin) -> None:
    settle(trail.store)
    trail.store.audit_path("2026-10").unlink()
    path, data = audit_file(trail, "2026-11")
    data["audit"] = {"3": data["audit"]["3"]}
    save(path, data)
    assert broken(admin).startswith("entries 1 to 5 are missing")


def test_deleting_the_head_and_cutting_the_end_is_noticed(trail: KioskContext, admin) -> None:
    settle(trail.store)
    live = load_live(trail.store)
    live["state"] = {}
    save_live(trail.store, live)
    path, data = audit_file(trail, "2026-11")
    del data["audit"]["3"]
    save(path, data)
    assert broken(admin).startswith("the audit head")


@pytest.mark.parametrize("change", ["add", "remove"])
def test_an_entry_with_a_field_added_or_removed_is_refused(trail, admin, change) -> None:
    path, data = audit_file(trail, "2026-10")
    if change == "add":
        data["audit"]["2"]["note"] = "added later"
    else:
        del data["audit"]["2"]["detail"]
    save(path, data)
    assert broken(admin).startswith("entry seq=2 ")


def test_check_runs_the_same_checks(trail: KioskContext, admin) -> None:
    path, data = audit_file(trail, "2026-11")
    del data["audit"]["3"]
    save(path, data)
    result = admin("check")
    assert result.returncode == 1
    assert "audit trail: entries 6 to 6 are missing (cut off the end" in result.stdout


def test_a_new_data_folder_starts_with_a_genesis_entry(tmp_path: Path, run_cli) -> None:
    from kiosk.services.context import open_context

    context = open_context(data_dir=tmp_path / "new", create=True)
    first = context.store.audit_entries()
    assert [(e["seq"], e["action"]) for e in first] == [(1, "genesis")]
    result = run_cli("audit", "verify", "--data-dir", str(tmp_path / "new"))
    assert result.stdout == "audit trail intact: 1 entries\n", result.stderr
    # Opening it again adds nothing.
    open_context(data_dir=tmp_path / "new", create=True)
    assert len(context.store.audit_entries()) == 1


def test_a_folder_from_before_genesis_entries_still_verifies(trail, admin) -> None:
    assert trail.store.audit_entries()[0]["action"] != "genesis"
    assert admin("audit", "verify").returncode == 0
    # On the trail's own clock (on the real one, check rightly calls a date far from the
    # records wrong).
    assert admin("check", env={"KIOSK_FAKE_NOW": "2026-11-05T09:00:00"}).returncode == 0


# --- the outside anchor -----------------------------------------------------------------------


def test_audit_head_prints_seq_and_hash(trail: KioskContext, admin) -> None:
    result = admin("audit", "head")
    last = trail.store.audit_entries()[-1]
    assert result.returncode == 0
    assert result.stdout == f"{last['seq']}:{last['hash']}\n"


def test_every_export_prints_the_head_after_the_data(trail: KioskContext, admin) -> None:
    head = admin("audit", "head").stdout.strip()
    for kind in ("visits", "phones", "audit"):
        result = admin("export", kind)
        assert result.returncode == 0
        assert result.stdout.startswith('"')  # the CSV, exactly as before
        assert "audit head" not in result.stdout
        assert result.stderr.startswith(f"audit head: {head} ")


def test_a_saved_head_is_proven_later(trail: KioskContext, admin) -> None:
    saved = admin("audit", "head").stdout.strip()
    at(trail, "2026-11-20T09:00")
    with trail.store.transaction() as tx:
        tx.audit(trail.now_iso(), "admin-cli", "staff-add", "S-9", "")
    result = admin("audit", "verify", "--anchor", saved)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "audit trail intact: 7 entries; saved head seq=6 is in it, unchanged\n"


def test_a_trail_rewritten_with_fresh_hashes_fails_the_anchor(trail, admin) -> None:
    saved = admin("audit", "head").stdout.strip()
    # Someone with the files rewrites entry 5 and recomputes every hash after it, and the head.
    entries = trail.store.audit_entries()
    entries[4]["detail"] = "nothing happened"
    prev = entries[3]["hash"]
    for entry in entries[4:]:
        entry["prev_hash"] = prev
        entry["hash"] = prev = entry_hash(entry)
    path, data = audit_file(trail, "2026-11")
    data["audit"] = {str(n): e for n, e in enumerate(entries[3:], start=1)}
    save(path, data)
    live = load_live(trail.store)
    live["state"]["audit_head"]["value"] = {"seq": 6, "hash": prev}
    save_live(trail.store, live)

    assert admin("audit", "verify").returncode == 0  # cannot be seen from inside the Pi
    assert broken_with(admin, "--anchor", saved).startswith(
        "entry seq=6 is not the entry whose hash the office saved"
    )


def test_an_anchor_newer_than_the_trail_means_entries_were_removed(trail, admin) -> None:
    saved = admin("audit", "head").stdout.strip()
    seq, _, hash_ = saved.partition(":")
    assert broken_with(admin, "--anchor", f"{int(seq) + 3}:{hash_}").startswith(
        "the saved head seq=9 is newer"
    )


def test_a_malformed_anchor_is_one_line(trail, admin) -> None:
    result = admin("audit", "verify", "--anchor", "nonsense")
    assert result.returncode == 2 and "is not SEQ:HASH" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def broken_with(admin, *args: str) -> str:
    result = admin("audit", "verify", *args)
    assert result.returncode == 1, result.stdout
    return result.stderr.strip().removeprefix("kiosk: audit trail broken: ")
