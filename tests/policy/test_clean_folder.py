"""Every phone-policy command on a brand-new data folder: sensible output, no traceback."""

from __future__ import annotations

import json
from pathlib import Path


def test_commands_on_an_empty_data_folder(context, admin, tmp_path: Path) -> None:
    listed = admin("pupils", "list")
    assert (listed.returncode, listed.stdout) == (0, "Pupils on the roster: 0\n")
    report = admin("report", "phones")
    assert report.returncode == 0
    assert report.stdout == (
        "Phones, Autumn 2026 (2026-1: 2026-09-01 to 2026-12-31): 0 handed in on arrival, "
        "0 confiscated, 0 pupils\n"
    )
    assert json.loads(admin("report", "phones", "--format", "json").stdout) == []
    incidents = admin("export", "incidents")
    assert incidents.returncode == 0 and incidents.stdout.startswith('"mis_id","pupil"')
    letters = admin("letters", "--output", str(tmp_path / "l.html"))
    assert letters.returncode == 0 and "letters: 0 for 2026-11-25" in letters.stdout
    evidence = admin("evidence", "--output", str(tmp_path / "e.html"))
    assert evidence.returncode == 0, evidence.stderr
    html = (tmp_path / "e.html").read_text()
    assert html.count("<svg") == 4 and "No audit entries" in html
    unknown = admin("pupils", "set", "X1", "--parent-only")
    assert unknown.returncode == 2 and unknown.stderr.startswith("kiosk: no pupil with id X1")
    assert "Traceback" not in "".join(
        r.stderr for r in (listed, report, incidents, letters, evidence, unknown)
    )
