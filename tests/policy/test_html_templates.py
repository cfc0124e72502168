"""The school's HTML templates (the letter home, the evidence report) are read one way: a
file that is missing, unreadable, names an unknown placeholder or has a stray `$` is one
clear line naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import share_dir
from kiosk.errors import ConfigError
from kiosk.services.admin import evidence_report
from kiosk.services.policy import letters


def test_a_stray_dollar_in_the_evidence_report_says_how_to_write_one(tmp_path: Path) -> None:
    template = tmp_path / "evidence.html"
    shipped = share_dir() / "reports" / "evidence.html"
    template.write_text(shipped.read_text().replace("No pupil is named", "Costs $ 5; no pupil"))

    with pytest.raises(ConfigError) as refused:
        evidence_report.load_template(template)

    assert str(refused.value) == (
        f"evidence report template {template}: a $ not followed by a name (write $$ for $)"
    )


def test_the_letter_and_the_report_refuse_a_broken_template_in_the_same_words(
    tmp_path: Path,
) -> None:
    template = tmp_path / "template.html"
    template.write_text("<p>Dear $parent</p>")
    for load, what in (
        (letters.load_template, "letter template"),
        (evidence_report.load_template, "evidence report template"),
    ):
        with pytest.raises(ConfigError, match=rf"^{what} .*: unknown placeholder \$parent; "):
            load(template)
        with pytest.raises(ConfigError, match=rf"^{what} .*missing\.html does not exist$"):
            load(tmp_path / "missing.html")


def test_the_shipped_templates_load_without_their_comments() -> None:
    for template in (
        letters.load_template(share_dir() / "letters" / "letter.html"),
        evidence_report.load_template(),
    ):
        assert "<!--" not in template.template and template.is_valid()
