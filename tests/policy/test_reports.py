"""`kiosk report phones` and `kiosk export incidents` on a term of a 210-pupil primary."""

from __future__ import annotations

import csv
import io
import json

from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.policy.incidents_export import INCIDENT_FIELDS
from kiosk.services.policy.phone_report import REPORT_FIELDS
from tests.admin.seeding import at
from tests.policy.term_data import STAFF_ID, QuietHardware


def test_report_phones_counts_each_pupil_for_the_current_term(term, admin, term_counts) -> None:
    result = admin("report", "phones", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert set(rows[0]) == set(REPORT_FIELDS)
    assert sum(r["confiscated"] for r in rows) == term_counts["confiscations"]
    assert sum(r["handed_in"] for r in rows) == term_counts["arrivals"]
    # Most confiscations first; the rule reached follows the count.
    assert rows[0]["confiscated"] == max(r["confiscated"] for r in rows)
    for row in rows:
        if row["on_roster"] and row["confiscated"]:
            assert row["rule_count"] == min(row["confiscated"], 3)
        if row["confiscated"] == 0:
            assert row["rule_count"] == 0 and row["rule"] == ""  # arrivals never count
    off_roster = [r for r in rows if not r["on_roster"]]
    assert off_roster and all(r["pupil_id"] == "" for r in off_roster)


def test_report_phones_as_text_names_the_period_and_marks_names_not_on_roster(term, admin) -> None:
    text = admin("report", "phones").stdout
    assert text.startswith("Phones, Autumn 2026 (2026-1: 2026-09-01 to 2026-12-31): ")
    assert "not on roster" in text
    assert "[head of year]" in text
    for private in ("black phone", "BAG-", STAFF_ID):  # not needed to act on, so not shown
        assert private not in text


def test_report_phones_other_periods(term, admin) -> None:
    spring = json.loads(admin("report", "phones", "--term", "2026-2", "--format", "json").stdout)
    assert spring == []
    september = json.loads(
        admin("report", "phones", "--since", "2026-09-01", "--until", "2026-09-30",
              "--format", "json").stdout
    )  # fmt: skip
    whole = json.loads(admin("report", "phones", "--format", "json").stdout)
    assert 0 < sum(r["confiscated"] for r in september) < sum(r["confiscated"] for r in whole)
    as_csv = list(csv.reader(io.StringIO(admin("report", "phones", "--format", "csv").stdout)))
    assert as_csv[0] == list(REPORT_FIELDS) and len(as_csv) == len(whole) + 1


def test_report_phones_mistakes_are_one_line(term, admin) -> None:
    for args, message in (
        (("--term", "autumn"), "--term 'autumn' is not a term"),
        (("--term", "2026-1", "--since", "2026-09-01"), "not both"),
        (("--since", "1 Sept"), "--since 1 Sept is not a date"),
    ):
        result = admin("report", "phones", *args)
        assert result.returncode == 2
        assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_export_incidents_one_row_per_confiscation(term, admin, term_counts) -> None:
    result = admin("export", "incidents", "--since", "2026-09-01", "--until", "2026-12-31")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(INCIDENT_FIELDS)
    assert len(rows) == term_counts["confiscations"]
    assert {r["reason"] for r in rows} == {"Confiscated"}
    assert {r["staff_id"] for r in rows} == {STAFF_ID}
    assert {r["behaviour_code"] for r in rows} == {"PHONE"}
    outcomes = {r["outcome"] for r in rows}
    assert "returned to pupil" in outcomes
    assert any(o.startswith("collected by ") for o in outcomes)
    assert any(o.startswith("held overnight; collected by") for o in outcomes)
    on_roster = [r for r in rows if r["mis_id"]]
    assert on_roster and all(r["year"] in ("Year 5", "Year 6") for r in on_roster)
    assert all(r["head_of_year"] == "true" for r in rows if int(r["count_in_term"]) >= 3)
    as_json = json.loads(admin("export", "incidents", "--format", "json").stdout)
    assert len(as_json) == len(rows) and isinstance(as_json[0]["count_in_term"], int)


def test_export_incidents_is_formula_safe(context, admin) -> None:
    at(context, "2026-11-25T10:00:00")
    details = check_phone_form(
        "-Bobby Tables", '=HYPERLINK("http://x")', "phone", "BAG-1", "confiscated", False
    )
    store_phone(context, QuietHardware(), details, STAFF_ID)
    rows = list(csv.reader(io.StringIO(admin("export", "incidents").stdout)))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["pupil"] == "'-Bobby Tables"
    assert row["class"] == '\'=HYPERLINK("http://x")'
    assert row["mis_id"] == ""  # not on the roster
