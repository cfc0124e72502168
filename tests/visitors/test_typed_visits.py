"""The services hand out visits as `Visit` (issue 23.1), never as the store's dicts, and what
they store is what they hand out."""

from __future__ import annotations

from kiosk.domain.records import Visit
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import KioskContext
from kiosk.services.fire.roll_call import on_site
from kiosk.services.regulars.regular_visitors import (
    CardSignOut,
    add_regular,
    documents_now,
    open_visit_of,
    scan_card,
    sign_in_regular,
)
from kiosk.services.visitors.rules_file import load_rules
from kiosk.services.visitors.sign_in import sign_in
from kiosk.services.visitors.sign_out import sign_out_by_pass, sign_out_visit


def signed_in(context: KioskContext, name: str) -> Visit:
    details = VisitorDetails("visitor", name, "Acme", "Mrs Patel", "")
    return sign_in(context, details, load_rules(context.config.rules_file))


def stored(context: KioskContext, visit: Visit) -> Visit:
    record = context.store.find("visits", visit.id)
    assert record is not None
    return Visit.from_record(record)


def test_on_site_and_the_sign_outs_hand_out_visits(context: KioskContext) -> None:
    first = signed_in(context, "Sam Kirk")
    context.clock.advance(minutes=5)
    second = signed_in(context, "Zoë Lane")

    assert on_site(context) == [first, second]  # earliest arrival first
    assert all(type(visit) is Visit for visit in on_site(context))

    context.clock.advance(hours=1)
    by_name = sign_out_visit(context, first.id, "name")
    assert type(by_name) is Visit
    assert (by_name.id, by_name.signed_out_by, by_name.pass_token) == (first.id, "name", "")
    assert by_name == stored(context, first)

    by_pass = sign_out_by_pass(context, second.pass_token)
    assert type(by_pass) is Visit
    assert (by_pass.id, by_pass.signed_out_by) == (second.id, "qr")
    assert by_pass == stored(context, second)
    assert on_site(context) == []


def test_a_regular_visitors_open_visit_and_card_sign_out_are_visits(
    context: KioskContext,
) -> None:
    regular, code = add_regular(context, "Ann Lee", "governor", host="Head")
    scanned = scan_card(context, code)
    rules = load_rules(context.config.rules_file)
    extra = documents_now(context, regular.visitor_type)[1:]
    visit = sign_in_regular(context, scanned.regular_id, rules, extra)  # type: ignore[union-attr]

    assert open_visit_of(context, regular.id) == visit

    context.clock.advance(hours=2)
    out = scan_card(context, code)
    assert isinstance(out, CardSignOut) and type(out.visit) is Visit
    assert (out.visit.id, out.visit.signed_out_by) == (visit.id, "card")
    assert out.visit == stored(context, visit)
    assert open_visit_of(context, regular.id) is None
