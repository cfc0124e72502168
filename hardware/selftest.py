"""Commissioning check for the wiring: `python -m hardware.selftest [--config FILE] [--mode M]`.

Shows each LED pattern, opens the lock once and reports the door switch, printing what a
person should see and hear. Stop the kiosk first: it holds the pins. docs/wiring.md says when
to run it.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable, Sequence

from hardware.errors import HardwareError
from hardware.interface import Hardware, LedState
from hardware.status_led import LED_PATTERNS

Wait = Callable[[float], object]


def run_selftest(
    hardware: Hardware,
    *,
    unlock_seconds: float = 3.0,
    led_seconds: float = 3.0,
    door_seconds: float = 20.0,
    say: Callable[[str], None] = print,
    wait: Wait | None = None,
) -> bool:
    """Walk through LED, lock and door; True when the lock relocked as it should."""
    pause: Wait = wait or threading.Event().wait
    for state in LedState:
        if state is LedState.OFF:
            continue
        say(f"LED: {LED_PATTERNS[state].meaning} ({state.value})")
        hardware.led.show(state)
        pause(led_seconds)
    hardware.led.show(LedState.OFF)

    say(f"Lock: opening for {unlock_seconds:g} s; listen for a click open, then a click shut")
    hardware.lock.unlock(unlock_seconds)
    relocked = _wait_until_locked(hardware, unlock_seconds + 5, pause)
    say("Lock: locked again" if relocked else "Lock: PROBLEM: still unlocked; locking now")
    hardware.lock.lock()

    door = hardware.door
    if door is None:
        say("Door: no reed switch configured (door_sensor = false)")
    else:
        say(
            f"Door: {'shut' if door.is_closed else 'OPEN'} now; open and shut it within "
            f"{door_seconds:g} s"
        )
        door.on_change(lambda is_closed: say(f"Door: {'shut' if is_closed else 'opened'}"))
        pause(door_seconds)
    return relocked


def _wait_until_locked(hardware: Hardware, timeout: float, pause: Wait) -> bool:
    waiter = getattr(hardware.lock, "wait_until_locked", None)
    if waiter is not None:
        return bool(waiter(timeout))
    pause(timeout)
    return hardware.lock.is_locked


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hardware.selftest",
        description="Check the lock, LED and door switch wiring (stop the kiosk first).",
    )
    parser.add_argument("--config", metavar="FILE", help="settings file (as for kiosk)")
    parser.add_argument("--mode", choices=("auto", "gpio", "mock"), help="default: gpio")
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to open the lock")
    args = parser.parse_args(argv)
    # The kiosk's config loader is only needed by this tool, not by the hardware layer.
    from hardware.factory import build_hardware
    from kiosk.config import load_config
    from kiosk.errors import KioskError

    try:
        settings = load_config(args.config).hardware
        hardware = build_hardware(settings, mode=args.mode or "gpio")
    except (HardwareError, KioskError) as exc:
        print(f"selftest: {exc}", file=sys.stderr)
        if "busy" in str(exc).lower() or "in use" in str(exc).lower():
            print("selftest: is the kiosk running? sudo systemctl stop kiosk", file=sys.stderr)
        return 2
    try:
        print(f"Hardware: {hardware.description}")
        ok = run_selftest(hardware, unlock_seconds=args.seconds)
    except KeyboardInterrupt:
        ok = False
    finally:
        hardware.close()
    print("selftest: done" if ok else "selftest: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
