"""`kiosk onsite` (the fire roll call) and `kiosk phones`."""

from __future__ import annotations

import csv
import io
import json

from kiosk.domain.records import PHONE_FIELDS
from kiosk.services.context import KioskContext
from kiosk.services.fire.roll_call import on_site, roll_call
from tests.admin.seeding import phone, visit


def test_roll_call_lists_everyone_signed_in_and_counts_them(context: KioskContext, admin):
    first = visit(context, "2026-11-25T08:05:00", name="Sam Kirk", organisation="Acme Roofing")
    visit(context, "2026-11-25T08:10:00", name="Gone Home", signed_out="2026-11-25T08:20:00")
    second = visit(context, "2026-11-25T08:30:00", name="Zoë Lane", organisation="",
                   visitor_type="parent-helper", host="Year 2")  # fmt: skip

    text = admin("onsite")
    as_json = json.loads(admin("onsite", "--format", "json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(admin("onsite", "--format", "csv").stdout)))

    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].endswith(": 2 people")
    # It says what it covers, then each group with its count.
    assert (
        "Who the kiosk knows is on site: visitors signed in at the kiosk and staff signed in at "
        "the kiosk. It is not"
    ) in " ".join(text.stdout.split())
    assert "not the class registers" in " ".join(text.stdout.split())
    header = lines.index("Visitors: 2") + 1
    assert lines[header].split() == ["In", "Name", "Type", "Organisation", "Visiting", "Lanyard"]
    assert lines[header + 1].split("  ")[0] == "08:05" and "Sam Kirk" in lines[header + 1]
    assert "Acme Roofing" in lines[header + 1] and "Mrs Patel" in lines[header + 1]
    assert "Zoë Lane" in lines[header + 2] and "Parent helper" in lines[header + 2]
    assert "Gone Home" not in text.stdout
    assert [p["id"] for p in as_json] == [first["id"], second["id"]]
    assert as_json[1] == {
        "group": "visitors",
        "id": second["id"], "name": "Zoë Lane", "visitor_type": "parent-helper",
        "organisation": "", "host": "Year 2", "signed_in_at": "2026-11-25T08:30:00+00:00",
        "lanyard": "red", "staff_id": "", "role": "", "signed_in_by": "",
        # the pupils' groups' columns, empty for a visitor
        "class_name": "", "arrived_at": "", "left_at": "", "coming_back": "",
    }  # fmt: skip
    assert [row["name"] for row in as_csv] == ["Sam Kirk", "Zoë Lane"]
    # The service the staff screen uses agrees with the command.
    assert [v.id for v in on_site(context)] == [first["id"], second["id"]]
    assert [p.time_in for p in roll_call(context)] == ["08:05", "08:30"]


def test_roll_call_with_nobody_on_site(context: KioskContext, admin) -> None:
    result = admin("onsite")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith(": 0 people")
    assert lines[-7:] == [
        "Visitors: 0",
        "",
        "Staff: 0",
        "",
        "Pupils who arrived late today: 0",
        "",
        "Pupils collected early, not back: 0",
    ]
    assert json.loads(admin("onsite", "--format", "json").stdout) == []


def test_phones_lists_held_phones_and_with_all_the_returned_ones(context, admin) -> None:
    held = phone(context, "2026-11-25T08:40:00", pupil="Alex Brown", parent_only=True)
    old_held = phone(context, "2026-11-20T08:40:00", pupil="Ben Carter", bag_label="BAG-02")
    back = phone(context, "2026-11-24T08:50:00", pupil="Kai Li",
                 returned="2026-11-24T15:20:00", returned_to="Mrs Li")  # fmt: skip
    phone(context, "2026-11-02T08:50:00", pupil="Old Return", returned="2026-11-02T15:20:00")

    now = admin("phones")
    everything = json.loads(admin("phones", "--all", "--format", "json").stdout)
    this_week = admin("phones", "--all", "--since", "2026-11-23", "--format", "csv")

    assert now.returncode == 0, now.stderr
    assert now.stdout.splitlines()[0] == "Phones held now: 2"
    assert "Alex Brown" in now.stdout and "Ben Carter" in now.stdout
    assert "Kai Li" not in now.stdout
    assert "yes" in next(line for line in now.stdout.splitlines() if "Alex Brown" in line)
    assert [p["id"] for p in everything][-3:] == [old_held["id"], back["id"], held["id"]]
    assert len(everything) == 4
    assert list(everything[0]) == [*PHONE_FIELDS, "held_overnight"]
    rows = list(csv.DictReader(io.StringIO(this_week.stdout)))
    # Held phones always show; returned ones only inside the range.
    assert [r["pupil_name"] for r in rows] == ["Ben Carter", "Kai Li", "Alex Brown"]
    assert rows[1]["returned_to"] == "Mrs Li"


def test_phones_with_none_held(context: KioskContext, admin) -> None:
    result = admin("phones")
    assert result.returncode == 0
    assert result.stdout == "Phones held now: 0\n"


def test_a_date_range_without_all_is_a_mistake(context: KioskContext, admin) -> None:
    result = admin("phones", "--since", "2026-11-01")
    assert result.returncode == 2
    assert result.stderr == "kiosk: --since and --until choose the returned phones: add --all\n"


def test_roll_call_with_long_names_fits_an_80_column_ssh_window(context: KioskContext, admin):
    long_name = "Maria-Magdalena Wolfeschlegelsteinhausen-Bergerdorff Łukasiewicz-Nowak"
    long_org = "Northern Regional Educational Psychology and Special Needs Advisory Service"
    long_host = "Mrs Alexandra Featherstonehaugh-Cholmondeley (Year 6 and the nurture group)"
    visit(context, "2026-11-25T08:05:00", name=long_name, organisation=long_org, host=long_host)
    visit(context, "2026-11-25T08:10:00", name="Sam Kirk")

    text = admin("onsite")
    as_json = json.loads(admin("onsite", "--format", "json").stdout)

    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, text.stdout
    # Nothing is cut: long values wrap within their column, onto the row's next lines.
    assert "…" not in text.stdout
    first = next(n for n, line in enumerate(lines) if line.startswith("08:05"))
    # The name column, read down the row, is the whole name (wrapped at spaces and hyphens).
    header = lines[first - 1]
    start, end = header.index("Name"), header.index("Type")
    pieces = []
    for line in lines[first:]:
        if line.startswith("08:10"):
            break
        pieces.append(line[start:end].strip())
    read_down = "".join(p if p.endswith("-") else p + " " for p in pieces if p).strip()
    assert read_down == long_name
    assert "Maria-" in lines[first] and "Northern" in lines[first]
    assert lines[first + 1].startswith(" "), "the same row goes on under its columns"
    sam = next(line for line in lines if "Sam Kirk" in line)
    assert sam.startswith("08:10") and "Acme Roofing" in sam
    # The machine-readable formats keep every value whole.
    assert as_json[0]["name"] == long_name and as_json[0]["organisation"] == long_org
    assert as_json[0]["host"] == long_host
