"""`kiosk purge`: whole months past retention go, open records never do, the purge is audited."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config import RetentionSettings
from kiosk.services.admin.audit_verify import verify_audit
from kiosk.services.admin.retention import purge
from kiosk.services.context import KioskContext
from tests.admin.seeding import at, phone, visit
from tests.store_files import load_month, save_month, settle

TODAY = "2026-11-25T10:00:00"


@pytest.fixture
def short(context: KioskContext) -> KioskContext:
    """Retention of 30 days for visits and phones, 60 for the audit trail; a month may go
    after one school day of use since its newest record (the clock rule has its own tests,
    in test_wrong_clock.py)."""
    context.config = replace(
        context.config, retention=RetentionSettings(30, 30, 60, 365, 365, 1, 2, 2)
    )
    return context


def seed(context: KioskContext) -> dict[str, str]:
    ids = {
        "aug": visit(context, "2026-08-10T09:00", signed_out="2026-08-10T10:00")["id"],
        "sep": visit(context, "2026-09-10T09:00", signed_out="2026-09-10T10:00")["id"],
        "oct_old": visit(context, "2026-10-05T09:00", signed_out="2026-10-05T10:00")["id"],
        "oct_new": visit(context, "2026-10-30T09:00", signed_out="2026-10-30T10:00")["id"],
        "nov": visit(context, "2026-11-02T09:00", signed_out="2026-11-02T10:00")["id"],
        "phone_aug": phone(context, "2026-08-11T08:00", returned="2026-08-11T15:00")["id"],
        "phone_sep": phone(context, "2026-09-11T08:00", returned="2026-09-11T15:00")["id"],
    }
    at(context, TODAY)
    return ids


def data_files(context: KioskContext) -> dict[str, bytes]:
    root = context.store.data_dir
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def test_purge_deletes_whole_expired_months_and_audits_itself(short: KioskContext) -> None:
    ids = seed(short)

    plan = purge(short)

    assert plan.done
    visits = plan.kinds["visits"]
    assert visits.months == ["2026-08", "2026-09"] and visits.records == 2
    assert visits.kept_months == ["2026-10"]
    phones = plan.kinds["phones"]
    assert phones.months == ["2026-08", "2026-09"] and phones.records == 2
    # Audit: 60 days back from 25 Nov is 26 Sep, so August's and September's entries go.
    assert plan.kinds["audit"].months == ["2026-08", "2026-09"]
    remaining = {r["id"] for r in short.store.records("visits")}
    assert remaining == {ids["oct_old"], ids["oct_new"], ids["nov"]}  # October kept whole
    assert short.store.months("phones") == []
    assert short.store.months("audit") == ["2026-11"]
    leftovers = [p.name for p in short.store.data_dir.rglob("*-2026-0[89].json*")]
    assert leftovers == []  # .bak copies go too: retention means gone

    entries = short.store.audit_entries()
    assert [e["action"] for e in entries] == ["purge"]
    detail = entries[0]["detail"]
    assert "visits: 2 in 2 month(s) (2026-08, 2026-09)" in detail
    # Every older entry went: the purge entry follows the last one removed.
    assert f"last removed audit seq {entries[0]['seq'] - 1} (hash {entries[0]['prev_hash']})" in (
        detail
    )
    verdict = verify_audit(short)
    assert verdict.intact, verdict.problem

    before = data_files(short)
    again = purge(short)
    assert again.nothing_to_do and not again.done
    assert data_files(short) == before  # the second run changes nothing, not even the audit


def test_dry_run_changes_nothing(short: KioskContext) -> None:
    seed(short)
    before = data_files(short)

    plan = purge(short, dry_run=True)

    assert not plan.done and plan.kinds["visits"].records == 2
    assert data_files(short) == before


def test_open_records_and_their_months_are_never_purged(short: KioskContext) -> None:
    closed = visit(short, "2026-08-10T09:00", signed_out="2026-08-10T10:00")
    still_here = visit(short, "2026-08-20T09:00")  # never signed out
    held = phone(short, "2026-08-21T08:00")  # still in the store
    at(short, TODAY)

    # Forced: with nothing newer than August, a clock saying November looks jumped ahead.
    plan = purge(short, force=True)

    assert plan.kinds["visits"].months == [] and plan.kinds["phones"].months == []
    assert short.store.find("visits", closed["id"]) is not None
    assert short.store.find("visits", still_here["id"]) is not None
    assert short.store.find("phones", held["id"]) is not None


def test_a_partly_expired_audit_month_keeps_its_chain(short: KioskContext) -> None:
    phone(short, "2026-09-20T08:00", returned="2026-09-30T15:00")  # audit: 20 Sep and 30 Sep
    at(short, TODAY)

    plan = purge(short, force=True)  # nothing newer than September: see above

    assert plan.kinds["audit"].months == [] and plan.kinds["audit"].kept_months == ["2026-09"]
    assert verify_audit(short).intact


def write_config(folder: Path) -> Path:
    config = folder / "kiosk.toml"
    config.write_text(
        "[retention]\nvisits_days = 30\nphones_days = 30\naudit_days = 60\n"
        "school_days_before_purge = 1\n"
    )
    return config


def test_purge_command_dry_run_then_twice(short: KioskContext, admin, tmp_path: Path) -> None:
    seed(short)
    config = str(write_config(tmp_path))
    env = {"KIOSK_FAKE_NOW": TODAY}
    before = data_files(short)

    dry = admin("purge", "--dry-run", "--config", config, env=env)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[0] == (
        "visits: would delete 2 visits in 2 month(s) (2026-08, 2026-09); kept for 30 days"
    )
    assert "  kept whole (some records still open or within the period): 2026-10" in dry.stdout
    assert dry.stdout.rstrip().endswith("dry run: nothing was changed")
    assert data_files(short) == before

    real = admin("purge", "--config", config, env=env)
    assert real.returncode == 0, real.stderr
    assert "phones: deleted 2 phone records in 2 month(s)" in real.stdout
    assert "audit: deleted" in real.stdout

    again = admin("purge", "--config", config, env=env)
    assert again.returncode == 0
    assert "visits: deleted 0 visits in 0 month(s)" in again.stdout
    assert again.stdout.rstrip().endswith("nothing is past its retention period")

    # Judged by the settings it ran with (by the shipped 6 years it removed too much).
    verify = admin("audit", "verify", "--config", config, env=env)
    assert verify.returncode == 0 and verify.stdout.startswith("audit trail intact: 1 entries")
    exported = json.loads(admin("export", "visits", "--format", "json").stdout)
    assert len(exported) == 3


# --- issue 9.4: a clock that jumps -----------------------------------------------------------


def test_a_clock_years_ahead_deletes_nothing_without_force(short: KioskContext, admin) -> None:
    seed(short)
    visit(short, "2026-11-25T09:00", signed_out="2026-11-25T11:00")  # today's visitor
    before = data_files(short)
    env = {"KIOSK_FAKE_NOW": "2031-06-01T10:00:00"}

    refused = admin("purge", env=env)

    assert refused.returncode == 2
    assert refused.stderr.startswith("kiosk: purge refused, nothing deleted: the clock says 2031")
    assert "kiosk purge --force" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert data_files(short) == before
    dry = admin("purge", "--dry-run", env=env)
    assert "warning: the clock looks wrong: the clock says 2031" in dry.stdout
    assert dry.returncode == 0


def test_a_clock_earlier_than_the_newest_record_purges_nothing(
    short: KioskContext, admin, tmp_path: Path
) -> None:
    seed(short)
    before = data_files(short)
    config = str(write_config(tmp_path))  # 30 days: August would go, by this clock
    refused = admin("purge", "--config", config, env={"KIOSK_FAKE_NOW": "2026-10-01T10:00:00"})
    assert refused.returncode == 2
    assert "earlier than the newest record" in refused.stderr
    assert data_files(short) == before


def test_force_purges_despite_the_clock(short: KioskContext) -> None:
    seed(short)
    at(short, "2031-06-01T10:00")
    plan = purge(short, force=True)
    assert plan.done and plan.kinds["visits"].months
    assert verify_audit(short).intact


def test_the_purge_names_the_last_entry_it_removed(
    short: KioskContext, admin, tmp_path: Path
) -> None:
    phone(short, "2026-09-20T08:00", returned="2026-09-20T15:00")  # audit entries: September
    phone(short, "2026-11-20T08:00", returned="2026-11-20T15:00")  # and November
    at(short, TODAY)
    last_gone = [e for e in short.store.audit_entries() if e["at"].startswith("2026-09")][-1]
    first_kept = next(e for e in short.store.audit_entries() if e["at"].startswith("2026-11"))

    # Forced: two months with nothing seen, and no kiosk running, is a jump for 30 days' visits.
    plan = purge(short, force=True)

    assert plan.kinds["audit"].months == ["2026-09"]
    purge_entry = short.store.audit_entries()[-1]
    assert (
        f"last removed audit seq {last_gone['seq']} (hash {last_gone['hash']})"
        in (purge_entry["detail"])
    )
    config = write_config(tmp_path)
    assert admin("audit", "verify", "--config", config).returncode == 0
    # Cutting the entry the purge signed off is now noticed.
    settle(short.store)
    path = short.store.audit_path("2026-11")
    data = load_month(path)
    data["audit"] = {k: e for k, e in data["audit"].items() if e["seq"] != first_kept["seq"]}
    save_month(path, data)
    result = admin("audit", "verify", "--config", config)
    assert result.returncode == 1
    assert f"removed the trail up to seq={last_gone['seq']})" in result.stderr
