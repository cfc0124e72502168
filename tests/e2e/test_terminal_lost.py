"""A kiosk whose terminal goes away leaves, relocked, even when no SIGHUP reaches it."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from tests.conftest import REPO
from tests.helpers import read_until


def test_kiosk_leaves_when_its_terminal_hangs_up_without_sighup(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["TERM"] = "xterm-256color"
    # Not a new session: the pty is not this process's controlling terminal, so closing it
    # sends no SIGHUP, as for a kiosk behind a shell that outlives it.
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "demo", "--data-dir", str(tmp_path / "demo")],
        stdin=slave, stdout=slave, stderr=slave, cwd=REPO, env=env,
    )  # fmt: skip
    os.close(slave)
    try:
        assert b"Sign" in read_until(master, b"Sign"), "the kiosk never drew its welcome screen"
        os.close(master)
        kiosk.wait(timeout=30)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
    assert kiosk.returncode is not None
