"""`kiosk audit verify`: check the audit trail's hash chain."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.admin_common import open_admin_context
from kiosk.cli.parser import OneLineParser, add_command
from kiosk.services.audit_verify import verify_audit


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    audit = add_command(
        subparsers,
        "audit",
        common,
        "check the audit trail (to export it, use 'kiosk export audit')",
        "  kiosk audit verify",
    )
    actions = audit.add_subparsers(
        title="actions", metavar="ACTION", parser_class=OneLineParser, required=True
    )
    verify = add_command(
        actions,
        "verify",
        common,
        "exit 0 if the audit trail is exactly as written; otherwise exit 1 naming the first "
        "entry that was changed, removed or moved",
        "  kiosk audit verify --data-dir /var/lib/kiosk",
    )
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    verdict = verify_audit(open_admin_context(args))
    if verdict.intact:
        print(f"audit trail intact: {verdict.count} entries")
        return 0
    print(f"kiosk: audit trail broken: {verdict.problem}", file=sys.stderr)
    return 1
