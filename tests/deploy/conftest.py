"""Fixtures for the deployment tests: a NOTIFY_SOCKET the test owns, the repo's systemd folder."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SYSTEMD_DIR = REPO / "systemd"


@pytest.fixture
def notify_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    """A datagram socket standing in for systemd's; NOTIFY_SOCKET points the app at it."""
    path = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.setblocking(False)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    try:
        yield sock
    finally:
        sock.close()


@pytest.fixture
def abstract_socket(monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    """The same in Linux's abstract namespace, spelled `@name` as systemd may hand it over."""
    name = f"kiosk-test-{os.getpid()}-{id(monkeypatch)}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(b"\0" + name.encode())
    sock.setblocking(False)
    monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
    try:
        yield sock
    finally:
        sock.close()


def run_install(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """systemd/install.sh into a throw-away root, without a venv (no network needed)."""
    env = {**os.environ, "KIOSK_INSTALL_SKIP_VENV": "1"}
    env.pop("KIOSK_CONFIG", None)
    return subprocess.run(
        ["bash", str(SYSTEMD_DIR / "install.sh"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def install() -> object:
    return run_install


@pytest.fixture
def installed_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    result = run_install(root)
    assert result.returncode == 0, result.stderr
    return root
