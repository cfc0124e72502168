"""`kiosk audit verify` and `kiosk audit head`: check the audit trail, and anchor it outside."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.admin_common import open_admin_context
from kiosk.cli.parser import OneLineParser, add_command
from kiosk.domain.audit_chain import Head
from kiosk.errors import KioskError
from kiosk.services.admin.audit_verify import audit_head, verify_audit


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    audit = add_command(
        subparsers,
        "audit",
        common,
        "check the audit trail (to export it, use 'kiosk export audit')",
        "  kiosk audit verify\n  kiosk audit head > head.txt\n"
        "  kiosk audit verify --anchor $(cat head.txt)",
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
        "  kiosk audit verify --data-dir /var/lib/kiosk\n"
        "  kiosk audit verify --anchor 1234:5f2c...   # a head the office saved earlier",
    )
    verify.add_argument(
        "--anchor",
        metavar="SEQ:HASH",
        help="also prove that this head (saved earlier from 'kiosk audit head' or an export) "
        "is still in the trail, unchanged",
    )
    verify.set_defaults(handler=run_verify)
    head = add_command(
        actions,
        "head",
        common,
        "print the audit trail's head as SEQ:HASH; save it outside the Pi (with each weekly "
        "export) and check it later with 'kiosk audit verify --anchor SEQ:HASH'",
        "  kiosk audit head\n  ssh kiosk-export@foyer audit head >> saved-heads.txt",
    )
    head.set_defaults(handler=run_head)


def run_verify(args: argparse.Namespace) -> int:
    anchor = None
    if args.anchor:
        try:
            anchor = Head.parse(args.anchor)
        except ValueError as exc:
            raise KioskError(f"--anchor {exc}") from None
    verdict = verify_audit(open_admin_context(args), anchor)
    if verdict.intact:
        proven = f"; saved head seq={anchor.seq} is in it, unchanged" if anchor else ""
        print(f"audit trail intact: {verdict.count} entries{proven}")
        for note in verdict.notes:
            print(f"kiosk: note: {note}", file=sys.stderr)
        return 0
    print(f"kiosk: audit trail broken: {verdict.problem}", file=sys.stderr)
    return 1


def run_head(args: argparse.Namespace) -> int:
    print(audit_head(open_admin_context(args)))
    return 0
