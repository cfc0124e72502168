"""A new data folder's first writes (the genesis entry, the journal, live.json, the first
record) killed after each write in turn: the folder is then new or has what was
acknowledged, never a folder that refuses to open."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.store import RecordStore
from tests.conftest import REPO

HARNESS = Path(__file__).with_name("conversion_crash_writer.py")
TZ = ZoneInfo("Europe/London")


def test_a_kill_at_every_write_of_a_new_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(HARNESS), "--fresh", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=600,
        check=True,
    )
    runs = json.loads(result.stdout)
    assert len(runs) > 5 and not runs[-1]["killed"], "the harness never finished a first write"
    for run in runs:
        folder = tmp_path / str(run["n"])
        store = RecordStore.open(folder, TZ, start_trail=True)  # as `kiosk run` would
        assert store.check() == [], f"kill {run['n']}: {store.check()}"
        with store.transaction() as tx:  # and it takes writes
            tx.insert("visits", {"id": "V-NEXT", "name": "C D",
                                 "signed_in_at": "2026-11-25T10:00:00+00:00"})  # fmt: skip
        found = {r["id"] for r in RecordStore(folder, TZ).live("visits")}
        assert "V-NEXT" in found
        assert ("V-FIRST" in found) or run["killed"], f"kill {run['n']}"
        assert RecordStore(folder, TZ).verify_audit().intact
