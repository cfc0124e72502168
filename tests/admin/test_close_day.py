"""`kiosk close-day` and the morning's held-overnight flag, with a fake clock."""

from __future__ import annotations

from kiosk.services.admin.close_day import close_day, flag_held_overnight
from kiosk.services.context import KioskContext
from tests.admin.seeding import at, phone, visit


def actions(context: KioskContext) -> list[str]:
    return [e["action"] for e in context.store.audit_entries()]


def test_at_closing_time_visitors_are_signed_out_and_phones_flagged(context: KioskContext):
    staying = visit(context, "2026-11-25T09:00:00", name="Sam Kirk")
    left = visit(context, "2026-11-25T09:30:00", name="Gone Home", signed_out="2026-11-25T10:00:00")
    held = phone(context, "2026-11-25T08:40:00")
    phone(context, "2026-11-25T08:45:00", returned="2026-11-25T15:20:00")
    before = actions(context)

    at(context, "2026-11-25T18:05:00")
    result = close_day(context)

    assert [v.id for v in result.signed_out] == [staying["id"]]
    closed = context.store.find("visits", staying["id"])
    assert closed is not None
    assert closed["signed_out_by"] == "close-day"
    assert closed["signed_out_at"] == "2026-11-25T18:05:00+00:00"
    assert closed["pass_token"] == ""  # the pass no longer signs anyone out
    assert context.store.live("visits") == []
    assert context.store.find("visits", left["id"])["signed_out_by"] == "name"
    assert [p.id for p in result.flagged] == [held["id"]]
    assert context.store.find("phones", held["id"])["held_overnight"] is True
    assert actions(context) == [*before, "close-day-sign-out", "held-overnight"]
    assert "Sam Kirk" not in str(context.store.audit_entries())  # no names in the trail

    again = close_day(context)
    assert again.nothing_done
    assert actions(context) == [*before, "close-day-sign-out", "held-overnight"]


def test_before_closing_time_only_earlier_days_are_closed(context: KioskContext) -> None:
    forgotten = visit(context, "2026-11-24T14:00:00", name="Yesterday Visitor")
    today = visit(context, "2026-11-25T09:00:00", name="Today Visitor")
    old_phone = phone(context, "2026-11-24T08:40:00")
    new_phone = phone(context, "2026-11-25T08:40:00")

    at(context, "2026-11-25T12:00:00")
    result = close_day(context)

    assert result.today_left_open
    assert [v.id for v in result.signed_out] == [forgotten["id"]]
    assert [p.id for p in result.flagged] == [old_phone["id"]]
    assert [r["id"] for r in context.store.live("visits")] == [today["id"]]
    assert context.store.find("phones", new_phone["id"]).get("held_overnight") is False

    early = close_day(context, include_today=True)  # `kiosk close-day --now`
    assert [v.id for v in early.signed_out] == [today["id"]]
    assert [p.id for p in early.flagged] == [new_phone["id"]]


def test_morning_flag_catches_phones_left_when_close_day_did_not_run(context) -> None:
    overnight = phone(context, "2026-11-24T10:00:00")
    this_morning = phone(context, "2026-11-25T08:30:00")

    at(context, "2026-11-25T08:45:00")
    flagged = flag_held_overnight(context)

    assert [p.id for p in flagged] == [overnight["id"]]
    assert context.store.find("phones", this_morning["id"])["held_overnight"] is False
    assert flag_held_overnight(context) == []
    assert actions(context).count("held-overnight") == 1


def test_close_day_command_twice(context: KioskContext, admin) -> None:
    visit(context, "2026-11-25T09:00:00", name="Sam Kirk", organisation="Acme Roofing")
    phone(context, "2026-11-25T08:40:00", pupil="Alex Brown", bag_label="BAG-07")
    evening = {"KIOSK_FAKE_NOW": "2026-11-25T18:10:00"}

    first = admin("close-day", env=evening)
    second = admin("close-day", env=evening)

    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "signed out: Sam Kirk (Acme Roofing), in since Wed 25 Nov 09:00",
        "held overnight: Alex Brown (Year 6), bag BAG-07, stored Wed 25 Nov 08:40",
        "close-day: 1 visitor(s) and 0 member(s) of staff signed out, "
        "1 phone(s) flagged held overnight",
    ]
    assert second.returncode == 0
    assert second.stdout.startswith("close-day: nothing to do")
    assert admin("onsite").stdout.splitlines()[0].endswith(": 0 people")


def test_close_day_command_before_closing_says_what_it_left(context: KioskContext, admin):
    visit(context, "2026-11-25T09:00:00")
    result = admin("close-day", env={"KIOSK_FAKE_NOW": "2026-11-25T11:00:00"})
    assert result.returncode == 0
    assert "nothing to do" in result.stdout
    assert "before closing time (18:00)" in result.stdout
    assert len(context.store.live("visits")) == 1
