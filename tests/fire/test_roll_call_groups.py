"""The roll call is a sequence of groups: visitors today, and whatever later issues add
(staff, pupils out of the ordinary) without rewriting the screen, the text or the page."""

from __future__ import annotations

from kiosk.cli.onsite_command import machine_rows
from kiosk.errors import DataFileError
from kiosk.services.fire.roll_call import VISITORS, GroupSource, Person, make_roll_call
from kiosk.services.fire.roll_call_html import roll_call_html
from kiosk.services.fire.roll_call_text import roll_call_text
from tests.admin.seeding import visit


def staff_person(name: str, since: str) -> Person:
    return Person(
        key=f"S-{name}", name=name, since=since, time_in=since[11:16], about="Teacher",
        cells=(since[11:16], name, "Teacher"), fields={"id": f"S-{name}", "name": name,
                                                        "role": "Teacher"},
    )  # fmt: skip


STAFF = GroupSource(
    key="staff",
    title="Staff",
    covers="staff signed in at the kiosk",
    headers=("In", "Name", "Role"),
    field_names=("id", "name", "role"),
    read=lambda context: [staff_person("Dee Hart", "2026-11-25T07:50:00+00:00")],
)


def test_a_new_group_plugs_in_everywhere(context) -> None:
    visit(context, "2026-11-25T08:05:00", name="Sam Kirk")
    roll = make_roll_call(context, [VISITORS, STAFF])

    assert [g.key for g in roll.groups] == ["visitors", "staff"]
    assert roll.count == 2 and roll.counts() == {"visitors": 1, "staff": 1}
    assert roll.coverage().startswith(
        "Who the kiosk knows is on site: visitors signed in at the kiosk and staff signed in"
    )
    text = roll_call_text(roll)
    assert "Visitors: 1" in text and "Staff: 1" in text and "Dee Hart" in text
    page = roll_call_html(roll, "Kingsthorpe")
    assert "Staff: 1" in page and "Dee Hart" in page and "<th scope='col'>Role</th>" in page
    rows, columns = machine_rows(roll)
    assert columns == ["group", "id", "name", "visitor_type", "organisation", "host",
                       "signed_in_at", "lanyard", "role"]  # fmt: skip
    assert [(r["group"], r["name"]) for r in rows] == [("visitors", "Sam Kirk"),
                                                        ("staff", "Dee Hart")]  # fmt: skip


def test_a_group_that_cannot_be_read_says_so_and_the_others_still_show(context) -> None:
    def broken(context):
        raise DataFileError(context.store.live_path, "is not valid JSON")

    unreadable = GroupSource("staff", "Staff", "staff", ("Name",), ("name",), broken)
    visit(context, "2026-11-25T08:05:00", name="Sam Kirk")
    roll = make_roll_call(context, [VISITORS, unreadable])

    assert roll.problems and roll.problems[0].startswith("Staff: data file")
    text = roll_call_text(roll)
    assert "Sam Kirk" in text and "Staff: could not be read" in text
    assert "Could not be read" in roll_call_html(roll, "Kingsthorpe")
