"""`kiosk purge`: delete records kept longer than the retention settings."""

from __future__ import annotations

import argparse

from kiosk.cli.admin_common import open_admin_context
from kiosk.cli.parser import add_command
from kiosk.services.admin.retention import PurgePlan, purge
from kiosk.services.admin.roster_retention import RosterPurge, purge_roster

NOUNS = {
    "visits": "visits",
    "phones": "phone records",
    "staffattendance": "staff sign-ins",
    "attendance": "late arrivals and collections",
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
        "  kiosk purge --dry-run   # what would go, changing nothing, and what is held and why\n"
        "  kiosk purge\n"
        "  kiosk purge --force     # only after checking the date: see 'purge refused'",
    )
    parser.add_argument("--dry-run", action="store_true", help="only print what would be deleted")
    parser.add_argument(
        "--force",
        action="store_true",
        help="trust the clock (check the date first, with 'timedatectl'): purge even though "
        "the clock looks wrong (earlier than the newest record, or jumped further than a "
        "retention period), or the kiosk has not yet been used on [retention] "
        "school_days_before_purge school days since a month's newest record; the date is "
        "recorded as checked, which clears the kiosk's clock fault",
    )
    parser.set_defaults(handler=run)


def report(plan: PurgePlan, dry_run: bool, roster: RosterPurge | None = None) -> str:
    verb = "would delete" if dry_run else "deleted"
    lines = []
    for kind in plan.kinds.values():
        months = f" ({', '.join(kind.months)})" if kind.months else ""
        lines.append(
            f"{kind.kind}: {verb} {kind.records} {NOUNS[kind.kind]} in "
            f"{len(kind.months)} month(s){months}; kept {kind.kept_for}"
        )
        if kind.kept_months:
            lines.append(
                f"  kept whole (some records still open or within the period): "
                f"{', '.join(kind.kept_months)}"
            )
        for month, why in kind.held:
            lines.append(f"  held: {month}, past its period, but {why}")
    if roster is not None:
        lines.append(
            f"pupils: {verb} {len(roster.leavers)} who left over {roster.leavers_days} days ago"
        )
        lines.append(
            f"letters: {verb} {len(roster.letters)} log entries older than "
            f"{roster.letters_days} days"
        )
    held = any(kind.held for kind in plan.kinds.values())
    if plan.clock_doubt:
        lines.append(
            f"warning: the clock looks wrong: {plan.clock_doubt}; a purge deletes nothing "
            "until the date is right ('timedatectl'; if it is, 'kiosk purge --force')"
        )
    if plan.nothing_to_do and not held and (roster is None or roster.nothing_to_do):
        lines.append("purge: nothing is past its retention period")
    elif dry_run:
        lines.append("dry run: nothing was changed")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    plan = purge(context, dry_run=args.dry_run, force=args.force)
    roster = purge_roster(context, dry_run=args.dry_run)
    print(report(plan, args.dry_run, roster), end="")
    return 0
