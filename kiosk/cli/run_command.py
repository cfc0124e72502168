"""`kiosk run` and `kiosk demo`: the touchscreen app."""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
from pathlib import Path

from kiosk import __version__
from kiosk.cli.log_setup import demo_log_path, log_to_file, log_to_journal
from kiosk.cli.parser import add_command
from kiosk.errors import KioskError
from kiosk.services.admin.health_check import startup_blocker
from kiosk.services.context import KioskContext, open_context
from kiosk.services.staff.pin_health import refuse_unsafe_start

log = logging.getLogger("kiosk.run")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    run = add_command(
        subparsers,
        "run",
        common,
        "run the touchscreen app (the default command)",
        "  kiosk run\n  kiosk run --data-dir /var/lib/kiosk --config /etc/kiosk/kiosk.toml",
    )
    run.set_defaults(handler=run_app)
    demo = add_command(
        subparsers,
        "demo",
        common,
        "try the kiosk: simulated hardware, a fresh demo data folder with sample records",
        "  kiosk demo\n  kiosk demo --data-dir /tmp/kiosk-demo",
    )
    demo.add_argument(
        "--tap-log",
        metavar="FILE",
        help="write every tap the kiosk receives, and what it did, to FILE (to check that a "
        "touchscreen's taps all arrive once; it names the PIN keys tapped, so demo only)",
    )
    demo.set_defaults(handler=run_demo)


def run_app(args: argparse.Namespace) -> int:
    context = open_context(args.config, args.data_dir, create=True)
    # Only an unreadable live.json stops the kiosk; other damage is shown on the staff
    # screen and the LED (kiosk.services.admin.health_check), while visitors keep signing in.
    blocker = startup_blocker(context)
    if blocker:
        raise KioskError(blocker)
    refuse_unsafe_start(context)
    return _run_app(context)


def _run_app(context: KioskContext, *, demo: bool = False) -> int:
    """Build the hardware, run the app, and relock on every way out (exit, crash, SIGTERM).

    demo: the demo's app, which stops on Ctrl+Q; the real kiosk has no quit key.
    """
    from hardware import install_relock_on_sigterm
    from kiosk.services.hardware_setup import build_for
    from kiosk.ui.app import KioskApp
    from kiosk.ui.demo_app import DemoKioskApp
    from kiosk.ui.terminal_watch import leave_for_sure

    # Before the hardware: its fallback to simulated pins is the line most worth keeping.
    if demo:
        log_to_file(demo_log_path(context.store.data_dir))
    else:
        log_to_journal()
    hardware = build_for(context)
    log.info(
        "kiosk %s starting: hardware %s, records in %s",
        __version__,
        hardware.description,
        context.store.data_dir,
    )
    try:
        app = (DemoKioskApp if demo else KioskApp)(context, hardware)

        def stop() -> None:
            # The handler has already relocked. Textual normally leaves within a frame, but
            # with its terminal gone (foot closed first) it can wait forever.
            leave_for_sure()
            app.exit()

        install_relock_on_sigterm(hardware, then=stop)
        app.run()
    finally:
        hardware.close()
    return 0


def run_demo(args: argparse.Namespace) -> int:
    if args.data_dir:
        folder = Path(args.data_dir)
        if folder.exists() and any(folder.iterdir()):
            raise KioskError(f"demo needs an empty or new folder; {folder} already has files")
    else:
        folder = Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
    os.environ.setdefault("KIOSK_HARDWARE", "mock")
    context = open_context(args.config, folder, create=True, demo=True)
    from kiosk.services.demo_seed import (
        DEMO_REGULAR,
        seed_demo,
        seed_demo_roster_and_regular,
        seed_demo_staff,
    )

    if getattr(args, "tap_log", None):
        from kiosk.ui.tap_log import write_taps_to

        write_taps_to(Path(args.tap_log))
    pin = seed_demo(context)
    card = seed_demo_roster_and_regular(context)
    staff_name, staff_card = seed_demo_staff(context)
    # Printed before the app takes the screen, so the admin commands can be tried on it
    # from another terminal while the demo runs.
    print(f"Demo data folder: {folder}")
    print(f"  try: kiosk onsite --data-dir {folder}")
    print(f"  its log: {demo_log_path(folder)}")
    print(
        f"  a regular visitor's card ({DEMO_REGULAR[0]}): type {card} and Enter on the "
        "welcome screen, as a scanner would"
    )
    print(
        f"  a staff card ({staff_name}): type {staff_card} and Enter to sign in, again to sign out"
    )
    print(f"Demo staff PIN: {pin}. Press Ctrl+Q to stop the demo.", flush=True)
    _run_app(context, demo=True)
    print(f"Demo records are in {folder}")
    return 0
