"""The app's log lines reach somewhere an IT person can read them (never the foyer screen)."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli.log_setup import LOGGERS, log_to_file, log_to_journal


@pytest.fixture(autouse=True)
def restore_loggers() -> Iterator[None]:
    root = logging.getLogger()
    handlers = root.handlers[:]
    levels = {name: logging.getLogger(name).level for name in LOGGERS}
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_hardware_fallback_warning_reaches_the_journal_socket(tmp_path: Path) -> None:
    path = tmp_path / "log"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as journal:
        journal.bind(str(path))
        journal.settimeout(5)
        assert log_to_journal(path) == f"the journal ({path})"

        logging.getLogger("hardware.factory").warning("hardware: using simulated pins: no lgpio")
        line = journal.recv(4096).decode()

    assert "kiosk[" in line and "WARNING hardware.factory" in line
    assert line.rstrip("\x00").endswith("hardware: using simulated pins: no lgpio")


def test_a_crash_traceback_reaches_the_log_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.log"
    assert log_to_file(path) == str(path)
    try:
        raise ValueError("boom")
    except ValueError as exc:
        logging.getLogger("kiosk.ui").critical("the kiosk stopped", exc_info=exc)
    logging.getLogger("kiosk.ui").debug("not kept")

    text = path.read_text(encoding="utf-8")
    assert "CRITICAL kiosk.ui: the kiosk stopped" in text
    assert "ValueError: boom" in text and "not kept" not in text
    assert path.stat().st_mode & 0o077 == 0


def test_configuring_twice_writes_each_line_once(tmp_path: Path) -> None:
    path = tmp_path / "demo.log"
    log_to_file(path)
    log_to_file(path)
    logging.getLogger("kiosk").warning("once")
    assert path.read_text(encoding="utf-8").count("once") == 1


def test_without_a_syslog_socket_it_says_so(tmp_path: Path) -> None:
    (tmp_path / "log").write_text("not a socket")
    assert log_to_journal(tmp_path / "log") == "nowhere (no syslog socket)"
    assert log_to_journal(tmp_path / "missing") == "nowhere (no syslog socket)"
