"""The backup and restore procedure in docs/backup-restore.md, done as the docs say.

The backup command holds the store's own lock with flock(1) while tar reads the folder, so a
backup taken while the kiosk runs is one consistent moment: no record half-moved between the
live file and its month's history file.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile

import pytest

pytestmark = pytest.mark.skipif(
    shutil.which("flock") is None or shutil.which("tar") is None,
    reason="flock(1) and tar are part of every Debian system; not on this machine",
)


def test_flock_command_and_the_store_share_one_lock(context, data_dir):
    lock = data_dir / ".lock"
    with context.store.transaction():
        busy = subprocess.run(["flock", "--nonblock", str(lock), "true"], timeout=30)
        assert busy.returncode != 0, "flock(1) got the lock while a kiosk write held it"
    free = subprocess.run(["flock", "--nonblock", str(lock), "true"], timeout=30)
    assert free.returncode == 0


def test_backup_then_restore_brings_the_records_back(context, data_dir, tmp_path, run_cli):
    with context.store.transaction() as tx:
        tx.insert("staff", {"id": "stf-backup-test", "name": "Jo Bloggs", "pin_hash": "x"})
    archive = tmp_path / "kiosk-backup.tar.gz"
    # As in the docs: flock DATA/.lock tar -czf ARCHIVE -C PARENT FOLDERNAME
    subprocess.run(
        [
            "flock",
            str(data_dir / ".lock"),
            "tar",
            "-czf",
            str(archive),
            "-C",
            str(data_dir.parent),
            data_dir.name,
        ],
        check=True,
        timeout=60,
    )
    with tarfile.open(archive) as tar:
        assert f"{data_dir.name}/live.json" in tar.getnames()

    shutil.rmtree(data_dir)  # the card died
    subprocess.run(["tar", "-xzf", str(archive), "-C", str(data_dir.parent)], check=True)

    check = run_cli("check", "--data-dir", str(data_dir))
    assert check.returncode == 0, check.stdout + check.stderr
    assert context.store.find("staff", "stf-backup-test")["name"] == "Jo Bloggs"
