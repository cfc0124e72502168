"""Two writer processes and a reader process on one store: no lost updates, no failed reads."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.store import RecordStore
from tests.conftest import REPO

WORKER = Path(__file__).with_name("concurrent_worker.py")
ENV = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, text=True, cwd=REPO, env=ENV
    )


def test_two_writers_and_a_reader(data_dir: Path, tmp_path: Path) -> None:
    stop = tmp_path / "stop"
    reader = start("read", str(data_dir), str(stop))
    writers = [start("write", str(data_dir), "500", name) for name in ("Kiosk", "Admin")]
    written: list[str] = []
    for writer in writers:
        out, _ = writer.communicate(timeout=600)
        assert writer.returncode == 0
        written.extend(json.loads(out))
    stop.touch()
    report = json.loads(reader.communicate(timeout=60)[0])

    store = RecordStore(data_dir, ZoneInfo("Europe/London"))
    records = store.records("visits")
    assert len(written) == 1000
    assert {r["id"] for r in records} == set(written)
    assert len(records) == 1000
    assert [i for i, n in Counter(r["id"] for r in store.live("visits")).items() if n > 1] == []
    assert sum(1 for r in records if r.get("signed_out_at")) == 500
    assert store.check() == []
    assert report["failures"] == 0, report["errors"]
    assert report["shrank"] == 0
    assert report["reads"] > 0
