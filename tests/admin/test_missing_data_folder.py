"""A data folder that is not there (a typo in --data-dir) is named as missing, never taken for
an empty folder: `kiosk migrate` refuses it as every other admin command does, and `kiosk
check` reports it once, with no layout line that would call it a folder with no records."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import kiosk_cli


def test_migrate_refuses_a_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "kisok"

    result = kiosk_cli("migrate", "--data-dir", str(missing))

    assert result.returncode == 2, result.stdout
    assert result.stderr.strip() == f"kiosk: data folder {missing} does not exist"
    assert "nothing to do" not in result.stdout
    assert not missing.exists()


def test_check_names_a_missing_folder_once_with_no_layout_line(tmp_path: Path) -> None:
    missing = tmp_path / "kisok"

    result = kiosk_cli("check", "--data-dir", str(missing))

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"problem: data folder {missing} does not exist" in lines
    assert not [line for line in lines if line.startswith("layout:")]


def test_check_still_gives_the_layout_of_a_folder_that_exists(tmp_path: Path) -> None:
    result = kiosk_cli("check", "--data-dir", str(tmp_path))

    assert result.stdout.splitlines()[-1] == f"layout: data folder {tmp_path} uses no records yet"
