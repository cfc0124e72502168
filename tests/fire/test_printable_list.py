"""`kiosk onsite --output roll-call.html`: an A4 list to take out of the building, checked by
printing it to PDF in headless Chromium, as the office's browser would."""

from __future__ import annotations

import re
from pathlib import Path

from tests.admin.seeding import visit
from tests.policy.browser import pdf_page_size, pdf_pages, pdf_text, print_to_pdf

LONG_NAME = "Maria-Magdalena Wolfeschlegelsteinhausen-Bergerdorff Łukasiewicz-Nowak"


def test_the_page_is_a4_with_names_in_full_counts_time_and_a_tick_box_each(
    context, admin, tmp_path: Path
) -> None:
    visit(context, "2026-11-25T08:05:00", name="Siobhán O'Neill", organisation="Acme Lifts")
    visit(context, "2026-11-25T08:10:00", name=LONG_NAME, organisation="Northern Psychology")
    visit(context, "2026-11-25T08:15:00", name="Zoë <b>Lane</b> & Co", visitor_type="governor",
          organisation="")  # fmt: skip
    visit(context, "2026-11-25T08:20:00", name="Gone Home", signed_out="2026-11-25T09:00:00")
    out = tmp_path / "roll-call.html"

    result = admin("onsite", "--output", str(out), env={"KIOSK_FAKE_NOW": "2026-11-25T10:42:00"})

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"onsite: 3 on the list at 10:42, written to {out}\n"
    page = out.read_text(encoding="utf-8")
    assert page.count("class='box'") == 3, "one tick box per person"
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")
    pdf = tmp_path / "roll-call.pdf"
    print_to_pdf(out, pdf)
    assert "(A4)" in pdf_page_size(pdf)
    text = " ".join(pdf_text(pdf).split())
    assert "Made at 10:42 on Wed 25 Nov 2026" in text
    assert "On site: 3 people (Visitors 3, Staff 0, Pupils who arrived late today 0)" in text
    assert "Visitors: 3" in text and "Pupils collected early, not back: 0" in text
    assert "not the class registers" in text
    assert "Siobhán O'Neill" in text and "Zoë <b>Lane</b> & Co" in text
    # The long name is all there, wrapped only at its spaces and hyphens.
    for piece in re.split(r"\s+|(?<=-)", LONG_NAME):
        assert piece in text, piece
    assert "Gone Home" not in text
    # Refuses to replace the file unless told to.
    again = admin("onsite", "--output", str(out))
    assert again.returncode != 0 and "exists" in again.stderr


def test_a_long_list_runs_over_pages_with_its_headings(context, admin, tmp_path: Path) -> None:
    for n in range(160):
        visit(context, f"2026-11-25T08:{n % 60:02d}:00", name=f"Visitor Number{n:03d}")
    out = tmp_path / "roll-call.html"
    assert admin("onsite", "--format", "html", "--output", str(out)).returncode == 0
    pdf = tmp_path / "roll-call.pdf"
    print_to_pdf(out, pdf)
    pages = pdf_text(pdf).split("\f")
    assert pdf_pages(pdf) >= 3
    assert all(f"Visitor Number{n:03d}" in "".join(pages) for n in range(160))
    # Each page's table starts with the column headings (thead repeats), none is cut across.
    assert all("Found" in page for page in pages if "Visitor Number" in page)
