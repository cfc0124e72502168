"""`kiosk terminal` and `kiosk terminal-args`: foot, with the font for [display] text_size.

kiosk.service runs `cage -- kiosk terminal -- --config=/etc/kiosk/foot.ini --hold kiosk run`:
this reads the settings, then replaces itself with foot (same process, so cage and systemd
see foot as before) given the font options. The settings are TOML read by Python, never
parsed by a shell.

A broken settings file must not leave a blank panel: `kiosk terminal` says so in one line
(the journal) and starts foot with the default (large) text size anyway, so that `kiosk run` inside
shows the same one-line error on the screen (foot --hold keeps it there).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from kiosk.cli.parser import add_command
from kiosk.config import load_config
from kiosk.domain.terminal_font import foot_options, terminal_font
from kiosk.errors import ConfigError, KioskError

FALLBACK_SIZE = "large"  # the shipped default (data/kiosk.toml)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    args_command = add_command(
        subparsers,
        "terminal-args",
        common,
        "print foot's font options for [display] text_size and panel_size, one per line",
        "  kiosk terminal-args\n  kiosk terminal-args --config /etc/kiosk/kiosk.toml",
    )
    args_command.set_defaults(handler=print_terminal_args)
    terminal = add_command(
        subparsers,
        "terminal",
        common,
        "start foot with the font for [display] text_size; the rest goes to foot",
        "  kiosk terminal -- --config=/etc/kiosk/foot.ini --hold /opt/kiosk/venv/bin/kiosk run",
    )
    terminal.add_argument(
        "--foot", default="foot", metavar="PROGRAM", help="the foot to run (default: foot)"
    )
    terminal.add_argument(
        "foot_args", nargs=argparse.REMAINDER, metavar="-- FOOT-ARGUMENTS", help="given to foot"
    )
    terminal.set_defaults(handler=start_terminal)


def font_options(config_path: str | None) -> list[str]:
    """foot's options for the settings in `config_path` (or KIOSK_CONFIG, /etc/kiosk/...)."""
    display = load_config(config_path).display
    return foot_options(terminal_font(display.text_size, display.panel_size))


def print_terminal_args(args: argparse.Namespace) -> int:
    print("\n".join(font_options(args.config)))
    return 0


def start_terminal(args: argparse.Namespace) -> int:
    try:
        options = font_options(args.config)
    except ConfigError as error:
        print(f"kiosk: {error} (starting foot with {FALLBACK_SIZE} text)", file=sys.stderr)
        options = foot_options(terminal_font(FALLBACK_SIZE))
    rest = list(args.foot_args)
    if rest[:1] == ["--"]:
        rest = rest[1:]
    program = shutil.which(args.foot)
    if program is None:
        raise KioskError(f"{args.foot} is not installed (apt-get install foot)")
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(program, [program, *options, *rest])
    return 0  # not reached: foot has taken over this process
