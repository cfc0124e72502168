"""`kiosk demo` in a real terminal (tmux), as a newcomer would run it: it starts, shows the
welcome screen, the keys that leave an ordinary terminal program do not leave it, and the
demo's own key (Ctrl+Q, in its banner) does. `kiosk run` has no quit key at all
(tests/phones/test_demo_quit.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
)


def tmux(socket: str, *args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, check=True, timeout=30
    ).stdout


class Terminal:
    def __init__(self, socket: str, session: str, data_dir: Path) -> None:
        self.socket = socket
        self.session = session
        self.data_dir = data_dir

    def tmux(self, *args: str) -> str:
        return tmux(self.socket, *args)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, deadline_seconds: float = 60) -> str:
        # Polls the real terminal (no fixed sleep); the deadline only stops a hung test.
        end = time.monotonic() + deadline_seconds
        screen = ""
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def tap(self, label: str) -> None:
        """A touchscreen tap on the text, as foot sends it: an SGR mouse press and release."""
        for row, line in enumerate(self.screen().splitlines(), start=1):
            col = line.find(label)
            if col >= 0:
                x = col + 1 + len(label) // 2
                self.tmux(
                    "send-keys", "-t", self.session, "-l", f"\x1b[<0;{x};{row}M\x1b[<0;{x};{row}m"
                )
                return

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", self.session, "#{pane_pid}").strip())

    def running(self) -> bool:
        return self.tmux("display-message", "-p", "-t", self.session, "#{pane_dead}").strip() == "0"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    # A tmux server of this test's own: a server whose last session was just killed (by the
    # test before, or by another worker) is still exiting, and a new session sent to it fails
    # with "server exited unexpectedly".
    name = uuid.uuid4().hex[:8]
    socket, session = f"kiosk-tests-{os.getpid()}-{name}", f"kiosk-test-{name}"
    # Behind a shell that outlives it, as under `make run`: the kiosk is not the terminal's
    # session leader, so it is not sent SIGHUP when the terminal closes.
    command = f"{sys.executable} -m kiosk demo --data-dir {tmp_path / 'demo'}; true"
    tmux(
        socket, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", str(REPO),
        "-e", "TERM=xterm-256color", command,
    )  # fmt: skip
    tmux(socket, "set-option", "-t", session, "remain-on-exit", "on")
    try:
        yield Terminal(socket, session, tmp_path / "demo")
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def test_demo_starts_in_a_terminal_and_leaves_only_on_its_quit_key(terminal: Terminal) -> None:
    screen = terminal.wait_for("Sign in")
    assert "DEMO" in screen and "Ctrl+Q" in screen
    assert "Kingsthorpe Village Primary School" in screen
    for key in ("C-z", "C-d", "C-backslash", "C-p", "Escape", "F10"):
        terminal.keys(key)
    # Only a live app answers a tap. The first tap can be swallowed as the tail of the lone
    # Escape before it, so tap until the sign-in screen shows (or the deadline passes).
    end = time.monotonic() + 60
    screen = terminal.screen()
    while "What brings you here today?" not in screen and time.monotonic() < end:
        if "Sign in" in screen:
            terminal.tap("Sign in")
        screen = terminal.screen()
    assert "What brings you here today?" in screen, screen
    assert terminal.running()
    assert "Traceback" not in screen
    terminal.keys("C-q")
    screen = terminal.wait_for("Demo records are in")
    assert "Traceback" not in screen
    # The log the banner named: the start line, with what hardware it chose.
    log = (terminal.data_dir.parent / "demo.log").read_text(encoding="utf-8")
    assert "INFO kiosk.run: kiosk " in log and "starting: hardware simulated" in log


def gone(pid: int, deadline_seconds: float = 30) -> bool:
    end = time.monotonic() + deadline_seconds
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
    return False


def test_closing_the_terminal_stops_the_kiosk(terminal: Terminal) -> None:
    # systemctl stop can close foot before the kiosk: the kiosk must not linger, holding pins.
    terminal.wait_for("Sign in")
    pid = int(
        subprocess.run(
            ["pgrep", "-P", str(terminal.pid())], capture_output=True, text=True, check=True
        ).stdout.split()[0]
    )
    terminal.tmux("kill-session", "-t", terminal.session)
    assert gone(pid), "the kiosk kept running after its terminal closed"
