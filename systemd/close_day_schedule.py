#!/usr/bin/env python3
"""Print the systemd timer drop-in that runs `kiosk close-day` at the configured closing time.

    python3 systemd/close_day_schedule.py /etc/kiosk/kiosk.toml

install.sh writes the output to kiosk-close-day.timer.d/schedule.conf, so the timer follows
[day] closing_time, [day] school_days and [school] timezone from the school's settings. The
settings are read with the kiosk's own loader: a mistake in them stops the install with the
same one-line message `kiosk check` would give.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run from the clone before the venv exists: the kiosk package is the folder above this one.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.config import load_config
from kiosk.errors import KioskError

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def on_calendar(config_path: str | None) -> str:
    config = load_config(config_path)
    days = ",".join(DAY_NAMES[d] for d in sorted(config.day.school_days))
    at = config.day.closing_time.strftime("%H:%M:00")
    return f"{days} *-*-* {at} {config.timezone}"


def main(argv: list[str]) -> int:
    try:
        spec = on_calendar(argv[1] if len(argv) > 1 else None)
    except KioskError as exc:
        print(f"close_day_schedule: {exc}", file=sys.stderr)
        return 1
    print("# Written by systemd/install.sh from the [day] and [school] settings; run install.sh")
    print("# again after changing closing_time, school_days or timezone.")
    print("[Timer]")
    print("OnCalendar=")  # an empty assignment clears the shipped schedule
    print(f"OnCalendar={spec}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
