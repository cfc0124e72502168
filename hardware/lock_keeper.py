"""The lock keeper: a small process of its own that holds the lock pin and times every opening.

Why a process: gpiozero's pulse thread needs Python's GIL to relock, and one long call in the
kiosk (a big JSON file parsed, a long sort: C code that never lets the GIL go) held it past
the pulse's end: the store stayed open 6.9 s against unlock_seconds = 5. This process does
nothing else and has a GIL of its own, so however busy the kiosk is, the relock happens on
time. It also relocks when the kiosk goes away (its pipe closes: a crash, a kill) and on
SIGTERM (`systemctl stop`). Only the keeper itself being killed (SIGKILL, the OOM killer), a
frozen machine or a power cut are beyond it: docs/wiring.md names the hardware that bounds
those (a time-delay relay, or a lock with its own timer).

Run by hardware.process_lock.ProcessLock as `python -m hardware.lock_keeper PIN ACTIVE_HIGH
FACTORY`; it speaks lines on stdin/stdout: "ID unlock SECONDS", "ID lock", "ID state",
"ID wait SECONDS", "ID history", "ID close"; each answered "ID ok|locked|open|error TEXT" or
"ID history JSON". "ready" is written once the pin is set up, de-energised (locked).
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import time
from types import FrameType
from typing import Any

from gpiozero import DigitalOutputDevice
from gpiozero.pins import Factory

from hardware.settings import check_unlock_seconds


def say(text: str) -> None:
    """One line for the journal (stderr is the kiosk's): what the lock did, and why."""
    sys.stderr.write(f"lock keeper: {text}\n")
    sys.stderr.flush()


def make_factory(name: str) -> Factory:
    if name == "mock":
        from gpiozero.pins.mock import MockFactory

        return MockFactory()
    if name == "lgpio":
        from gpiozero.pins.lgpio import LGPIOFactory

        return LGPIOFactory()
    if name == "rpigpio":
        from gpiozero.pins.rpigpio import RPiGPIOFactory

        return RPiGPIOFactory()
    raise ValueError(f"unknown pin factory {name!r}")


class Keeper:
    """The pin, the current opening's end (monotonic), and every change made, with why."""

    def __init__(self, device: DigitalOutputDevice) -> None:
        self.device = device
        self.deadline: float | None = None
        self.history: list[tuple[float, bool, str]] = [(time.monotonic(), False, "start")]
        self.waits: list[tuple[str, float]] = []  # (request id, give up at)

    @property
    def open(self) -> bool:
        return bool(self.device.value)

    def energise(self, seconds: float) -> None:
        if not self.open:
            self.device.on()
            self.history.append((time.monotonic(), True, "unlock"))
            say(f"energised for {seconds:g} s")
        # A second unlock while open restarts the time: one continuous opening.
        self.deadline = time.monotonic() + seconds

    def relock(self, why: str) -> None:
        self.deadline = None
        if self.open:
            self.device.off()
            self.history.append((time.monotonic(), False, why))
            say(f"relocked ({why})")

    def due(self) -> float | None:
        """Seconds until something must happen (an opening ends, a wait gives up)."""
        moments = [m for m in [self.deadline, *(until for _, until in self.waits)] if m]
        return max(0.0, min(moments) - time.monotonic()) if moments else None

    def tick(self, reply: Any) -> None:
        now = time.monotonic()
        if self.deadline is not None and now >= self.deadline:
            self.relock("timer")
        still = []
        for ident, until in self.waits:
            if not self.open:
                reply(ident, "locked")
            elif now >= until:
                reply(ident, "open")
            else:
                still.append((ident, until))
        self.waits = still

    def handle(self, line: str, reply: Any) -> bool:
        """One request; False when the keeper should stop."""
        ident, _, rest = line.partition(" ")
        command, _, argument = rest.partition(" ")
        try:
            if command == "unlock":
                # Checked by the client as well: the keeper trusts no line it is sent.
                self.energise(check_unlock_seconds(argument))
                reply(ident, "ok")
            elif command == "lock":
                self.relock("lock")
                reply(ident, "ok")
            elif command == "state":
                reply(ident, "open" if self.open else "locked")
            elif command == "wait":
                self.waits.append((ident, time.monotonic() + float(argument)))
            elif command == "history":
                reply(ident, "history " + json.dumps(self.history))
            elif command == "close":
                self.relock("close")
                reply(ident, "ok")
                return False
            else:
                reply(ident, f"error unknown command {command!r}")
        except (ValueError, OSError) as exc:
            reply(ident, f"error {exc}")
        return True


def serve(keeper: Keeper, requests: int, answers: Any) -> None:
    """Until told to close or the kiosk's end of the pipe closes."""

    def reply(ident: str, text: str) -> None:
        answers.write(f"{ident} {text}\n")
        answers.flush()

    pending = b""
    while True:
        keeper.tick(reply)
        ready, _, _ = select.select([requests], [], [], keeper.due())
        if not ready:
            continue
        chunk = os.read(requests, 4096)
        if not chunk:  # the kiosk is gone (exit, crash, kill): relock and stop
            keeper.relock("kiosk-gone")
            return
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            if not keeper.handle(line.decode("ascii", "replace").strip(), reply):
                return


def main(argv: list[str]) -> int:
    pin, active_high, factory_name = int(argv[0]), argv[1] == "1", argv[2]
    factory = make_factory(factory_name)
    device = DigitalOutputDevice(
        pin, active_high=active_high, initial_value=False, pin_factory=factory
    )
    keeper = Keeper(device)

    def stop(signum: int, frame: FrameType | None) -> None:
        keeper.relock(f"signal-{signum}")
        raise SystemExit(0)

    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(number, stop)
    try:
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        serve(keeper, sys.stdin.fileno(), sys.stdout)
    finally:
        keeper.relock("exit")
        device.close()
        factory.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
