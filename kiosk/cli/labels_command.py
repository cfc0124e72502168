"""`kiosk labels`: print numbered QR labels for pupils' phone bags."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.parser import add_command
from kiosk.config import load_config
from kiosk.services.phones.bag_labels import MAX_COUNT, check_prefix, write_label_sheets


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        subparsers,
        "labels",
        common,
        "make printable A4 sheets of numbered QR labels for phone bags (24 per page, SVG)",
        "  kiosk labels --count 24 --output labels.svg\n"
        "  kiosk labels --count 24 --start 25 --output more-labels.svg\n"
        "  kiosk labels --count 60 --output labels.svg   (writes labels-1.svg ... labels-3.svg)\n"
        "Open the SVG in a web browser and print at 100% (no 'fit to page') on A4,\n"
        "plain paper or 24-per-sheet 63.5 x 33.9 mm labels such as Avery L7159.",
    )
    parser.add_argument(
        "--count", type=int, required=True, metavar="N", help=f"how many labels (1 to {MAX_COUNT})"
    )
    parser.add_argument(
        "--output",
        default="bag-labels.svg",
        metavar="FILE",
        help="SVG file to write (default: bag-labels.svg); several pages get -1, -2, ...",
    )
    parser.add_argument(
        "--start", type=int, default=1, metavar="N", help="first label number (default: 1)"
    )
    parser.add_argument(
        "--prefix",
        help="text before the number (default: [phones] bag_label_prefix in the settings, "
        "shipped as BAG, giving BAG-001); the kiosk recognises only that prefix when scanned",
    )
    parser.add_argument(
        "--caption", default="Phone bag", help="small print under the number (default: Phone bag)"
    )
    parser.add_argument("--force", action="store_true", help="replace existing files")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    paths = write_label_sheets(
        args.output,
        count=args.count,
        start=args.start,
        prefix=_prefix(args),
        caption=args.caption,
        force=args.force,
    )
    for path in paths:
        print(f"wrote {path}")
    return 0


def _prefix(args: argparse.Namespace) -> str:
    configured = load_config(args.config).bag_label_prefix
    if args.prefix is None:
        return configured
    chosen = check_prefix(args.prefix)
    if chosen != configured:
        # Printed anyway (labels for another kiosk, say), but this one would not know them.
        print(
            f"kiosk labels: note: this kiosk recognises {configured}- labels when scanned; "
            f'set bag_label_prefix = "{chosen}" under [phones] in kiosk.toml to use these',
            file=sys.stderr,
        )
    return chosen
