"""Issue 9.4: writes keep the data folder's owner; a full or read-only disk is one line naming
the file and the cause; a permission problem never gets the advice to restore a .bak."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import kiosk.store.atomic_json as atomic_json
from kiosk.cli.main import main
from kiosk.services.context import KioskContext
from kiosk.store import RecordStore
from tests.admin.seeding import visit

KIOSK_UID = KIOSK_GID = 4321  # stands in for the kiosk user: any id that is not root's


def owners(folder: Path) -> set[tuple[str, int, int]]:
    return {
        (str(p.relative_to(folder)), p.stat().st_uid, p.stat().st_gid)
        for p in [folder, *folder.rglob("*")]
    }


# close-day that evening (issue 21: it refuses a clock days past the kiosk's last use).
EVENING = "2026-11-24T18:30:00"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can write as another user")
def test_root_writes_keep_the_kiosk_users_ownership(context: KioskContext, monkeypatch) -> None:
    monkeypatch.setenv("KIOSK_FAKE_NOW", EVENING)
    visit(context, "2026-11-24T09:00")  # live.json, audit/ and history/ exist
    folder = context.store.data_dir
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, KIOSK_UID, KIOSK_GID)

    # As `sudo kiosk close-day --now` would: root appends to the journal, makes a new month
    # file, and a checkpoint writes live.json, its .bak and a new journal...
    assert main(["close-day", "--now", "--data-dir", str(folder)]) == 0
    context.store.checkpoint()

    wrong = [(name, uid, gid) for name, uid, gid in owners(folder) if uid != KIOSK_UID]
    assert wrong == []
    assert context.store.months("visits") == ["2026-11"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can write as another user")
def test_a_new_lock_file_and_folders_belong_to_the_kiosk_user(data_dir: Path) -> None:
    os.chown(data_dir, KIOSK_UID, KIOSK_GID)
    store = RecordStore.open(data_dir, ZoneInfo("Europe/London"))
    with store.transaction() as tx:
        tx.insert("visits", {"id": "V-1", "name": "A B",
                             "signed_in_at": "2026-11-25T09:00:00+00:00"})  # fmt: skip
    assert {uid for _, uid, _ in owners(data_dir)} == {KIOSK_UID}


@pytest.mark.parametrize(
    ("code", "cause"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the disk is read-only")],
)
def test_a_full_or_read_only_disk_is_one_clear_line(
    context: KioskContext, monkeypatch, capsys, code: int, cause: str
) -> None:
    monkeypatch.setenv("KIOSK_FAKE_NOW", EVENING)
    visit(context, "2026-11-24T09:00")
    before = {p: p.read_bytes() for p in context.store.data_files()}

    def no_room(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic_json.os, "fsync", no_room)
    monkeypatch.setattr(atomic_json.os, "fdatasync", no_room)
    status = main(["close-day", "--now", "--data-dir", str(context.store.data_dir)])
    monkeypatch.undo()

    err = capsys.readouterr().err
    assert status == 3
    assert err.startswith("kiosk: cannot write data file ")
    assert cause in err and "nothing was saved" in err
    assert "unexpected error" not in err and ".bak" not in err
    assert len(err.splitlines()) == 1
    assert str(context.store.data_dir) in err
    after = {p: p.read_bytes() for p in context.store.data_files()}
    assert after == before  # really nothing saved
    assert [p.name for p in context.store.data_dir.rglob(".*.tmp-*")] == []


def test_the_store_remembers_a_failed_write_until_one_succeeds(
    context: KioskContext, monkeypatch
) -> None:
    from kiosk.errors import DataWriteError

    def no_room(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_json.os, "fsync", no_room)
    monkeypatch.setattr(atomic_json.os, "fdatasync", no_room)
    with pytest.raises(DataWriteError), context.store.transaction() as tx:
        tx.set_state("x", 1)
    assert "the disk is full" in (context.store.write_failure or "")
    monkeypatch.undo()
    with context.store.transaction() as tx:
        tx.set_state("x", 1)
    assert context.store.write_failure is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_an_unreadable_file_says_whom_to_run_as_not_restore(context: KioskContext, admin):
    visit(context, "2026-11-24T09:00")
    context.store.live_path.chmod(0o000)
    try:
        result = admin("onsite")
    finally:
        context.store.live_path.chmod(0o640)
    assert "permission denied" in result.stderr and "sudo -u kiosk" in result.stderr
    assert ".bak" not in result.stderr


def test_permission_advice_never_mentions_the_backup() -> None:
    from kiosk.errors import DataFileError

    error = DataFileError("/var/lib/kiosk/live.json", "cannot be read (permission denied)",
                          DataFileError.RUN_AS_OWNER)  # fmt: skip
    assert ".bak" not in str(error) and "sudo -u kiosk kiosk" in str(error)
