"""However the kiosk stops, the store is left locked: SIGTERM (systemctl stop) and normal exit."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading

import pytest

from hardware.factory import GpioHardware
from hardware.shutdown import install_relock_on_sigterm
from tests.conftest import REPO
from tests.hardware.conftest import states

# A kiosk process: mock hardware, the store held open by a long pulse, pin history on exit.
CHILD = """
import atexit, json, signal, sys
from hardware import build_hardware, install_relock_on_sigterm
from kiosk.config import load_config

hw = build_hardware(load_config().hardware, mode="mock")
pin = hw.pin_factory.pin(17)
atexit.register(lambda: print(json.dumps([bool(s.state) for s in pin.states]), flush=True))
if "--no-handler" not in sys.argv:
    install_relock_on_sigterm(hw)
hw.lock.unlock(30)
print("OPEN", flush=True)
if "--exit" in sys.argv:
    sys.exit(0)
signal.pause()
"""


def run_child(*flags: str, send: signal.Signals | None) -> tuple[int, list[str], str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, *flags],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # A hung child must fail the test, not hang the suite.
    watchdog = threading.Timer(60, child.kill)
    watchdog.start()
    try:
        first = child.stdout.readline().strip()
        assert first == "OPEN", child.stderr.read()
        if send is not None:
            child.send_signal(send)
        # Read on through the same buffered file: communicate() would read the raw pipe and
        # lose whatever readline() above had already buffered (the child may be done by then).
        out = child.stdout.read()
        err = child.stderr.read()
        child.wait(timeout=60)
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
    return child.returncode, out.splitlines(), err


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_sigterm_or_sighup_relocks_then_exits(number: signal.Signals) -> None:
    # systemctl stop sends SIGTERM; the terminal closing under the kiosk sends SIGHUP.
    code, lines, err = run_child(send=number)
    assert code == 128 + number
    assert lines, err
    assert json.loads(lines[-1]) == [False, True, False]


def test_without_the_handler_sigterm_would_leave_no_relock() -> None:
    # The contrast that makes the test above meaningful: Python's default dies on the spot.
    code, lines, _err = run_child("--no-handler", send=signal.SIGTERM)
    assert code == -signal.SIGTERM
    assert lines == []


def test_a_normal_exit_mid_pulse_relocks() -> None:
    code, lines, err = run_child("--exit", send=None)
    assert code == 0
    assert lines, err
    assert json.loads(lines[-1]) == [False, True, False]


def test_then_callback_runs_after_relocking(hw: GpioHardware, lock_pin: object) -> None:
    seen: list[bool] = []
    previous = {n: signal.getsignal(n) for n in (signal.SIGTERM, signal.SIGHUP)}
    try:
        install_relock_on_sigterm(hw, then=lambda: seen.append(hw.lock.is_locked))
        hw.lock.unlock(30)
        signal.raise_signal(signal.SIGTERM)  # the handler runs before this returns
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    assert seen == [True]
    assert states(lock_pin) == [False, True, False]
