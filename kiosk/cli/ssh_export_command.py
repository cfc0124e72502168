"""`kiosk ssh-export`: the forced command of the restricted SSH export account.

See docs/ssh-export.md. The client's command line arrives in SSH_ORIGINAL_COMMAND; only
the allow-list in kiosk.services.admin.ssh_gate runs. Refusals are written to the audit trail
(action "ssh-refused"), and so are the commands that run ("ssh-command"), so the office can
see who took which records and when.
"""

from __future__ import annotations

import argparse
import os
import sys

from kiosk.cli.admin_common import FAKE_NOW_ENV, open_admin_context
from kiosk.cli.parser import RunInstead, add_command
from kiosk.errors import KioskError
from kiosk.services.admin.ssh_gate import (
    USAGE,
    Refused,
    check_ssh_command,
    client_address,
    record_ssh_event,
    sanitise,
)

REFUSED_EXIT = 2
NOT_AUDITED_EXIT = 3


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "ssh-export",
        common,
        "run as an SSH forced command: allows only export, report phones, onsite, phones, "
        "audit verify and audit head "
        "from SSH_ORIGINAL_COMMAND (see docs/ssh-export.md)",
        "  # in ~kiosk-export/.ssh/authorized_keys, one line (and the sudo rule in the doc):\n"
        '  restrict,command="sudo -n -u kiosk /opt/kiosk/venv/bin/kiosk ssh-export '
        '--data-dir /var/lib/kiosk --config /etc/kiosk/kiosk.toml" '
        "ssh-ed25519 AAAA... office-laptop\n"
        "  # then, from the laptop:\n"
        "  ssh kiosk-export@foyer export visits --since 2026-09-01 > visits.csv",
    )
    parser.set_defaults(handler=run)


def _audit(args: argparse.Namespace, action: str, detail: str) -> str | None:
    """Write one audit entry; None on success, else why it could not be written."""
    try:
        record_ssh_event(open_admin_context(args), action, detail)
    except KioskError as exc:
        return str(exc)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def run(args: argparse.Namespace) -> int | RunInstead:
    # Only the forced command's own settings count; "now" is never faked over SSH.
    os.environ.pop(FAKE_NOW_ENV, None)
    raw = os.environ.get("SSH_ORIGINAL_COMMAND")
    client = client_address(os.environ.get("SSH_CLIENT"))
    try:
        argv = check_ssh_command(raw)
    except Refused as refusal:
        failure = _audit(args, "ssh-refused", f"from {client}: {refusal.reason}: {sanitise(raw)}")
        note = f" (and it could not be written to the audit trail: {failure})" if failure else ""
        print(f"kiosk ssh-export: refused: {refusal.reason}{note}", file=sys.stderr)
        if refusal.show_usage:
            print(USAGE, file=sys.stderr)
        return REFUSED_EXIT
    failure = _audit(args, "ssh-command", f"from {client}: {' '.join(argv)}")
    if failure:
        # Records that leave the Pi without a trace in the audit trail are what the trail is
        # there to prevent: no data goes out unless its export was recorded.
        print(
            f"kiosk ssh-export: refused: the export could not be written to the audit "
            f"trail, so no data is sent ({failure})",
            file=sys.stderr,
        )
        return NOT_AUDITED_EXIT
    for option, value in (("--data-dir", args.data_dir), ("--config", args.config)):
        if value:
            argv += [option, value]
    return RunInstead(argv)
