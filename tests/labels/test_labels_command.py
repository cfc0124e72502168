"""`kiosk labels` as an admin runs it: files written, one-line errors, no tracebacks."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import kiosk_cli

NS = {"svg": "http://www.w3.org/2000/svg"}


def test_writes_the_sheet_and_says_where(tmp_path: Path) -> None:
    out = tmp_path / "labels.svg"
    result = kiosk_cli("labels", "--count", "4", "--output", str(out), "--start", "10")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {out}"
    root = ET.parse(out).getroot()
    texts = [t.text for t in root.iterfind(".//svg:text[@class='label-text']", NS)]
    assert texts == ["BAG-010", "BAG-011", "BAG-012", "BAG-013"]


def test_errors_are_one_line_with_a_non_zero_exit(tmp_path: Path) -> None:
    out = tmp_path / "labels.svg"
    out.write_text("keep me")
    cases = [
        (["--count", "0"], "the count must be from 1 to 500"),
        (["--count", "many"], "invalid int value"),
        (["--count", "3", "--prefix", "b@g"], "the prefix must be"),
        (["--count", "3", "--output", str(out)], "already exists; use --force"),
    ]
    for extra, message in cases:
        result = kiosk_cli("labels", *extra, cwd=tmp_path)
        assert result.returncode == 2, (extra, result.stderr)
        assert message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
    assert out.read_text() == "keep me"


def test_force_replaces_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "labels.svg"
    out.write_text("old")
    result = kiosk_cli("labels", "--count", "2", "--output", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("<?xml")


def test_help_shows_examples() -> None:
    result = kiosk_cli("labels", "--help")
    assert result.returncode == 0
    assert "kiosk labels --count 24 --output labels.svg" in result.stdout
