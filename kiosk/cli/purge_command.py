"""`kiosk purge`: delete records kept longer than the retention settings."""

from __future__ import annotations

import argparse

from kiosk.cli.admin_common import open_admin_context
from kiosk.cli.parser import add_command
from kiosk.services.admin.retention import PurgePlan, purge
from kiosk.services.pupils.roster_retention import RosterPurge, purge_roster

NOUNS = {
    "visits": "visits",
    "phones": "phone records",
    "staffattendance": "staff sign-ins",
    "audit": "audit entries",
}


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "purge",
        common,
        "delete records older than the retention settings ([retention] in kiosk.toml), a "
        "whole month at a time once every record in that month is past its period; records "
        "still open are never deleted",
        "  kiosk purge --dry-run   # what would go, changing nothing\n  kiosk purge\n"
        "  kiosk purge --force     # only after checking the date: see 'purge refused'",
    )
    parser.add_argument("--dry-run", action="store_true", help="only print what would be deleted")
    parser.add_argument(
        "--force",
        action="store_true",
        help="purge even though the clock looks wrong (earlier than the newest record, or "
        "so far ahead that records from the newest week would go)",
    )
    parser.set_defaults(handler=run)


def report(plan: PurgePlan, dry_run: bool, roster: RosterPurge | None = None) -> str:
    verb = "would delete" if dry_run else "deleted"
    lines = []
    for kind in plan.kinds.values():
        months = f" ({', '.join(kind.months)})" if kind.months else ""
        lines.append(
            f"{kind.kind}: {verb} {kind.records} {NOUNS[kind.kind]} in {len(kind.months)} "
            f"month(s){months}; kept {kind.kept_for}"
        )
        if kind.kept_months:
            lines.append(
                f"  kept whole (some records still open or within the period): "
                f"{', '.join(kind.kept_months)}"
            )
    if roster is not None:
        lines.append(
            f"pupils: {verb} {len(roster.leavers)} who left over {roster.leavers_days} days ago"
        )
        lines.append(
            f"letters: {verb} {len(roster.letters)} log entries older than "
            f"{roster.letters_days} days"
        )
    if plan.nothing_to_do and (roster is None or roster.nothing_to_do):
        lines.append("purge: nothing is past its retention period")
    elif dry_run:
        if plan.clock_doubt:
            lines.append(f"warning: {plan.clock_doubt}; a real purge would need --force")
        lines.append("dry run: nothing was changed")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    plan = purge(context, dry_run=args.dry_run, force=args.force)
    roster = purge_roster(context, dry_run=args.dry_run)
    print(report(plan, args.dry_run, roster), end="")
    return 0
