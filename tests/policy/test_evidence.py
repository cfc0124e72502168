"""`kiosk evidence`: one HTML file, charts as inline SVG, no pupil named, seen in a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.services.policy.evidence_report import (
    ARRIVAL_COLOUR,
    CONFISCATED_COLOUR,
    PARENT_COLOUR,
    REPEAT_COLOUR,
    RULES_COLOUR,
    SAME_DAY_COLOUR,
    gather,
)
from kiosk.services.policy.phone_history import resolve_period
from kiosk.services.pupils.pupil_roster import list_pupils
from tests.policy.browser import png_colour_counts, screenshot

HEADINGS = (
    "Phones per week", "What happened to the phones", "Repeat confiscations", "Store openings",
    "Visitors' agreement to the phone rules", "Audit trail",
)  # fmt: skip


@pytest.fixture
def evidence_file(term, admin, tmp_path: Path) -> Path:
    out = tmp_path / "evidence.html"
    result = admin("evidence", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("evidence: Autumn 2026 (2026-1")
    return out


def test_evidence_is_one_self_contained_file_with_svg_charts(evidence_file: Path) -> None:
    html = evidence_file.read_text()
    assert html.count("<svg") == 4
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)  # nothing fetched
    assert "@import" not in html and "<link" not in html
    for heading in HEADINGS:
        assert f"<h2>{heading}</h2>" in html


def test_evidence_names_no_pupil(term, evidence_file: Path) -> None:
    html = evidence_file.read_text()
    for pupil in list_pupils(term, include_left=True):
        assert pupil.name not in html
        assert f">{pupil.id}<" not in html
    assert "No pupil is named in this report." in html


def test_evidence_figures_add_up(term, term_counts) -> None:
    evidence = gather(term, resolve_period(term, None, None, None))
    assert sum(evidence.arrivals_per_week) == evidence.handed_in == term_counts["arrivals"]
    assert sum(evidence.confiscations_per_week) == evidence.confiscated
    assert evidence.confiscated == term_counts["confiscations"]
    assert evidence.openings == term_counts["openings"] == evidence.openings_tied
    assert evidence.untied_openings == [] and evidence.open_failures == 0
    assert sum(evidence.agreements.values()) == term_counts["visits"]
    assert len(evidence.agreements) == 2  # the rules were reworded at half term
    assert evidence.audit_problem is None and evidence.audit_head is not None
    pupils_caught = sum(evidence.repeats.values())
    assert 0 < evidence.repeats["1"] < pupils_caught  # some pupils were caught again
    assert evidence.still_held == 0
    assert evidence.overnight > 0 and evidence.parent_collections > 0


def test_an_opening_without_a_record_is_shown(term, admin, tmp_path: Path) -> None:
    with term.store.transaction() as tx:
        tx.audit(term.now_iso(), "staff:S-X", "store-opened", "P-NOSUCHRECORD", "opened by hand")
    evidence = gather(term, resolve_period(term, None, None, None))
    assert len(evidence.untied_openings) == 1
    out = tmp_path / "e.html"
    admin("evidence", "--output", str(out))
    assert "1 opening(s) not tied to a phone record" in out.read_text()


def test_evidence_screenshot_shows_every_chart(evidence_file: Path, tmp_path: Path) -> None:
    png = tmp_path / "evidence.png"
    screenshot(evidence_file, png, width=800, height=2400)
    colours = [ARRIVAL_COLOUR, CONFISCATED_COLOUR, SAME_DAY_COLOUR, PARENT_COLOUR,
               REPEAT_COLOUR, RULES_COLOUR]  # fmt: skip
    counts = png_colour_counts(png, colours)
    # Each chart's bars are drawn: hundreds of pixels of each series' colour (a legend
    # swatch alone is 144).
    assert all(counts[c] > 400 for c in colours), counts
    assert counts[ARRIVAL_COLOUR] > counts[CONFISCATED_COLOUR]  # more handed in than taken
