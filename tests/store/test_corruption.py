"""A damaged data file stops `kiosk check` with its name (and `kiosk run`, if it is live.json),
and is never changed."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.domain.clock import FakeClock
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.errors import DataFileError
from kiosk.services.context import KioskContext
from kiosk.services.visitors.rules_file import load_rules
from kiosk.services.visitors.sign_in import sign_in
from kiosk.services.visitors.sign_out import sign_out_visit
from kiosk.store import RecordStore
from tests.conftest import kiosk_cli

DETAILS = VisitorDetails("visitor", "Ada Lovelace", "Analytical Ltd", "Mrs Khan", "")


def populate(context: KioskContext, clock: FakeClock) -> None:
    rules = load_rules(context.config.rules_file)
    first = sign_in(context, DETAILS, rules)
    sign_in(context, DETAILS, rules)
    clock.advance(hours=1)
    sign_out_visit(context, first.id, by="name")
    with context.store.transaction() as tx:
        tx.audit(context.now_iso(), "test", "note", first.id, "")


def truncate(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def garble(raw: bytes) -> bytes:
    return raw[:10] + b"\x00\xff garbage \x01" + raw[25:]


def empty(raw: bytes) -> bytes:
    return b""


def wrong_shape(raw: bytes) -> bytes:
    return b'["a list, not a record file"]'


DAMAGE = [truncate, garble, empty, wrong_shape]


@pytest.fixture
def populated(context: KioskContext, clock: FakeClock) -> KioskContext:
    populate(context, clock)
    return context


def data_files(context: KioskContext) -> list[Path]:
    files = context.store.data_files()
    names = sorted(p.relative_to(context.store.data_dir).parts[0] for p in files)
    assert names == ["audit", "history", "journal", "live.json"]  # one month of each
    return files


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_check_and_run_refuse_each_damaged_file(
    populated: KioskContext, tmp_path: Path, damage: object
) -> None:
    for index, original in enumerate(data_files(populated)):
        folder = tmp_path / f"copy{index}"
        shutil.copytree(populated.store.data_dir, folder)
        victim = folder / original.relative_to(populated.store.data_dir)
        victim.write_bytes(damage(victim.read_bytes()))  # type: ignore[operator]
        before = victim.read_bytes()

        # Only live.json and the journal stop the kiosk: a damaged history or audit month is
        # a fault shown on the staff screen and the LED (tests/phones/test_faults_on_screen.py).
        # A journal cut short mid-line is what a power cut during the last (never
        # acknowledged) write leaves: named by check, but the kiosk starts and cuts it off.
        journal = victim.parent.name == "journal"
        stops = victim.name == "live.json" or (journal and damage is not truncate)
        commands = ("check", "run") if stops else ("check",)
        for command in commands:
            result = kiosk_cli(command, "--data-dir", str(folder))
            output = result.stdout + result.stderr
            assert result.returncode != 0, f"{command} accepted a damaged {victim.name}"
            assert str(victim) in output, f"{command} did not name {victim}"
            assert "Traceback" not in output
            assert victim.read_bytes() == before, f"{command} changed the damaged file"


def test_a_write_never_replaces_a_damaged_file(populated: KioskContext) -> None:
    live = populated.store.live_path
    live.write_bytes(truncate(live.read_bytes()))
    before = live.read_bytes()
    rules = load_rules(populated.config.rules_file)
    with pytest.raises(DataFileError) as caught:
        sign_in(populated, DETAILS, rules)
    assert str(live) in str(caught.value)
    assert ".bak" in str(caught.value), "the message says how to recover"
    assert live.read_bytes() == before


def test_a_damaged_history_month_is_left_alone_and_the_sign_out_still_counts(
    populated: KioskContext, clock: FakeClock
) -> None:
    history = populated.store.history_path("visits", "2026-11")
    history.write_bytes(garble(history.read_bytes()))
    before = history.read_bytes()
    still_open = populated.store.live("visits")[0]
    sign_out_visit(populated, still_open["id"], by="name")  # committed in the journal
    assert history.read_bytes() == before, "a damaged file is never written to"
    assert populated.store.live("visits") == []
    problems = populated.store.check()
    assert any(str(history) in p for p in problems), problems


def test_the_last_good_copy_of_live_json_is_beside_it(populated: KioskContext) -> None:
    populated.store.checkpoint()
    backup = populated.store.live_path.with_name("live.json.bak")
    assert backup.read_bytes() != populated.store.live_path.read_bytes()
    assert backup.read_bytes().startswith(b"{")


def test_newer_schema_is_refused_by_name(populated: KioskContext) -> None:
    live = populated.store.live_path
    live.write_text(live.read_text().replace('"schema_version":2', '"schema_version":99'))
    result = kiosk_cli("check", "--data-dir", str(populated.store.data_dir))
    assert result.returncode == 1
    assert "newer kiosk" in result.stdout and str(live) in result.stdout


def test_files_are_private_to_the_kiosk(populated: KioskContext) -> None:
    for path in data_files(populated):
        assert path.stat().st_mode & 0o777 == 0o640


def test_restoring_live_json_bak_loses_nothing(populated: KioskContext, clock: FakeClock) -> None:
    """The .bak is the previous checkpoint; the journals after it are kept and read after it,
    so the office's recovery (docs/records.md) brings back every acknowledged record."""
    rules = load_rules(populated.config.rules_file)
    populated.store.checkpoint()
    before = sign_in(populated, DETAILS, rules)
    populated.store.checkpoint()  # live.json.bak is now the checkpoint before `before`
    after = sign_in(populated, DETAILS, rules)
    live = populated.store.live_path
    live.write_bytes(truncate(live.read_bytes()))
    live.write_bytes(live.with_name("live.json.bak").read_bytes())  # step 3 of the recovery
    store = RecordStore(populated.store.data_dir, populated.config.tz)
    on_site = {v["id"] for v in store.live("visits")}
    assert {before.id, after.id} <= on_site
    assert store.check() == []
    sign_in(replace(populated, store=store), DETAILS, rules)  # and it writes on from there
    assert len(RecordStore(store.data_dir, store.tz).live("visits")) == len(on_site) + 1


def test_a_missing_live_json_is_not_a_new_folder(populated: KioskContext) -> None:
    """Deleted by mistake: the kiosk refuses by name instead of starting an empty store over
    the journal and month files (restoring live.json.bak brings everything back)."""
    live = populated.store.live_path
    live.unlink()
    result = kiosk_cli("check", "--data-dir", str(populated.store.data_dir))
    assert result.returncode == 1 and f"data file {live} is missing" in result.stdout
    run = kiosk_cli("run", "--data-dir", str(populated.store.data_dir))
    assert run.returncode != 0 and str(live) in run.stdout + run.stderr
    assert not live.exists()
