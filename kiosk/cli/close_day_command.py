"""`kiosk close-day`: sign out whoever is still signed in, flag phones still held."""

from __future__ import annotations

import argparse

from kiosk.cli.admin_common import open_admin_context
from kiosk.cli.parser import add_command
from kiosk.domain.attendance import NOT_COLLECTED, PHONE_NOT_STORED
from kiosk.domain.clock import parse_iso
from kiosk.services.admin.close_day import close_day


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "close-day",
        common,
        "end the school day: visitors and staff still signed in are signed out (signed_out_by "
        "close-day, the system's sign-out) and phones still in the store are flagged held "
        "overnight. Before the configured closing time only earlier days' records are closed, "
        "unless --now. Refuses, changing nothing, when the clock looks wrong (earlier than the "
        "newest sign-in, or more than a day past the last time the kiosk was seen running). "
        "Safe to run twice.",
        "  kiosk close-day\n  kiosk close-day --now   # e.g. the school closes early today\n"
        "  kiosk close-day --force # only after checking the date: see 'close-day refused'",
    )
    parser.add_argument(
        "--now",
        action="store_true",
        help="also close today's records before the configured closing time",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="trust the clock (check the date first, with 'timedatectl') and close the day "
        "even though the clock looks wrong",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    context = open_admin_context(args)
    result = close_day(context, include_today=True if args.now else None, force=args.force)
    tz = context.config.tz

    def at(iso: str) -> str:
        return parse_iso(iso).astimezone(tz).strftime("%a %d %b %H:%M")

    for visit in result.signed_out:
        org = f" ({visit.organisation})" if visit.organisation else ""
        print(f"signed out: {visit.name}{org}, in since {at(visit.signed_in_at)}")
    for record in result.staff_signed_out:
        print(f"signed out (staff): {record.name}, in since {at(record.signed_in_at)}")
    for phone in result.flagged:
        bag = f", bag {phone.bag_label}" if phone.bag_label else ""
        print(
            f"held overnight: {phone.pupil_name} ({phone.class_name}){bag}, "
            f"stored {at(phone.stored_at)}"
        )
    for event in result.attendance:
        if event.phone == PHONE_NOT_STORED:
            print(f"phone declared on arrival, not stored: {event.pupil_name} ({event.day})")
        if event.status == NOT_COLLECTED:
            print(f"collection not handed over: {event.pupil_name} ({event.day})")
    if result.nothing_done:
        print("close-day: nothing to do (nobody signed in, no phone left unflagged)")
    else:
        pupils = len(result.attendance)
        print(
            f"close-day: {len(result.signed_out)} visitor(s) and "
            f"{len(result.staff_signed_out)} member(s) of staff signed out, "
            f"{len(result.flagged)} phone(s) flagged held overnight"
            + (f", {pupils} late arrival(s) and collection(s) closed" if pupils else "")
        )
    if result.today_left_open:
        closing = context.config.day.closing_time.strftime("%H:%M")
        print(f"note: before closing time ({closing}), today's records were left open; use --now")
    return 0
