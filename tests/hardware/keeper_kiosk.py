"""A stand-in kiosk for the lock keeper tests: opens the lock, says so, then freezes itself
(SIGSTOP) or waits to be killed, as a stuck or crashed kiosk would.

    python -m tests.hardware.keeper_kiosk SECONDS freeze|wait
"""

from __future__ import annotations

import os
import signal
import sys

from hardware.process_lock import ProcessLock


def main() -> None:
    seconds, then = float(sys.argv[1]), sys.argv[2]
    lock = ProcessLock(17, unlock_seconds=5, factory="mock")
    lock.unlock(seconds)
    print(f"opened {lock.pid}", flush=True)
    if then == "freeze":
        os.kill(os.getpid(), signal.SIGSTOP)
    sys.stdin.read()  # until killed


if __name__ == "__main__":
    main()
