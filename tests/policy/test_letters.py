"""`kiosk letters`: one A4 page per pupil, from the school's template, escaped, printable."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kiosk.domain.letters_log import LETTERS
from kiosk.errors import ConfigError
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.policy.letters import letters_for_day
from kiosk.services.pupils.pupil_roster import list_pupils
from tests.admin.seeding import at
from tests.policy.browser import pdf_page_size, pdf_pages, pdf_text, print_to_pdf
from tests.policy.term_data import STAFF_ID, QuietHardware

TODAY = "2026-11-25"


def confiscate(context, name, class_name, pupil_id="", when="10:15", bag=1, reason="confiscated"):
    at(context, f"{TODAY}T{when}:00")
    details = check_phone_form(
        name, class_name, "phone", f"BAG-9{bag:02d}", reason, False, pupil_id=pupil_id
    )
    return store_phone(context, QuietHardware(), details, STAFF_ID)


@pytest.fixture
def todays(term):
    """Three pupils' phones confiscated today (one of them twice), one phone handed in."""
    older = [p for p in list_pupils(term) if p.year == "Year 6"]
    first, second = older[0], older[1]
    confiscate(term, first.name, first.class_name, first.id, "10:15", 1)
    confiscate(term, first.name, first.class_name, first.id, "13:05", 2)
    confiscate(term, second.name, second.class_name, second.id, "11:40", 3)
    confiscate(term, "Zoë O'Brien", "Visiting <b>&amp;</b>", "", "12:00", 4)
    confiscate(term, older[2].name, older[2].class_name, older[2].id, "08:40", 5, "arrival")
    at(term, f"{TODAY}T15:30:00")
    return term, first, second, older[2]


def test_letters_one_page_per_pupil_in_a_real_browser(todays, admin, tmp_path: Path) -> None:
    _, first, second, handed_in = todays
    out = tmp_path / "letters.html"
    result = admin("letters", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"letters: 3 for {TODAY} written to {out}\n"
    pdf = tmp_path / "letters.pdf"
    print_to_pdf(out, pdf)
    assert pdf_pages(pdf) == 3
    assert "(A4)" in pdf_page_size(pdf)
    text = pdf_text(pdf)
    pages = text.split("\f")
    for pupil in (first, second):
        assert sum(pupil.name in page for page in pages) == 1
    assert handed_in.name not in text  # handed in on arrival: no letter
    page = " ".join(next(p for p in pages if first.name in p).split())
    assert "at 10:15 and 13:05" in page
    assert "Wednesday 25 November 2026" in page
    assert "a parent or carer must collect it" in page
    assert "Kingsthorpe Village Primary School" in page
    assert "Children are not allowed to have mobile phones in school" in page
    # Escaped, so printed as typed rather than taken as markup.
    assert "Zoë O'Brien (Visiting <b>&amp;</b>)" in text
    html = out.read_text()
    assert "<b>&amp;</b>" not in html and "&lt;b&gt;&amp;amp;&lt;/b&gt;" in html
    assert "@page { size: A4" in html and "<script" not in html


def test_letters_rule_from_and_a_quiet_day(todays, admin, tmp_path: Path) -> None:
    _, first, second, _ = todays
    only_repeats = tmp_path / "repeats.html"
    admin("letters", "--rule-from", "2", "--output", str(only_repeats))
    html = only_repeats.read_text()
    assert first.name in html and second.name not in html.replace(first.name, "")
    quiet = tmp_path / "sunday.html"
    result = admin("letters", "--date", "2026-11-22", "--output", str(quiet))
    assert result.stdout.startswith("letters: 0 for 2026-11-22")


def test_letters_are_logged_without_names_in_the_audit(todays, admin, tmp_path) -> None:
    context = todays[0]
    admin("letters", "--output", str(tmp_path / "a.html"))
    admin("letters", "--output", str(tmp_path / "a.html"), "--force")  # printed again
    log = context.store.live(LETTERS)
    assert len(log) == 3 and {e["day"] for e in log} == {TODAY}
    entry = context.store.audit_entries()[-1]
    assert entry["action"] == "letters-printed" and entry["detail"] == f"3 letter(s) for {TODAY}"


def test_letters_need_an_output_file(todays, admin) -> None:
    result = admin("letters")
    assert result.returncode == 2 and "give --output FILE" in result.stderr


def test_the_school_can_edit_the_template(todays, tmp_path: Path) -> None:
    context = todays[0]
    template = tmp_path / "letter.html"
    template.write_text("<p>Hello $pupil_name from $school_name: $collection</p>")
    policy = replace(context.config.policy, letters_template=template)
    context = replace(context, config=replace(context.config, policy=policy))
    letters = letters_for_day(
        context, todays[1].__class__ and __import__("datetime").date(2026, 11, 25)
    )
    assert any(letter.html.count("Hello ") == 1 for letter in letters)
    template.write_text("<p>Dear $parent_name</p>")
    with pytest.raises(ConfigError, match=r"unknown placeholder \$parent_name"):
        letters_for_day(context, date(2026, 11, 25))


def test_kiosk_check_reports_a_broken_letter_template(context, admin, tmp_path: Path) -> None:
    template = tmp_path / "letter.html"
    template.write_text("<p>Dear $parent</p>")
    config = tmp_path / "kiosk.toml"
    config.write_text('[letters]\ntemplate = "letter.html"\n')
    result = admin("check", "--config", str(config))
    assert result.returncode != 0
    assert "unknown placeholder $parent" in result.stdout + result.stderr
    template.write_text("<p>Dear parent of $pupil_name</p>")
    assert admin("check", "--config", str(config)).returncode == 0
