"""SIGKILL a real writer process at random moments: nothing it reported as committed is lost."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.store import RecordStore
from tests.conftest import REPO

HARNESS = Path(__file__).with_name("crash_writer.py")
TZ = ZoneInfo("Europe/London")


def run_kills(data_dir: Path, kills: int, seed: int) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, str(HARNESS), str(data_dir), str(kills), str(seed)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=600,
        check=True,
    )
    return json.loads(result.stdout)


def assert_store_survived(data_dir: Path, report: dict[str, object]) -> None:
    store = RecordStore(data_dir, TZ)
    assert store.check() == [], "the store must open cleanly after every kill"

    live_ids = [r["id"] for r in store.live("visits")]
    history_ids = [r["id"] for m in store.months("visits") for r in store.history("visits", m)]
    assert [i for i, n in Counter(live_ids).items() if n > 1] == []
    assert [i for i, n in Counter(history_ids).items() if n > 1] == []

    visible = {r["id"]: r for r in store.records("visits")}
    committed = report["committed"]
    assert isinstance(committed, list) and committed, "the writer committed nothing: harness broken"
    missing = [i for i in committed if i not in visible]
    assert missing == [], f"{len(missing)} acknowledged writes were lost"
    for record_id in report["closed"]:  # type: ignore[union-attr]
        assert visible[record_id]["signed_out_at"], f"closed visit {record_id} came back open"

    # A later writer cleans up temp files the dead ones left behind.
    with store.transaction():
        pass
    leftovers = [p.name for p in data_dir.rglob(".*.tmp-*")]
    assert leftovers == []


def test_two_hundred_kills_lose_nothing(data_dir: Path) -> None:
    report = run_kills(data_dir, kills=200, seed=1)
    assert report["kills"] == 200
    assert_store_survived(data_dir, report)


@pytest.mark.slow
def test_two_thousand_kills_lose_nothing(data_dir: Path) -> None:
    report = run_kills(data_dir, kills=2000, seed=7)
    assert_store_survived(data_dir, report)
