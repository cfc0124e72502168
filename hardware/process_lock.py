"""The phone store's lock, timed by the lock keeper process (hardware.lock_keeper).

Implements hardware.interface.Lock like GpioLock, but the pin and the timing of every opening
live in a process of their own, so nothing the kiosk does with its GIL can hold the store
open past `unlock_seconds`. If the keeper has gone (killed), the next call starts a new one,
which sets the pin de-energised (locked) before anything else. A keeper that stopped by itself
(`systemctl stop` signals it with the kiosk) relocked on its way out: lock() and close() then
start no new one.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import NamedTuple

from hardware.errors import HardwareError
from hardware.settings import MAX_UNLOCK_SECONDS, check_unlock_seconds

log = logging.getLogger(__name__)
ANSWER_SECONDS = 5.0  # the keeper answers at once; this only catches a keeper that is stuck
START_SECONDS = 30.0  # importing gpiozero on a Pi Zero takes a few seconds
POLL_SECONDS = 0.25


class _KeeperGone(HardwareError):
    """The keeper process exited (or closed its pipe) before answering. A HardwareError, so
    that lock() and close(), which catch those, still relock and stop when it is gone again
    after a restart."""

    def __init__(self) -> None:
        super().__init__("the lock keeper stopped before answering")


class PinState(NamedTuple):
    """As gpiozero's MockPin history: for tests and the bench (the keeper's monotonic time)."""

    timestamp: float
    state: bool
    cause: str


class KeeperPin:
    """The lock pin as seen through the keeper: its full history (mock pins or real)."""

    def __init__(self, lock: ProcessLock) -> None:
        self._lock = lock

    @property
    def states(self) -> list[PinState]:
        answer = self._lock._ask("history")
        return [PinState(*item) for item in json.loads(answer.removeprefix("history "))]


class ProcessLock:
    def __init__(
        self,
        pin: int,
        *,
        active_high: bool = True,
        unlock_seconds: float,
        factory: str,
    ) -> None:
        self.default_seconds = check_unlock_seconds(unlock_seconds)
        self._args = [str(pin), "1" if active_high else "0", factory]
        # Re-entrant: the SIGTERM handler may relock while the main thread is mid-request.
        self._guard = threading.RLock()
        self._ids = itertools.count(1)
        self._answers: dict[str, str] = {}
        self._buffer = b""
        self._eof = False
        self._closed = False
        self._process: subprocess.Popen[bytes] | None = None
        self._start()

    def _start(self) -> None:
        source = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (source, env.get("PYTHONPATH")) if p)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "hardware.lock_keeper", *self._args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self._buffer = b""
        self._eof = False
        self._answers.clear()
        if self._line(START_SECONDS) != "ready":
            self._stop_process()
            raise HardwareError("the lock keeper process did not start (see the journal)")

    @property
    def pid(self) -> int | None:
        """The keeper's process id (tests kill it; systemd sees it in the kiosk's cgroup)."""
        return self._process.pid if self._process is not None else None

    def _line(self, timeout: float) -> str | None:
        """The keeper's next line, or None when it is gone or silent for `timeout`."""
        process = self._process
        if process is None or process.stdout is None:
            return None
        fd = process.stdout.fileno()
        while b"\n" not in self._buffer:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                self._eof = True
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8", "replace")

    def _ask(
        self, request: str, timeout: float = ANSWER_SECONDS, *, if_stopped: str | None = None
    ) -> str:
        """The keeper's answer to `request`. `if_stopped`: the answer when the keeper has
        stopped by itself, relocked (lock, close), instead of starting a new one."""
        with self._guard:
            if self._closed:
                raise RuntimeError("the lock has been closed")
            if if_stopped is not None and self._stopped_locked():
                return if_stopped
            try:
                answer = self._request(request, timeout)
            except _KeeperGone:
                if if_stopped is not None and self._stopped_locked():
                    return if_stopped
                # It died before answering (killed, or stopping on SIGTERM): a new keeper
                # starts with the pin locked, and is asked again.
                answer = self._request(request, timeout)
        if answer.startswith("error "):
            raise HardwareError(f"lock keeper: {answer.removeprefix('error ')}")
        return answer

    def _request(self, request: str, timeout: float) -> str:
        if self._process is None or self._process.poll() is not None:
            log.error("lock keeper gone (exit %s): starting a new one", self._exit_code())
            self._start()
        ident = str(next(self._ids))
        process = self._process
        assert process is not None and process.stdin is not None
        try:
            process.stdin.write(f"{ident} {request}\n".encode("ascii"))
            process.stdin.flush()
        except OSError:
            raise _KeeperGone from None
        give_up = time.monotonic() + timeout
        while ident not in self._answers:
            # Short reads: a relock from the SIGTERM handler may take this answer for us.
            left = give_up - time.monotonic()
            line = self._line(min(left, POLL_SECONDS)) if left > 0 else None
            if line is None:
                if process.poll() is not None or (self._eof and left > 0):
                    raise _KeeperGone
                if left <= 0:
                    raise HardwareError("the lock keeper is not answering")
                continue
            answer_id, _, text = line.partition(" ")
            self._answers[answer_id] = text
        return self._answers.pop(ident)

    def _exit_code(self) -> int | None:
        return self._process.poll() if self._process is not None else None

    def _stopped_locked(self) -> bool:
        """The keeper has exited 0: it relocked on its way out (`systemctl stop` signals it
        with the kiosk). A keeper killed outright (a negative code) is not known to have
        relocked: a new one is started instead, which sets the pin locked first."""
        process = self._process
        if process is None:
            return False
        if self._eof and process.poll() is None:  # its pipe has closed: it is exiting
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(ANSWER_SECONDS)
        return process.poll() == 0

    @property
    def is_locked(self) -> bool:
        if self._closed:
            return True
        return self._ask("state") == "locked"

    @property
    def pin(self) -> KeeperPin:
        return KeeperPin(self)

    def unlock(self, seconds: float | None = None) -> None:
        """Energise for `seconds` (default: configured); the keeper relocks on its own time."""
        on_time = self.default_seconds if seconds is None else check_unlock_seconds(seconds)
        self._ask(f"unlock {on_time!r}")

    def lock(self) -> None:
        """De-energise now. Safe at any time: a keeper that is gone has relocked already."""
        if self._closed:
            return
        try:
            self._ask("lock", if_stopped="ok")
        except HardwareError as exc:
            log.error("relock: %s", exc)

    def wait_until_locked(self, timeout: float | None = None) -> bool:
        """Block until the current opening has ended; True when locked."""
        limit = MAX_UNLOCK_SECONDS if timeout is None else timeout
        return self._ask(f"wait {limit!r}", timeout=limit + ANSWER_SECONDS) == "locked"

    def close(self) -> None:
        """Relock, then stop the keeper (idempotent)."""
        with self._guard:
            if self._closed:
                return
            with contextlib.suppress(HardwareError, OSError):
                self._ask("close", if_stopped="ok")
            self._closed = True
            self._stop_process()

    def _stop_process(self) -> None:
        process = self._process
        if process is None:
            return
        for stream in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()
        try:
            process.wait(ANSWER_SECONDS)  # its pipe closed: it relocks and exits
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
