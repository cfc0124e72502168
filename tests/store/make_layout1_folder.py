"""How tests/store/layout1/data was made: a data folder in the first layout (live.json holding
every table, whole-file JSON month files), written by the services of main at commit 361fa0a,
before the store was reorganised (issue 22).

    git worktree add /tmp/old 361fa0a && cd /tmp/old
    PYTHONPATH=. python tests/store/make_layout1_folder.py OUT

It is kept as a record, not run by the tests: the current code writes the second layout. The
folder holds what a real kiosk's would: a 40-pupil roster, staff, regular visitors with cards,
the letters log, four weeks of phones and visits (history months, closed records still waiting
in live.json, visitors on site, phones in the store), the audit trail over two months with its
head, `.bak` copies, and one visit left open in live.json and closed in history by the old
archive crash (issue 9), which the conversion must resolve in live.json's favour.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from kiosk.config import load_config
from kiosk.domain.clock import FakeClock
from kiosk.domain.rules import make_rules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import KioskContext
from kiosk.services.policy.letters import letters_for_day, log_letters
from kiosk.services.regulars.regular_visitors import add_regular, sign_in_regular
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.services.visitors.sign_in import sign_in
from kiosk.store import RecordStore
from tests.policy.term_data import QuietHardware, _store, load_roster, seed_term

RULES = make_rules("Phones only in the foyer.\n", "layout1")


def main(out: Path) -> None:
    out.mkdir(parents=True)
    config = load_config()
    config = replace(config, hardware=replace(config.hardware, pin_factory="mock"))
    clock = FakeClock("2026-09-28T08:00:00")
    context = KioskContext(config, RecordStore.open(out, config.tz), clock)
    with context.store.transaction() as tx:
        tx.start_trail(context.now_iso())
    add_staff(context, "Alex Office", "428613", is_admin=True)
    add_staff(context, "Sam Teacher", "731902")
    pupils = load_roster(context, size=40)
    regular, _code = add_regular(context, "Jo Cleaner", "contractor", "Shine Ltd", "Office")
    add_regular(context, "Pat Governor", "governor")
    seed_term(
        context,
        first_day=date(2026, 9, 28),
        last_day=date(2026, 11, 20),
        arrivals_per_day=1.5,
        confiscations_per_day=0.5,
        visitors_per_day=1.0,
    )
    letters = letters_for_day(context, date(2026, 11, 20))
    log_letters(context, letters, date(2026, 11, 20), actor="test")
    # Today: visitors on site, a regular signed in, phones in the store.
    clock.set(clock.now().replace(year=2026, month=11, day=24, hour=9))
    for name in ("Kim Visitor", "Lee Parent"):
        sign_in(context, VisitorDetails("visitor", name, "", "Office", ""), RULES)
    sign_in_regular(context, regular.id, RULES)
    hardware = QuietHardware()
    for bag, pupil in enumerate(pupils[-3:], 900):
        _store(context, hardware, pupil, bag, "arrival")
    # The old archive crash: a visit still open in live.json, closed in its history month.
    open_visit = context.store.live("visits")[0]
    month = open_visit["signed_in_at"][:7]
    path = context.store.history_path("visits", month)
    empty = {"_meta": {"1": {"schema_version": 1, "kind": "visits"}}, "visits": {}}
    data = json.loads(path.read_text()) if path.exists() else empty
    closed = dict(open_visit, signed_out_at=open_visit["signed_in_at"], signed_out_by="name")
    data["visits"][str(10**6)] = closed
    path.write_text(json.dumps(data))
    print(f"wrote {out}: {sum(1 for _ in out.rglob('*'))} files", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
