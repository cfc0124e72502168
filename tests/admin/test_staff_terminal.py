"""`kiosk staff add` on a real terminal: the PIN is asked twice and never echoed."""

from __future__ import annotations

import os
import pty
import select
import sys

from kiosk.domain.pins import verify_pin
from kiosk.services.context import KioskContext
from kiosk.services.staff.staff_accounts import list_staff
from tests.conftest import REPO, pin_key
from tests.helpers import read_until


def run_on_terminal(args: list[str], answers: list[tuple[bytes, bytes]]) -> tuple[int, bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty, as in an SSH session
        os.chdir(REPO)
        os.execve(sys.executable, [sys.executable, "-m", "kiosk", *args], env)
    seen = bytearray()
    try:
        for prompt, answer in answers:
            read_until(fd, prompt, seen, limit=20)
            os.write(fd, answer)
        # Let it finish writing; what comes with the newline (an error line) is kept.
        seen.extend(read_until(fd, b"\n", limit=20))
        while True:
            ready, _, _ = select.select([fd], [], [], 10)
            if not ready:
                break
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            seen.extend(chunk)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), bytes(seen)


def test_pin_is_asked_twice_without_echo(context: KioskContext) -> None:
    folder = str(context.store.data_dir)
    code, screen = run_on_terminal(
        ["staff", "add", "Sam Patel", "--data-dir", folder],
        [(b"New PIN for Sam Patel", b"482619\n"), (b"The same PIN again", b"482619\n")],
    )

    assert code == 0, screen
    assert b"added Sam Patel (staff) with id S-" in screen
    assert b"482619" not in screen  # typed, but never shown
    (member,) = list_staff(context)
    assert verify_pin("482619", member.pin_hash, pin_key(context))


def test_two_different_pins_change_nothing(context: KioskContext) -> None:
    folder = str(context.store.data_dir)
    code, screen = run_on_terminal(
        ["staff", "add", "Sam Patel", "--data-dir", folder],
        [(b"New PIN for Sam Patel", b"482619\n"), (b"The same PIN again", b"482691\n")],
    )

    assert code != 0
    assert b"the two PINs were different; nothing was changed" in screen
    assert list_staff(context) == []
