"""`kiosk selftest`: the wiring commissioning check (LED patterns, one lock pulse, the door).

The walk-through itself is hardware.selftest.run_selftest, which takes built hardware and
plain values; the kiosk's settings are read here, so the hardware layer needs nothing of
the kiosk. Stop the kiosk first: it holds the pins. docs/wiring.md says when to run it.
"""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.parser import add_command
from kiosk.config import load_config
from kiosk.errors import KioskError
from kiosk.services.hardware_setup import build_from


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "selftest",
        common,
        "check the lock, LED and door switch wiring (stop the kiosk first)",
        "  sudo systemctl stop kiosk\n  kiosk selftest --config /etc/kiosk/kiosk.toml",
    )
    parser.add_argument("--mode", choices=("auto", "gpio", "mock"), help="default: gpio")
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to open the lock")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: only this command loads gpiozero among the admin commands.
    from hardware.selftest import run_selftest

    try:
        hardware = build_from(load_config(args.config).hardware, mode=args.mode or "gpio")
    except KioskError as exc:
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
