"""`kiosk evidence`: the termly evidence report for governors and inspectors (one HTML file)."""

from __future__ import annotations

import argparse

from kiosk.cli.admin_common import add_date_range, add_output, emit, open_admin_context
from kiosk.cli.parser import add_command
from kiosk.cli.report_command import add_term
from kiosk.errors import ValidationError
from kiosk.services.admin.evidence_report import gather, render_evidence
from kiosk.services.policy.phone_history import resolve_period


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "evidence",
        common,
        "a one-file HTML report of how the phone policy was carried out, with charts and no "
        "pupil names (default: the current term)",
        "  kiosk evidence --output evidence.html\n"
        "  kiosk evidence --term 2026-1 --output autumn-2026.html",
    )
    add_term(parser)
    add_date_range(parser)
    add_output(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.output:
        raise ValidationError("give --output FILE (an HTML file to open or print)", "--output")
    context = open_admin_context(args)
    period = resolve_period(context, args.term, args.since, args.until)
    emit(render_evidence(context, gather(context, period)), args.output, args.force)
    print(f"evidence: {period.label} written to {args.output}")
    return 0
