"""`kiosk evidence`: one HTML file, charts as inline SVG, no pupil named, seen in a browser."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.services.admin.evidence_report import (
    ARRIVAL_COLOUR,
    CONFISCATED_COLOUR,
    HELD_COLOUR,
    PARENT_COLOUR,
    REPEAT_COLOUR,
    RULES_COLOUR,
    SAME_DAY_COLOUR,
    gather,
    load_template,
    render_evidence,
)
from kiosk.services.outputs.svg_charts import SVG_NS as NS
from kiosk.services.policy.phone_history import resolve_period
from kiosk.services.pupils.pupil_roster import list_pupils
from tests.policy.browser import measure_document, png_colour_counts, screenshot

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


# --- written for governors (issue 27) --------------------------------------------------------

ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
SVG = re.compile(r"<svg.*?</svg>", re.S)


def test_dates_are_in_words_and_rules_versions_are_named_by_date(evidence_file: Path) -> None:
    html = evidence_file.read_text()
    assert not ISO_MOMENT.search(html), ISO_MOMENT.search(html)
    assert re.search(r"Made on \d{1,2} [A-Z][a-z]+ 20\d\d at \d\d:\d\d by Foyer Kiosk", html)
    assert "Period: Autumn 2026: 1 September 2026 to 31 December 2026" in html
    assert re.search(r"written on \d{1,2} [A-Z][a-z]+ 20\d\d at \d\d:\d\d", html)
    charts = SVG.findall(html)
    assert not [chart for chart in charts if "sha256:" in chart]  # no hash on any chart
    [agreed] = [chart for chart in charts if "per version of the rules" in chart]
    assert len(re.findall(r">In use from \d{1,2} [A-Z][a-z]+ 2026<", agreed)) == 2


def test_every_colour_drawn_is_in_a_legend_even_an_empty_share(term, tmp_path: Path) -> None:
    evidence = gather(term, resolve_period(term, None, None, None))
    assert evidence.still_held == 0  # the grey "Still in the store" has no share of the bar
    for chart in SVG.findall(render_evidence(term, evidence)):
        root = ET.fromstring(chart)
        bars = {r.get("fill") for r in root.iter(f"{{{NS}}}rect") if r.get("class") == "bar"}
        swatches = {r.get("fill") for r in root.iter(f"{{{NS}}}rect") if r.get("class") == "swatch"}
        assert bars <= swatches, (bars, swatches)
    [outcome] = [c for c in SVG.findall(render_evidence(term, evidence)) if "Outcome" in c]
    assert HELD_COLOUR in outcome and "Still in the store: 0 (0%)" in outcome


def test_every_legend_and_label_is_drawn_inside_its_chart(term, tmp_path: Path) -> None:
    html = render_evidence(term, gather(term, resolve_period(term, None, None, None)))
    measured = measure_document(tmp_path, html, ("body", "p.hash code"), width=800)
    texts = measured["texts"]
    assert "Still in the store: 0 (0%)" in {t["text"] for t in texts}
    for text in texts:
        assert text["x"] >= -0.5 and text["x"] + text["width"] <= text["svgWidth"] + 0.5, text
        assert text["y"] >= -0.5 and text["y"] + text["height"] <= text["svgHeight"] + 0.5, text


@pytest.mark.parametrize("width", [800, 420])
def test_the_audit_hash_wraps_inside_the_page(term, tmp_path: Path, width: int) -> None:
    html = render_evidence(term, gather(term, resolve_period(term, None, None, None)))
    measured = measure_document(tmp_path, html, ("body", "p.hash code"), width=width)
    [body] = measured["elements"]["body"]
    [code] = measured["elements"]["p.hash code"]
    assert body["left"] <= code["left"] and code["right"] <= body["right"] + 0.5, (body, code)


def test_the_markup_comes_from_the_template_and_every_value_is_escaped(term, tmp_path) -> None:
    template = tmp_path / "evidence.html"
    shipped = Path(__file__).resolve().parents[2] / "data" / "reports" / "evidence.html"
    template.write_text(shipped.read_text().replace("No pupil is named", "Nobody is named"))
    school = replace(term.config, school_name="Smith & Jones <Academy>")
    context = replace(term, config=school)
    html = render_evidence(
        context, gather(context, resolve_period(context, None, None, None)), load_template(template)
    )
    assert "Nobody is named in this report." in html
    assert "Smith &amp; Jones &lt;Academy&gt;" in html and "<Academy>" not in html
    for chart in SVG.findall(html):
        ET.fromstring(chart)  # each chart is well-formed XML
