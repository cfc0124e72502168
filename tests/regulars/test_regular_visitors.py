"""Regular visitors at the kiosk: a card scanned signs in (after the rules) and out, expired,
revoked, forged and copied codes are refused calmly, checks decide the lanyard, and a
regular is told when the rules changed since they last agreed."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.domain.ids import new_card_code
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.errors import NotFound, ValidationError
from kiosk.services.context import KioskContext
from kiosk.services.fire.roll_call import roll_call
from kiosk.services.regulars.regular_visitors import (
    CardRefused,
    CardSignIn,
    CardSignOut,
    add_regular,
    documents_now,
    new_card,
    record_check,
    renew_regular,
    revoke_regular,
    scan_card,
    sign_in_regular,
)
from kiosk.services.visitors.rules_file import load_rules
from kiosk.services.visitors.sign_in import sign_in

TODAY = date(2026, 11, 25)  # the fake clock's morning (tests/conftest.py)


def agree(context: KioskContext, scanned: CardSignIn, host: str = ""):
    """What the rules screen does on I agree: the rules and documents as on screen now."""
    rules = load_rules(context.config.rules_file)
    extra = documents_now(context, scanned.details.visitor_type)[1:]
    return sign_in_regular(context, scanned.regular_id, rules, extra, host=host)


def test_a_card_signs_in_after_the_rules_and_out_with_the_next_scan(context) -> None:
    regular, code = add_regular(context, "Ann Lee", "parent-helper", host="Year 2")

    first = scan_card(context, code)
    assert isinstance(first, CardSignIn)
    assert first.details == VisitorDetails("parent-helper", "Ann Lee", "", "Year 2", "")
    assert not first.ask_host and first.changed == ()
    assert context.store.live("visits") == []  # nothing stored until they agree

    visit = agree(context, first)
    assert visit.regular_id == regular.id and visit.host == "Year 2"
    assert [v["id"] for v in context.store.live("visits")] == [visit.id]

    context.clock.advance(hours=2)
    second = scan_card(context, code.lower() + "\n")  # however the scanner types it
    assert isinstance(second, CardSignOut)
    assert second.visit.id == visit.id and second.visit.signed_out_by == "card"
    assert context.store.live("visits") == []


def test_a_card_without_a_host_asks_for_one(context) -> None:
    _, code = add_regular(context, "Sam Kirk", "contractor", organisation="Acme Roofing")
    scanned = scan_card(context, code)
    assert isinstance(scanned, CardSignIn) and scanned.ask_host
    with pytest.raises(ValidationError):
        agree(context, scanned)
    assert agree(context, scanned, host="Mr Hall (site manager)").host == "Mr Hall (site manager)"


def test_the_card_works_through_its_expiry_day_and_not_after(context) -> None:
    _, code = add_regular(context, "Ann Lee", "governor", expires_on=TODAY + timedelta(days=1))
    context.clock.advance(days=1)
    assert isinstance(scan_card(context, code), CardSignIn)
    context.clock.advance(days=1)
    refused = scan_card(context, code)
    assert refused == CardRefused("This card has expired. Please sign in at reception.")


def test_renewing_keeps_the_card_working_and_reprinting_stops_the_old_one(context) -> None:
    regular, code = add_regular(context, "Ann Lee", "governor", expires_on=TODAY)
    renewed, none = renew_regular(context, regular.id, TODAY + timedelta(days=30))
    assert none is None and renewed.expires_on == "2026-12-25"
    context.clock.advance(days=10)
    assert isinstance(scan_card(context, code), CardSignIn)

    _, fresh = new_card(context, regular.id)
    assert isinstance(scan_card(context, code), CardRefused)
    assert isinstance(scan_card(context, fresh), CardSignIn)


def test_a_revoked_card_is_refused_even_between_the_scan_and_i_agree(context) -> None:
    regular, code = add_regular(context, "Ann Lee", "governor")
    scanned = scan_card(context, code)
    assert isinstance(scanned, CardSignIn)
    revoke_regular(context, regular.id)
    with pytest.raises(NotFound, match="Please sign in at reception"):
        agree(context, scanned)
    assert context.store.live("visits") == []
    assert scan_card(context, code) == CardRefused(
        "This card can no longer be used. Please sign in at reception."
    )


def test_a_forged_code_or_a_copy_of_the_data_folder_makes_no_working_card(context) -> None:
    regular, code = add_regular(context, "Ann Lee", "governor")
    folder = context.store.data_dir
    everything = "".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())
    # The code is nowhere in the records, the audit trail or anything else in the folder.
    assert code not in everything and code[5:] not in everything
    stored = context.store.live("regulars")[0]
    # What the folder does hold cannot be scanned instead of the card.
    for attempt in (stored["card_hash"], stored["card_hash"].removeprefix("sha256:"),
                    regular.id, new_card_code(), "CARD-" + "0" * 20, ""):  # fmt: skip
        result = scan_card(context, attempt)
        assert result == CardRefused("This card is not recognised. Please sign in at reception.")


def test_checks_decide_the_lanyard_first_time_visitors_are_always_escorted(context) -> None:
    checked, checked_code = add_regular(context, "Ann Lee", "parent-helper", host="Year 2")
    _, unchecked_code = add_regular(context, "Bo Chen", "parent-helper", host="Year 3")
    record_check(context, checked.id, TODAY - timedelta(days=3), "jr")

    green = agree(context, scan_card(context, checked_code))
    red = agree(context, scan_card(context, unchecked_code))
    rules = load_rules(context.config.rules_file)
    first_time = sign_in(context, VisitorDetails("governor", "Cy Dee", "", "Head", ""), rules)

    assert (green.lanyard, green.escorted) == ("green", False)
    assert (red.lanyard, red.escorted) == ("red", True)
    assert (first_time.lanyard, first_time.escorted) == ("red", True)
    assert {p.name: p.lanyard for p in roll_call(context)} == {
        "Ann Lee": "green", "Bo Chen": "red", "Cy Dee": "red"
    }  # fmt: skip
    stored = context.store.live("regulars")
    assert {r["name"]: (r["dbs_checked_on"], r["checked_by"]) for r in stored}["Ann Lee"] == (
        "2026-11-22", "JR"
    )  # fmt: skip


def test_lanyard_colours_and_wording_are_settings(context) -> None:
    lanyards = replace(context.config.lanyards, escorted_colour="yellow")
    context.config = replace(context.config, lanyards=lanyards)
    rules = load_rules(context.config.rules_file)
    visit = sign_in(context, VisitorDetails("governor", "Cy Dee", "", "Head", ""), rules)
    assert visit.lanyard == "yellow"


def write_rules(path: Path, text: str, changed: datetime) -> None:
    path.write_text(text)
    os.utime(path, (changed.timestamp(), changed.timestamp()))


def test_a_regular_is_told_the_rules_changed_since_their_last_visit(context, tmp_path) -> None:
    rules_path = tmp_path / "rules.md"
    write_rules(rules_path, "# Rules\n\nPhones in the foyer only.\n", datetime(2026, 1, 5, 9))
    context.config = replace(context.config, rules_file=rules_path)
    _, code = add_regular(context, "Ann Lee", "governor", host="Head")
    agree(context, scan_card(context, code))
    context.clock.advance(hours=1)
    scan_card(context, code)  # signed out

    again = scan_card(context, code)
    assert isinstance(again, CardSignIn) and again.changed == ()

    write_rules(rules_path, "# Rules\n\nNo phones at all.\n", datetime(2026, 3, 3, 16))
    changed = scan_card(context, code)
    assert isinstance(changed, CardSignIn)
    assert changed.changed == ("Our phone rules changed on 3 March",)
    agree(context, changed)
    context.clock.advance(hours=1)
    scan_card(context, code)
    # Agreed to the new wording: no notice next time.
    assert scan_card(context, code).changed == ()  # type: ignore[union-attr]


def test_a_contractor_agrees_to_the_rules_and_two_documents(context) -> None:
    _, code = add_regular(context, "Sam Kirk", "contractor", organisation="Acme Roofing",
                          host="Mr Hall")  # fmt: skip
    documents = documents_now(context, "contractor")
    assert [d.name for d in documents] == ["phone-rules", "asbestos-register", "site-induction"]
    assert [d.title for d in documents[1:]] == ["Asbestos register", "Site induction"]

    visit = agree(context, scan_card(context, code))
    assert visit.agreements == {
        "asbestos-register": documents[1].version,
        "site-induction": documents[2].version,
    }
    stored = context.store.live("regulars")[0]
    assert set(stored["agreed"]) == {"phone-rules", "asbestos-register", "site-induction"}
    # Other visitor types agree to the phone rules only.
    assert [d.name for d in documents_now(context, "governor")] == ["phone-rules"]


def test_a_changed_site_induction_is_named_too(context, tmp_path) -> None:
    induction = tmp_path / "site-induction.md"
    write_rules(induction, "# Site induction\n\nWear your lanyard.\n", datetime(2026, 1, 5, 9))
    context.config = replace(context.config, agreements={"contractor": (induction,)})
    _, code = add_regular(context, "Sam Kirk", "contractor", organisation="Acme", host="Mr Hall")
    agree(context, scan_card(context, code))
    scan_card(context, code)
    write_rules(induction, "# Site induction\n\nHard hats.\n", datetime(2025, 10, 1, 9))
    scanned = scan_card(context, code)
    assert scanned.changed == ("Our site induction changed on 1 October 2025",)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"visitor_type": "plumber"}, "is not a visitor type"),
        ({"name": "R2-D2"}, "letters, spaces"),
        ({"visitor_type": "contractor"}, "a contractor needs --organisation"),
        ({"expires_on": TODAY - timedelta(days=1)}, "in the past"),
        ({"expires_on": TODAY + timedelta(days=4000)}, "more than five years"),
    ],
)
def test_bad_cards_are_refused_with_one_line(context, kwargs, message) -> None:
    values = {"name": "Ann Lee", "visitor_type": "governor", **kwargs}
    with pytest.raises(ValidationError, match=message):
        add_regular(context, **values)
    assert context.store.live("regulars") == []


def test_checks_need_initials_and_a_day_not_in_the_future(context) -> None:
    regular, _ = add_regular(context, "Ann Lee", "governor")
    with pytest.raises(ValidationError, match="initials"):
        record_check(context, regular.id, TODAY, "J0")
    with pytest.raises(ValidationError, match="in the future"):
        record_check(context, regular.id, TODAY + timedelta(days=1), "JR")
    with pytest.raises(NotFound):
        record_check(context, "R-NOSUCHONE123", TODAY, "JR")


@pytest.mark.parametrize("stop", ["revoked", "expired"])
def test_a_card_stopped_while_its_holder_is_on_site_signs_them_out(context, stop) -> None:
    """Issue 20.4: the scan on their way out signs them out (never left on the roll call)
    and asks for the card back at reception."""
    regular, code = add_regular(context, "Ann Lee", "governor", host="Head", expires_on=TODAY)
    agree(context, scan_card(context, code))
    assert [p.name for p in roll_call(context)] == ["Ann Lee"]
    if stop == "revoked":
        revoke_regular(context, regular.id)
    else:
        context.clock.advance(days=1)  # signed in yesterday; the card ran out at midnight
    scanned = scan_card(context, code)
    assert isinstance(scanned, CardSignOut)
    assert scanned.visit.signed_out_by == "card"
    assert scanned.hand_in == (
        "This card can no longer be used. Please hand it in at reception."
        if stop == "revoked"
        else "This card has expired. Please hand it in at reception."
    )
    assert roll_call(context) == []
    # Scanned again, it is refused as before: nobody is signed in by a stopped card.
    assert isinstance(scan_card(context, code), CardRefused)
    assert len(context.store.records("visits")) == 1
