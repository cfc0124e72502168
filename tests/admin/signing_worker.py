"""Child process for the export-while-writing test: signs visitors in and out until told to stop.

Prints one line per committed change ("in V-..." / "out V-..."), flushed after the commit
returns, so the parent knows what must be visible to any export started afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.domain.rules import make_rules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import open_context
from kiosk.services.visitors.sign_in import sign_in
from kiosk.services.visitors.sign_out import sign_out_visit

RULES = make_rules("Phones only in the foyer.\n", "test")


def main(data_dir: str, stop_file: str, limit: int) -> None:
    context = open_context(None, data_dir, create=True)
    stop = Path(stop_file)
    for n in range(limit):
        if stop.exists():
            break
        details = VisitorDetails("visitor", f"Visitor Number {chr(65 + n % 26)}", "", "Office", "")
        visit = sign_in(context, details, RULES)
        print(f"in {visit.id}", flush=True)
        if n % 2:
            sign_out_visit(context, visit.id, "name")
            print(f"out {visit.id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
