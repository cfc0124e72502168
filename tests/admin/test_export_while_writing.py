"""Exports run while the kiosk writes: each one parses, and none misses a committed record."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from tests.conftest import REPO, kiosk_cli

WORKER = Path(__file__).with_name("signing_worker.py")


def test_exports_beside_a_writer_never_miss_a_committed_record(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    stop = tmp_path / "stop"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["PYTHONPATH"] = str(REPO)
    writer = subprocess.Popen(
        [sys.executable, str(WORKER), str(data), str(stop), "5000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
    )  # fmt: skip
    committed: list[tuple[str, str]] = []  # appended by the reader thread as lines arrive
    reader = threading.Thread(
        target=lambda: committed.extend(tuple(line.split()) for line in writer.stdout), daemon=True
    )
    reader.start()

    exports = 0
    try:
        while exports < 8 and writer.poll() is None:
            known_before = list(committed)
            fmt = "json" if exports % 2 else "csv"
            result = kiosk_cli("export", "visits", "--format", fmt, "--data-dir", str(data))
            assert result.returncode == 0, result.stderr
            if fmt == "json":
                rows = {r["id"]: r for r in json.loads(result.stdout)}
            else:
                rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
            for action, visit_id in known_before:
                assert visit_id in rows, f"export {exports} missed committed {visit_id}"
                if action == "out":
                    assert rows[visit_id]["signed_out_at"], f"{visit_id} lost its sign-out"
            exports += 1
    finally:
        stop.touch()
        writer.wait(timeout=60)
        reader.join(timeout=10)
    assert writer.returncode == 0, writer.stderr.read()
    assert exports >= 3  # the writer was really running alongside
    assert len(committed) > 10

    final = json.loads(
        kiosk_cli("export", "visits", "--format", "json", "--data-dir", str(data)).stdout
    )
    by_id = {r["id"]: r for r in final}
    signed_in = {v for a, v in committed if a == "in"}
    signed_out = {v for a, v in committed if a == "out"}
    assert set(by_id) == signed_in
    assert {v for v, r in by_id.items() if r["signed_out_at"]} == signed_out
