"""Issue 21.3: retention that one forged entry cannot fake.

A purge entry names the audit months it removed and the seq and hash of the last entry it
removed. `kiosk audit verify` fails when the first surviving entry does not follow that
entry, or when a removed month was still inside the audit retention at the time of the purge.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import RetentionSettings
from kiosk.domain.audit_chain import make_entry
from kiosk.services.admin.retention import purge
from kiosk.services.context import KioskContext
from tests.admin.seeding import at
from tests.store_files import load_live, load_month, save_live, save_month, settle

MOMENTS = [
    "2026-09-07T09:00", "2026-09-08T09:00", "2026-09-09T09:00",  # seq 1-3
    "2026-10-05T09:00", "2026-10-06T09:00",  # seq 4-5
    "2026-11-02T09:00", "2026-11-03T09:00",  # seq 6-7
]  # fmt: skip


@pytest.fixture
def trail(context: KioskContext) -> KioskContext:
    """Seven entries from September to November 2026; the default audit retention (6 years)."""
    for n, moment in enumerate(MOMENTS, start=1):
        at(context, moment)
        with context.store.transaction() as tx:
            tx.audit(context.now_iso(), "S-TESTSTAFF001", "store-opened", f"P-{n}", f"entry {n}")
    at(context, "2026-11-25T10:00")
    return context


def entries_of(context: KioskContext, month: str) -> list[dict[str, Any]]:
    settle(context.store)  # the month file holds every entry (none only in the journal)
    data = load_month(context.store.audit_path(month))
    return sorted(data["audit"].values(), key=lambda e: e["seq"])


def forge(context: KioskContext, detail: str, month: str = "2026-09") -> None:
    """What someone with write access to the data folder does: delete the oldest month and
    append a purge entry after the head, with a correct hash, and move the head to it."""
    store = context.store
    settle(store)
    store.audit_path(month).unlink()
    head = store.audit_entries()[-1]
    entry = make_entry(head, "2026-11-25T10:00:00+00:00", "admin-cli", "purge", "", detail)
    path = store.audit_path("2026-11")
    data = load_month(path)
    data["audit"][str(len(data["audit"]) + 1)] = entry
    save_month(path, data)
    live = load_live(store)
    live["state"]["audit_head"] = {"value": {"seq": entry["seq"], "hash": entry["hash"]}}
    save_live(store, live)


def verify(admin, *args: str) -> tuple[int, str]:
    result = admin("audit", "verify", *args, env={"KIOSK_FAKE_NOW": "2026-11-25T12:00:00"})
    return result.returncode, result.stderr.strip()


def test_a_forged_purge_of_a_month_inside_retention_fails(trail: KioskContext, admin) -> None:
    saved = admin("audit", "head").stdout.strip()
    removed = entries_of(trail, "2026-09")[-1]
    # The forger names the month and the last entry removed, exactly as a real purge would.
    forge(
        trail,
        "visits: 0 in 0 month(s); phones: 0 in 0 month(s); audit: 3 in 1 month(s) (2026-09); "
        f"last removed audit seq {removed['seq']} (hash {removed['hash']})",
    )

    code, message = verify(admin, "--anchor", saved)

    assert code == 1
    assert "removed audit month 2026-09, still inside the audit retention (2190 days)" in message


def test_the_old_anchor_wording_does_not_let_a_forger_in(trail: KioskContext, admin) -> None:
    saved = admin("audit", "head").stdout.strip()
    first_kept = entries_of(trail, "2026-10")[0]
    # The wording purges used before this issue: it passed verify, even with a saved head.
    forge(
        trail,
        "visits: 0 in 0 month(s); phones: 0 in 0 month(s); audit: 3 in 1 month(s) (2026-09); "
        f"first surviving audit seq {first_kept['seq']} (hash {first_kept['hash']})",
    )

    code, message = verify(admin, "--anchor", saved)

    assert code == 1 and "still inside the audit retention" in message


def test_the_first_entry_must_follow_the_last_one_removed(trail: KioskContext, admin) -> None:
    short = write_config(trail.store.data_dir.parent, audit_days=30)
    wrong = entries_of(trail, "2026-09")[0]  # not the last one in September
    forge(
        trail,
        "audit: 3 in 1 month(s) (2026-09); "
        f"last removed audit seq {wrong['seq']} (hash {wrong['hash']})",
    )

    code, message = verify(admin, "--config", short)

    assert code == 1
    assert message.endswith(
        "entries 2 to 3 are missing (the purge at seq=8 removed the trail up to seq=1)"
    )


def test_a_purge_dated_in_the_future_fails(trail: KioskContext, admin) -> None:
    removed = entries_of(trail, "2026-09")[-1]
    trail.store.audit_path("2026-09").unlink()
    with trail.store.transaction() as tx:
        tx.audit(
            "2036-01-01T10:00:00+00:00", "admin-cli", "purge", "",
            f"audit: 3 in 1 month(s) (2026-09); last removed audit seq 3 (hash {removed['hash']})",
        )  # fmt: skip

    code, message = verify(admin)

    assert code == 1 and "is dated 2036-01-01" in message


def write_config(folder: Path, audit_days: int) -> str:
    path = folder / "kiosk.toml"
    path.write_text(f"[retention]\nvisits_days = 30\nphones_days = 30\naudit_days = {audit_days}\n")
    return str(path)


def test_a_real_purge_names_what_it_removed_and_verifies(trail: KioskContext, admin) -> None:
    trail.config = replace(trail.config, retention=RetentionSettings(30, 30, 45, 365, 365, 1, 2, 2))
    last_removed = entries_of(trail, "2026-10")[-1]  # 45 days before 25 Nov is 11 Oct

    plan = purge(trail, force=True)

    assert plan.kinds["audit"].months == ["2026-09", "2026-10"]
    detail = trail.store.audit_entries()[-1]["detail"]
    assert "audit: 5 in 2 month(s) (2026-09, 2026-10)" in detail
    assert f"last removed audit seq 5 (hash {last_removed['hash']})" in detail
    config = write_config(trail.store.data_dir.parent, audit_days=45)
    code, message = verify(admin, "--config", config)
    assert code == 0, message
    # Judged against a longer audit retention, the same purge removed too much.
    longer = write_config(trail.store.data_dir.parent, audit_days=60)
    code, message = verify(admin, "--config", longer)
    assert code == 1 and "removed audit month 2026-10, still inside" in message
