"""Issue 22: a data folder written by the first layout (tests/store/layout1/data, made by the
services of main before the change; see make_layout1_folder.py) is converted once, keeping a
copy, with nothing lost or changed; a kill at any write of the conversion leaves the old
layout or the new one, never a mix."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.store import RecordStore
from kiosk.store.conversion import COPY_DIR
from tests.conftest import REPO, kiosk_cli

FIXTURE = Path(__file__).with_name("layout1") / "data"
HARNESS = Path(__file__).with_name("conversion_crash_writer.py")
TZ = ZoneInfo("Europe/London")
SOON_AFTER = "2026-11-25T09:00:00"  # the day after the fixture's newest record
CLOSABLE = ("visits", "phones")
REFERENCE = ("staff", "pupils", "regulars", "letters")
BOTH_PLACES = "V-6TBXJ6J3WJBX"  # open in live.json, closed in history (the old archive crash)


def old_facts() -> dict[str, Any]:
    """What the first-layout folder holds, read straight from its JSON files."""
    live = json.loads((FIXTURE / "live.json").read_text())
    facts: dict[str, Any] = {}
    for kind in (*CLOSABLE, *REFERENCE):
        facts[kind] = {d["id"]: d for d in live[kind].values()}
    for kind in CLOSABLE:
        closed: dict[str, Any] = {}
        for path in sorted((FIXTURE / "history").glob(f"{kind}-*.json")):
            closed.update({d["id"]: d for d in json.loads(path.read_text())[kind].values()})
        for item in live["closed"].values():
            if item["kind"] == kind:
                closed[item["record"]["id"]] = item["record"]
        facts[f"closed {kind}"] = {i: r for i, r in closed.items() if i not in facts[kind]}
    state = {d["key"]: d["value"] for d in live["state"].values()}
    entries = []
    for path in sorted((FIXTURE / "audit").glob("audit-*.json")):
        entries.extend(json.loads(path.read_text())["audit"].values())
    head = state["audit_head"]["seq"]
    facts["audit"] = sorted((e for e in entries if e["seq"] <= head), key=lambda e: e["seq"])
    facts["head"] = state["audit_head"]
    return facts


def new_facts(store: RecordStore) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for kind in (*CLOSABLE, *REFERENCE):
        facts[kind] = {r["id"]: r for r in store.live(kind)}
    for kind in CLOSABLE:
        facts[f"closed {kind}"] = {
            r["id"]: r for month in store.months(kind) for r in store.history(kind, month)
        }
    facts["audit"] = store.audit_entries()
    facts["head"] = store.state("audit_head")
    return facts


@pytest.fixture
def old_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    shutil.copy2(FIXTURE.with_name("data.pin-key"), tmp_path / "data.pin-key")
    return folder


def test_the_first_layout_is_named_and_refused_until_converted(old_folder: Path) -> None:
    check = kiosk_cli("check", "--data-dir", str(old_folder))
    assert check.returncode == 1
    assert "uses the first layout" in check.stdout and "kiosk migrate" in check.stdout
    onsite = kiosk_cli("onsite", "--data-dir", str(old_folder))
    assert onsite.returncode != 0 and "kiosk migrate" in onsite.stderr
    assert "Traceback" not in onsite.stderr and len(onsite.stderr.strip().splitlines()) == 1


def test_migrate_converts_once_keeping_a_copy_and_losing_nothing(old_folder: Path) -> None:
    before = {p.relative_to(old_folder): p.read_bytes() for p in old_folder.rglob("*.json*")}
    result = kiosk_cli("migrate", "--data-dir", str(old_folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"converted {old_folder} to layout 2")

    store = RecordStore(old_folder, TZ)
    assert store.layout() == 2
    assert new_facts(store) == old_facts()
    # The old archive crash is resolved in live.json's favour: still on site, not closed.
    assert BOTH_PLACES in new_facts(store)["visits"]
    assert store.check() == []
    assert store.verify_audit().intact
    # The copy holds every old file as it was; the old month files are gone from the layout.
    copy = old_folder / COPY_DIR
    assert {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*.json*")} == before
    assert list(old_folder.glob("history/*.json")) == []
    assert list(old_folder.glob("audit/*.json")) == []

    # On the records' own clock: on the real one, `kiosk check` rightly calls the clock wrong
    # once the date is far from the fixture's records.
    check = kiosk_cli("check", "--data-dir", str(old_folder), env={"KIOSK_FAKE_NOW": SOON_AFTER})
    assert check.returncode == 0, check.stdout
    assert "uses layout 2" in check.stdout
    again = kiosk_cli("migrate", "--data-dir", str(old_folder))
    assert again.returncode == 0 and again.stdout.startswith("nothing to do")


def test_starting_the_kiosk_converts_the_folder(old_folder: Path) -> None:
    from kiosk.services.context import open_context

    context = open_context(data_dir=old_folder, create=True)  # as `kiosk run` does
    assert context.store.layout() == 2
    assert new_facts(context.store) == old_facts()


def test_an_older_kiosk_refuses_the_converted_folder_by_name(old_folder: Path) -> None:
    RecordStore.open(old_folder, TZ, convert=True)
    meta = json.loads((old_folder / "live.json").read_text())["_meta"]
    # What the first layout's reader checks: one _meta document with a schema_version it
    # does not know, so an older kiosk says "written by a newer kiosk" and changes nothing.
    assert [doc["schema_version"] for doc in meta.values()] == [2]


def crash_conversions(tmp_path: Path) -> list[dict[str, Any]]:
    work = tmp_path / "kills"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, str(HARNESS), str(FIXTURE), str(work)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=600,
        check=True,
    )
    return json.loads(result.stdout)


def test_a_kill_at_every_write_of_the_conversion_leaves_one_layout(tmp_path: Path) -> None:
    runs = crash_conversions(tmp_path)
    assert len(runs) > 20 and not runs[-1]["killed"], "the harness never finished a conversion"
    expected = old_facts()
    old_files = {p.relative_to(FIXTURE): p.read_bytes() for p in FIXTURE.rglob("*.json*")}
    layouts = []
    for run in runs:
        folder = tmp_path / "kills" / str(run["n"])
        store = RecordStore(folder, TZ)
        layouts.append(store.layout())
        if store.layout() == 1:
            # The first layout, untouched: every old file as it was (new files beside them
            # are ignored by an older kiosk, and rewritten by the next try).
            now = {p.relative_to(folder): p.read_bytes() for p in folder.glob("live.json*")}
            for folder_name in ("history", "audit"):
                now.update(
                    (p.relative_to(folder), p.read_bytes())
                    for p in (folder / folder_name).glob("*.json*")
                    if not p.name.endswith(".jsonl")
                )
            assert now == old_files, f"kill {run['n']}: the first layout was changed"
            RecordStore.open(folder, TZ, convert=True)  # the next try
        assert new_facts(RecordStore(folder, TZ)) == expected, f"kill {run['n']}"
        with RecordStore(folder, TZ).transaction():
            pass  # the next writer finishes a conversion killed after its switch
        assert list(folder.glob("history/*.json")) == [], f"kill {run['n']}"
        assert RecordStore(folder, TZ).check() == [], f"kill {run['n']}"
    assert 1 in layouts and 2 in layouts


def attendance(record_id: str, signed_in: str, signed_out: str = "") -> dict[str, Any]:
    return {
        "id": record_id, "staff_id": "S-TERMDATA0001", "name": "Sam Patel", "role": "Teacher",
        "signed_in_at": signed_in, "signed_in_by": "card",
        "signed_out_at": signed_out, "signed_out_by": "card" if signed_out else "",
    }  # fmt: skip


def test_staff_attendance_of_the_first_layout_is_converted(old_folder: Path) -> None:
    # As a first-layout kiosk with issue 25 wrote them: staff on site in live.json, a signed-out
    # one waiting in its `closed` table, older ones in their month's history file.
    live = json.loads((old_folder / "live.json").read_text())
    live["staffattendance"] = {"1": attendance("A-ONSITE", "2026-11-27T08:30:00+00:00")}
    live["closed"]["999"] = {
        "kind": "staffattendance",
        "record": attendance("A-WAITING", "2026-11-26T08:30:00+00:00", "2026-11-26T16:00:00+00:00"),
    }
    (old_folder / "live.json").write_text(json.dumps(live))
    october = attendance("A-OCTOBER", "2026-10-05T08:30:00+01:00", "2026-10-05T16:00:00+01:00")
    (old_folder / "history" / "staffattendance-2026-10.json").write_text(
        json.dumps({
            "_meta": {"1": {"schema_version": 1, "kind": "staffattendance"}},
            "staffattendance": {"1": october},
        })
    )  # fmt: skip

    result = kiosk_cli("migrate", "--data-dir", str(old_folder))
    assert result.returncode == 0, result.stderr

    store = RecordStore(old_folder, TZ)
    assert [r["id"] for r in store.live("staffattendance")] == ["A-ONSITE"]
    assert store.months("staffattendance") == ["2026-10", "2026-11"]
    assert [r["id"] for r in store.history("staffattendance", "2026-10")] == ["A-OCTOBER"]
    assert [r["id"] for r in store.history("staffattendance", "2026-11")] == ["A-WAITING"]
    assert (old_folder / "history" / "staffattendance-2026-10.jsonl").exists()
    assert store.check() == []


def test_a_slower_conversion_leaves_the_journal_the_faster_one_saved_into(
    old_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `kiosk run` (systemd) and an admin's `kiosk migrate` convert the same folder at once:
    # the faster one switches and saves a tap while the slower one is still planning.
    import kiosk.store.conversion as conversion

    real_plan = conversion.plan
    raced: list[bool] = []

    def plan_then_race(store: RecordStore, old: conversion.OldFolder) -> conversion.NewFolder:
        new = real_plan(store, old)
        if not raced:
            raced.append(True)
            faster = RecordStore.open(old_folder, TZ, convert=True)
            with faster.transaction() as tx:
                tx.insert("visits", {"id": "V-SAVEDMEANWHILE", "name": "Ann Lee",
                                     "signed_in_at": "2026-12-01T09:00:00+00:00"})  # fmt: skip
        return new

    monkeypatch.setattr(conversion, "plan", plan_then_race)
    assert conversion.convert_folder(RecordStore(old_folder, TZ)) is False

    store = RecordStore(old_folder, TZ)
    assert "V-SAVEDMEANWHILE" in {r["id"] for r in store.live("visits")}
    assert store.check() == []


KIOSK_UID = KIOSK_GID = 4321  # stands in for the kiosk user: any id that is not root's


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can write as another user")
def test_sudo_kiosk_migrate_leaves_everything_to_the_kiosk_user(old_folder: Path) -> None:
    for path in [old_folder, *old_folder.rglob("*")]:
        os.chown(path, KIOSK_UID, KIOSK_GID)

    RecordStore.open(old_folder, TZ, convert=True)  # as root

    wrong = [
        str(p.relative_to(old_folder))
        for p in [old_folder, *old_folder.rglob("*")]
        if (p.stat().st_uid, p.stat().st_gid) != (KIOSK_UID, KIOSK_GID)
    ]
    assert wrong == []
    assert (old_folder / COPY_DIR).is_dir() and (old_folder / "journal").is_dir()


def test_a_conversion_that_cannot_write_says_which_file_and_why(
    old_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli.main import main

    def refused(source: object, target: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(os, "link", refused)
    status = main(["migrate", "--data-dir", str(old_folder)])
    monkeypatch.undo()

    err = capsys.readouterr().err
    assert status == 3
    assert err.startswith(f"kiosk: cannot write data file {old_folder / COPY_DIR}")
    assert "permission denied" in err and "unexpected error" not in err
    assert len(err.splitlines()) == 1
    assert RecordStore(old_folder, TZ).layout() == 1


def test_finishing_a_conversion_that_cannot_remove_a_file_says_which_and_why(
    old_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.errors import DataWriteError
    from kiosk.store.conversion import finish_conversion

    real_unlink = Path.unlink
    monkeypatch.setattr(Path, "unlink", lambda self, *a, **k: None)  # killed before step 3
    RecordStore.open(old_folder, TZ, convert=True)
    monkeypatch.setattr(Path, "unlink", real_unlink)

    def refused(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "unlink", refused)
    with pytest.raises(DataWriteError) as raised:
        finish_conversion(RecordStore(old_folder, TZ))
    assert "permission denied" in str(raised.value)
    assert str(old_folder) in str(raised.value)
