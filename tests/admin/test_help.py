"""Every admin command's --help shows an example and the common options."""

from __future__ import annotations

import pytest

from tests.conftest import kiosk_cli

COMMANDS = [
    ("export",), ("onsite",), ("phones",), ("staff",), ("staff", "add"), ("staff", "list"),
    ("staff", "disable"), ("staff", "pin"), ("close-day",), ("purge",), ("audit",),
    ("audit", "verify"), ("ssh-export",), ("regulars",), ("regulars", "add"),
    ("regulars", "list"), ("regulars", "renew"), ("regulars", "revoke"), ("regulars", "card"),
    ("regulars", "check"),
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_shows_an_example(command: tuple[str, ...]) -> None:
    result = kiosk_cli(*command, "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert f"kiosk {command[0]}" in result.stdout.split("examples:")[1] or command == (
        "ssh-export",
    )
    assert "--data-dir" in result.stdout and "--config" in result.stdout


def test_options_before_the_command_are_kept(tmp_path) -> None:
    result = kiosk_cli("--data-dir", str(tmp_path / "missing"), "onsite")
    assert result.returncode == 2
    assert "missing does not exist" in result.stderr
