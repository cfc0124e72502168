"""`kiosk report fire`: each alarm or drill, its start and end, how many were on the list by
group and when the list was printed; and `kiosk check` on the alarm input's wiring."""

from __future__ import annotations

import json

from hardware.interface import AlarmReading
from kiosk.services.fire.alarm_input import record_reading
from kiosk.services.fire.fire_log import (
    close_event,
    end_alarm,
    fire_report,
    record_print,
    start_event,
    take_unseen_openings,
)
from kiosk.services.fire.roll_call import make_roll_call
from tests.admin.seeding import at, visit


def a_drill_and_an_opening_by_hand(context) -> tuple[str, str]:
    visit(context, "2026-11-25T08:05:00", name="Sam Kirk")
    visit(context, "2026-11-25T08:10:00", name="Zoë Lane")
    at(context, "2026-11-25T10:42:00")
    alarm = start_event(context, "alarm", make_roll_call(context))
    at(context, "2026-11-25T10:42:01")
    record_print(context, alarm, True, "printer office: request id is office-17")
    at(context, "2026-11-25T10:51:00")
    end_alarm(context, alarm)
    at(context, "2026-11-25T11:02:00")
    close_event(context, alarm, "staff:S-1", "closed by Alex Morgan (PIN)")
    at(context, "2026-11-26T09:15:00")
    by_hand = start_event(context, "hand", make_roll_call(context))
    at(context, "2026-11-26T09:20:00")
    close_event(context, by_hand, "kiosk", "untouched for 5 minutes")
    start_event(context, "staff", make_roll_call(context), actor="staff:S-1")  # not a drill
    return alarm, by_hand


def test_the_report_lists_each_alarm_and_opening_by_hand(context, admin) -> None:
    alarm, by_hand = a_drill_and_an_opening_by_hand(context)

    events = fire_report(context)
    text = admin("report", "fire")
    as_json = json.loads(admin("report", "fire", "--format", "json").stdout)
    one_day = json.loads(
        admin("report", "fire", "--since", "2026-11-26", "--format", "json").stdout
    )

    assert [e.event_id for e in events] == [alarm, by_hand]
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "Fire alarms and roll calls opened by hand, all dates: 2"
    assert lines[2].split() == ["Started", "By", "Alarm", "ended", "Closed", "On", "the", "list",
                                "Printed"]  # fmt: skip
    assert lines[3].split("  ")[0] == "Wed 25 Nov 2026 10:42" and "fire alarm" in lines[3]
    assert "10:51" in lines[3] and "11:02" in lines[3] and "2 (visitors 2; staff 0)" in lines[3]
    assert lines[3].rstrip().endswith("10:42")
    assert "by hand" in lines[4] and "09:20" in lines[4] and lines[4].rstrip().endswith("-")
    assert as_json[0] == {
        "id": alarm, "started_by": "fire alarm", "started_at": "2026-11-25T10:42:00+00:00",
        "alarm_ended_at": "2026-11-25T10:51:00+00:00",
        "closed_at": "2026-11-25T11:02:00+00:00", "closed_by": "staff:S-1", "on_list": 2,
        "by_group": "visitors 2; staff 0", "printed_at": "2026-11-25T10:42:01+00:00",
        "print_problem": "",
    }  # fmt: skip
    assert [e["id"] for e in one_day] == [by_hand]


def test_a_failed_print_shows_in_the_report(context, admin) -> None:
    event = start_event(context, "alarm", make_roll_call(context))
    record_print(context, event, False, "lp refused the job (exit 1): no such printer")
    text = admin("report", "fire").stdout
    assert "FAILED" in text and "no such printer" in text


def test_openings_without_a_pin_wait_for_the_next_member_of_staff(context) -> None:
    at(context, "2026-11-25T10:42:00")
    start_event(context, "hand", make_roll_call(context))
    start_event(context, "staff", make_roll_call(context), actor="staff:S-1")
    assert take_unseen_openings(context) == ["2026-11-25T10:42:00+00:00"]
    assert take_unseen_openings(context) == [], "told once"
    actions = [e["action"] for e in context.store.audit_entries()]
    assert actions.count("roll-call-opened") == 2


def test_kiosk_check_names_a_broken_alarm_wire(context, admin) -> None:
    at(context, "2026-11-25T10:42:00")
    record_reading(context, AlarmReading.BROKEN_WIRE)
    result = admin("check")
    assert result.returncode == 1
    assert "fire alarm input reads a broken wire" in result.stdout
    assert "since 10:42 on Wed 25 Nov 2026" in result.stdout
    record_reading(context, AlarmReading.NORMAL)
    assert "fire alarm" not in admin("check").stdout
    details = [
        e["detail"] for e in context.store.audit_entries() if e["action"] == "fire-alarm-input"
    ]
    assert details == ["wiring fault: broken-wire", "wiring sound again"]


def test_kiosk_check_warns_of_a_contact_wired_on_one_leg(context, tmp_path, run_cli) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[hardware]\nfire_alarm_contact = "normally-closed"\n')
    data = str(context.store.data_dir)
    result = run_cli("check", "--config", str(settings), "--data-dir", data)
    assert "warning: the fire alarm contact (normally-closed) has no second leg wired" in (
        result.stdout
    )
    assert "would look like an alarm" in result.stdout
    settings.write_text(
        '[hardware]\nfire_alarm_contact = "normally-closed"\nfire_alarm_check_pin = 24\n'
    )
    result = run_cli("check", "--config", str(settings), "--data-dir", data)
    assert "fire alarm" not in result.stdout


def test_the_export_account_may_read_the_fire_report_and_the_page() -> None:
    from kiosk.services.admin.ssh_gate import check_ssh_command

    assert check_ssh_command("report fire --since 2026-09-01") == [
        "report", "fire", "--since", "2026-09-01",
    ]  # fmt: skip
    assert check_ssh_command("onsite --format html") == ["onsite", "--format", "html"]
