"""Terms from kiosk.toml, and the escalation rule each confiscation reaches, applied when the
phone is stored and enforced when it is returned."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.domain.escalation import DEFAULT_RULES, announcement, ordinal, rule_for
from kiosk.domain.terms import TermSettings, term_by_key, term_for
from kiosk.errors import ConfigError, ValidationError
from kiosk.services.phones.phone_return import return_phones
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.policy.escalation import escalation_for
from kiosk.services.pupils.pupil_roster import set_parent_only
from tests.admin.seeding import at
from tests.policy.term_data import STAFF_ID, QuietHardware, load_roster

DEFAULT = TermSettings()


@pytest.mark.parametrize(
    ("day", "key", "name"),
    [
        (date(2026, 9, 1), "2026-1", "Autumn 2026"),
        (date(2026, 12, 23), "2026-1", "Autumn 2026"),  # Christmas holiday: still autumn
        (date(2027, 1, 4), "2026-2", "Spring 2027"),
        (date(2027, 4, 1), "2026-3", "Summer 2027"),
        (date(2027, 8, 31), "2026-3", "Summer 2027"),
        (date(2027, 9, 1), "2027-1", "Autumn 2027"),
    ],
)
def test_default_english_three_terms(day, key, name) -> None:
    term = term_for(day, DEFAULT)
    assert (term.key, term.name) == (key, name)
    assert term.contains(day)


def test_real_term_dates_override_the_default(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[terms]\ndates = { 2026-2 = 2027-01-05, 2026-3 = "2027-04-19" }\n')
    terms = load_config(config).policy.terms
    assert term_for(date(2027, 1, 4), terms).key == "2026-1"  # INSET day before spring starts
    assert term_for(date(2027, 4, 18), terms).key == "2026-2"  # Easter holiday
    summer = term_by_key("2026-3", terms)
    assert (summer.start, summer.end) == (date(2027, 4, 19), date(2027, 8, 31))


def test_a_six_term_year_is_allowed(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[terms]\nstarts = ["09-01", "10-26", "01-01", "02-22", "04-12", "06-01"]\n'
        'names = ["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"]\n'
    )
    terms = load_config(config).policy.terms
    assert term_for(date(2027, 3, 1), terms).name == "Spring 2 2027"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[terms]\nstarts = ["9/1"]\n', "terms.starts must be"),
        ('[terms]\nnames = ["A", "B"]\n', "one name per entry"),
        ("[terms]\ndates = { autumn = 2026-09-01 }\n", "terms.dates must be"),
        ("[escalation]\nrules = [{ count = 2, text = 'x' }, { count = 1, text = 'y' }]\n",
         "counts rising"),
        ("[escalation]\nrules = [{ count = 1, text = 'x', colour = 'red' }]\n",
         "escalation.rules must be"),
    ],
)  # fmt: skip
def test_wrong_policy_settings_stop_with_one_line(toml, message, tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(toml)
    with pytest.raises(ConfigError, match=message):
        load_config(config)


def test_rules_and_sentences() -> None:
    assert [rule_for(n, DEFAULT_RULES) for n in (0, 1, 2, 3, 7)] == [
        None, DEFAULT_RULES[0], DEFAULT_RULES[1], DEFAULT_RULES[2], DEFAULT_RULES[2],
    ]  # fmt: skip
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 112)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "112th",
    ]  # fmt: skip
    assert announcement("Amelia", 2, DEFAULT_RULES[1]) == (
        "Amelia's 2nd confiscation this term: a parent or carer must collect it"
    )
    assert announcement("James", 1, DEFAULT_RULES[0]).startswith("James' 1st")


def store(context, pupil, reason="confiscated", bag=1, on_roster=True):
    details = check_phone_form(
        pupil.name, pupil.class_name, "blue phone", f"BAG-{bag:03d}", reason, False,
        pupil_id=pupil.id if on_roster else "",
    )  # fmt: skip
    return store_phone(context, QuietHardware(), details, STAFF_ID)


def test_each_confiscation_in_a_term_reaches_the_next_rule(context) -> None:
    amelia = replace(load_roster(context)[180], forename="Amelia")
    with context.store.transaction() as tx:
        tx.update("pupils", amelia.id, {"forename": "Amelia"})
    at(context, "2026-11-23T10:00:00")
    assert escalation_for(context, amelia.name, amelia.id).message == (
        "Amelia's 1st confiscation this term: it goes back to the pupil at the end of the day"
    )
    first = store(context, amelia, bag=1)
    store(context, amelia, reason="arrival", bag=2)  # handed in on arrival: never counts
    at(context, "2026-11-24T11:00:00")
    preview = escalation_for(context, amelia.name, amelia.id)
    assert preview.message == (
        "Amelia's 2nd confiscation this term: a parent or carer must collect it"
    )
    second = store(context, amelia, bag=3)
    at(context, "2026-11-25T09:30:00")
    third = store(context, amelia, bag=4)
    records = [context.store.find("phones", p.id) for p in (first, second, third)]
    fields = ("count_in_term", "rule_count", "parent_only", "head_of_year")
    assert [tuple(r[f] for f in fields) for r in records] == [
        (1, 1, False, False), (2, 2, True, False), (3, 3, True, True),
    ]  # fmt: skip
    assert records[1]["rule_text"] == "a parent or carer must collect it"
    assert {r["term"] for r in records} == {"2026-1"}
    assert {r["pupil_id"] for r in records} == {amelia.id}
    assert [r["behaviour_code"] for r in records] == ["PHONE"] * 3
    # A new term starts the count again.
    at(context, "2027-01-06T10:00:00")
    assert escalation_for(context, amelia.name, amelia.id).count == 1


def test_the_return_enforces_parent_collection(context) -> None:
    pupil = load_roster(context)[190]
    at(context, "2026-11-24T10:00:00")
    store(context, pupil, bag=1)
    at(context, "2026-11-25T10:00:00")
    second = store(context, pupil, bag=2)
    at(context, "2026-11-25T15:20:00")
    with pytest.raises(ValidationError, match="only to a parent or carer"):
        return_phones(context, QuietHardware(), [second.id], STAFF_ID)
    assert context.store.find("phones", second.id)["returned_at"] == ""
    done = return_phones(context, QuietHardware(), [second.id], STAFF_ID, "Jo Parent")
    assert done[0].returned_to == "Jo Parent"


def test_a_name_not_on_the_roster_still_works_and_is_counted_by_name(context) -> None:
    pupils = load_roster(context)
    at(context, "2026-11-25T10:00:00")
    visitor_child = replace(pupils[0], id="", forename="Tobi", surname="Okafor-Smith")
    preview = escalation_for(context, "Tobi Okafor-Smith")
    assert preview.message.endswith("Not on the roster: counted by name.")
    first = store(context, visitor_child, on_roster=False, bag=1)
    second = store(context, visitor_child, on_roster=False, bag=2)
    records = [context.store.find("phones", p.id) for p in (first, second)]
    assert [(r["pupil_id"], r["count_in_term"]) for r in records] == [("", 1), ("", 2)]


def test_the_roster_parent_only_flag_applies_by_itself(context) -> None:
    pupil = load_roster(context)[185]
    set_parent_only(context, pupil.id, True)
    at(context, "2026-11-25T08:40:00")
    preview = escalation_for(context, pupil.name, pupil.id, reason="arrival")
    assert "goes to a parent or carer only" in preview.message
    assert "does not count" in preview.message
    phone = store(context, pupil, reason="arrival")
    record = context.store.find("phones", phone.id)
    assert record["parent_only"] and record["count_in_term"] == 0 and record["rule_count"] == 0


def test_the_same_name_on_another_pupil_does_not_share_a_count(context) -> None:
    pupils = load_roster(context)
    twin = replace(pupils[200], id="009999")
    with context.store.transaction() as tx:
        tx.insert("pupils", {**twin.to_record(), "forename": pupils[201].forename,
                             "surname": pupils[201].surname})  # fmt: skip
    at(context, "2026-11-25T10:00:00")
    store(context, pupils[201], bag=1)
    assert escalation_for(context, pupils[201].name, "009999").count == 1


def test_counting_uses_the_configured_rules(context, tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        "[escalation]\nbehaviour_code = 'MOB1'\nrules = [\n"
        " { count = 1, text = 'a parent or carer must collect it', parent_only = true },\n"
        " { count = 4, text = 'the head teacher phones home', head_of_year = true, "
        "behaviour_code = 'MOB4' },\n]\n"
    )
    context = replace(context, config=replace(context.config, policy=load_config(config).policy))
    pupil = load_roster(context)[199]
    at(context, "2026-11-25T10:00:00")
    phones = [store(context, pupil, bag=n) for n in range(1, 5)]
    records = [context.store.find("phones", p.id) for p in phones]
    assert [r["behaviour_code"] for r in records] == ["MOB1", "MOB1", "MOB1", "MOB4"]
    assert all(r["parent_only"] for r in records[:3]) and not records[3]["parent_only"]
