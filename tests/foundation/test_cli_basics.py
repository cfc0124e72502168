"""The `kiosk` command's skeleton: version, check, and one-line errors."""

from __future__ import annotations

from pathlib import Path

from kiosk import __version__
from kiosk.services.context import KioskContext
from tests.conftest import kiosk_cli


def test_version() -> None:
    result = kiosk_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"kiosk {__version__}"


def test_check_passes_on_a_healthy_folder(context: KioskContext) -> None:
    with context.store.transaction() as tx:
        tx.audit(context.now_iso(), "test", "hello")
    result = kiosk_cli("check", "--data-dir", str(context.store.data_dir))
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok:")


def test_check_reads_the_data_dir_from_the_environment(tmp_path: Path) -> None:
    result = kiosk_cli("check", env={"KIOSK_DATA_DIR": str(tmp_path / "missing")})
    assert result.returncode == 1
    assert "missing does not exist" in result.stdout


def test_run_without_a_data_folder_explains_what_to_do() -> None:
    result = kiosk_cli("run")
    assert result.returncode == 2
    assert "kiosk demo" in result.stderr and "--data-dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_command_is_one_line() -> None:
    result = kiosk_cli("frobnicate")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "invalid choice" in result.stderr


def test_demo_refuses_a_folder_with_records(context: KioskContext) -> None:
    with context.store.transaction() as tx:
        tx.audit(context.now_iso(), "test", "hello")
    result = kiosk_cli("demo", "--data-dir", str(context.store.data_dir))
    assert result.returncode == 2
    assert "already has files" in result.stderr


def test_every_command_help_shows_an_example() -> None:
    for command in ("run", "demo", "check"):
        result = kiosk_cli(command, "--help")
        assert result.returncode == 0
        assert "examples:" in result.stdout and f"kiosk {command}" in result.stdout
        assert "--data-dir" in result.stdout and "--config" in result.stdout
