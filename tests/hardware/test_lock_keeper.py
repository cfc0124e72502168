"""Issue 21.5: the lock keeper process times every opening, so nothing the kiosk does can
hold the store open: not a busy UI thread holding the GIL, not a frozen or killed kiosk.
(bench.lock_load measures the open time under load; tests check the mechanism, not times.)"""

from __future__ import annotations

import logging
import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from hardware import HardwareError, build_hardware, process_lock
from hardware.factory import GpioHardware
from hardware.lock import GpioLock
from hardware.process_lock import ProcessLock
from tests.conftest import REPO
from tests.helpers import hardware_settings

KEEPER = hardware_settings(pin_factory="mock", lock_timer="process")


@pytest.fixture
def hw() -> Iterator[GpioHardware]:
    hardware = build_hardware(KEEPER)
    yield hardware
    hardware.close()


def history(hw: GpioHardware) -> list[tuple[bool, str]]:
    return [(bool(s.state), s.cause) for s in hw.lock.pin.states]


def test_the_keeper_opens_once_and_relocks_by_its_own_timer(hw: GpioHardware) -> None:
    assert isinstance(hw.lock, ProcessLock) and hw.lock.is_locked
    hw.lock.unlock(0.05)
    assert hw.lock.wait_until_locked(10)
    assert history(hw) == [(False, "start"), (True, "unlock"), (False, "timer")]


def test_unlock_while_open_is_one_opening_and_lock_ends_it(hw: GpioHardware) -> None:
    hw.lock.unlock(30)
    hw.lock.unlock(30)
    assert not hw.lock.is_locked
    hw.lock.lock()
    assert hw.lock.is_locked
    assert history(hw) == [(False, "start"), (True, "unlock"), (False, "lock")]
    with pytest.raises(ValueError):
        hw.lock.unlock(31)


def test_auto_keeps_gpiozeros_thread_with_simulated_pins() -> None:
    simulated = build_hardware(hardware_settings(pin_factory="mock"))
    try:
        assert isinstance(simulated.lock, GpioLock)
    finally:
        simulated.close()


def read_line(stream, wanted: str, limit: float = 30.0) -> str:
    """Read `stream` until a line containing `wanted` (blocking on the pipe, no sleeps)."""
    seen = b""
    fd = stream.fileno()
    while wanted.encode() not in seen:
        ready, _, _ = select.select([fd], [], [], limit)
        assert ready, f"no {wanted!r} within {limit} s; got {seen!r}"
        chunk = os.read(fd, 4096)
        assert chunk, f"stream closed before {wanted!r}; got {seen!r}"
        seen += chunk
    return seen.decode()


def start_kiosk(seconds: float, then: str) -> subprocess.Popen[bytes]:
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "tests.hardware.keeper_kiosk", str(seconds), then],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    read_line(kiosk.stdout, "opened")
    return kiosk


def test_a_frozen_kiosk_cannot_hold_the_store_open() -> None:
    kiosk = start_kiosk(0.2, "freeze")
    try:
        # The kiosk process is stopped (SIGSTOP): only the keeper can relock now.
        log = read_line(kiosk.stderr, "relocked")
        assert "energised for 0.2 s" in log and "relocked (timer)" in log
    finally:
        kiosk.kill()
        kiosk.wait()


def test_a_killed_kiosk_leaves_the_store_locked() -> None:
    kiosk = start_kiosk(30, "wait")
    kiosk.send_signal(signal.SIGKILL)
    kiosk.wait()
    log = read_line(kiosk.stderr, "relocked")
    assert "relocked (kiosk-gone)" in log


def test_systemctl_stop_relocks(hw: GpioHardware) -> None:
    hw.lock.unlock(30)
    keeper = hw.lock.pid
    os.kill(keeper, signal.SIGTERM)  # systemd signals every process of the service
    os.waitpid(keeper, 0)
    # A keeper that has gone is replaced by a new one, which starts with the pin locked.
    assert hw.lock.is_locked
    assert history(hw) == [(False, "start")]


def test_a_killed_keeper_is_replaced_by_one_that_starts_locked(hw: GpioHardware) -> None:
    hw.lock.unlock(30)
    old = hw.lock.pid
    os.kill(old, signal.SIGKILL)
    os.waitpid(old, 0)
    assert hw.lock.is_locked
    assert hw.lock.pid != old
    assert history(hw) == [(False, "start")]


def test_a_keeper_gone_again_after_its_restart_does_not_escape_lock_or_close(
    hw: GpioHardware, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A keeper gone again straight after its restart: lock() logs it (a gone keeper has
    relocked) and close() still marks the lock closed and stops the process, as they do for
    every HardwareError."""
    lock = hw.lock
    assert isinstance(lock, ProcessLock)

    def gone(request: str, timeout: float) -> str:
        raise process_lock._KeeperGone

    monkeypatch.setattr(lock, "_request", gone)
    lock.lock()
    lock.close()
    assert lock._process is not None and lock._process.returncode is not None
    assert lock.is_locked  # closed: nothing more is asked of the keeper


def test_systemctl_stop_relocks_without_starting_a_new_keeper(
    hw: GpioHardware, caplog: pytest.LogCaptureFixture
) -> None:
    """`systemctl stop` signals the keeper with the kiosk: it relocks and exits 0. The
    kiosk's own relock and close then have nothing left to do: no new keeper started from
    the signal handler, and nothing logged as an error."""
    lock = hw.lock
    assert isinstance(lock, ProcessLock) and lock._process is not None
    lock.unlock(30)
    keeper = lock.pid
    os.kill(keeper, signal.SIGTERM)
    assert lock._process.wait(30) == 0  # 0: it relocked on its way out (lock_keeper.main)
    with caplog.at_level(logging.ERROR, logger="hardware.process_lock"):
        lock.lock()
        lock.close()
    assert lock.pid == keeper, "no new keeper"
    assert [r.getMessage() for r in caplog.records] == []


def test_a_killed_keeper_is_replaced_to_relock(hw: GpioHardware) -> None:
    """A keeper killed outright (SIGKILL: negative exit code) is not known to have relocked:
    lock() starts a new one, which starts with the pin de-energised."""
    lock = hw.lock
    assert isinstance(lock, ProcessLock) and lock._process is not None
    lock.unlock(30)
    old = lock.pid
    os.kill(old, signal.SIGKILL)
    assert lock._process.wait(30) == -signal.SIGKILL
    lock.lock()
    assert lock.pid != old
    assert history(hw) == [(False, "start")]


def test_the_keeper_itself_refuses_an_opening_too_long(hw: GpioHardware) -> None:
    """The keeper checks every line it is sent with the client's own check."""
    lock = hw.lock
    assert isinstance(lock, ProcessLock)
    for line in ("unlock 31", "unlock 0", "unlock nan", "unlock soon"):
        with pytest.raises(HardwareError, match="lock keeper: "):
            lock._ask(line)
    assert lock.is_locked
    assert history(hw) == [(False, "start")]
