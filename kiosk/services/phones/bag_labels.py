"""Printable A4 sheets of numbered QR labels for pupils' phone bags.

Each label carries a QR code of its text (e.g. "BAG-001") and the same text in large print.
A USB scanner at the kiosk reads the code and types the text followed by Enter, so staff can
scan a bag instead of typing its number. Codes hold only upper-case letters, digits and "-":
those are QR's compact alphanumeric mode (small, easy-to-scan codes) and type the same on a
UK or US keyboard layout, which scanners emulate.

The layout matches the common 24-per-sheet address labels (3 across, 8 down, 63.5 x 33.9 mm,
e.g. Avery L7159), and also prints on plain paper with light cutting guides. The QR drawing
(kiosk/services/outputs/qr_svg.py) comes from the qrcode package's SVG output (no Pillow).
"""

from __future__ import annotations

import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.domain.bag_label_code import PREFIX_PATTERN, PREFIX_RULE
from kiosk.domain.validation import clean_text
from kiosk.errors import KioskError, ValidationError
from kiosk.services.outputs.qr_svg import SVG_NS, qr_path

MAX_COUNT = 500
MAX_NUMBER = 999_999  # the phone store recognises scanned labels with up to six digits
CAPTION_MAX = 30


@dataclass(frozen=True)
class SheetLayout:
    """Millimetres on an A4 page."""

    page_width: float = 210.0
    page_height: float = 297.0
    columns: int = 3
    rows: int = 8
    label_width: float = 63.5
    label_height: float = 33.9
    column_gap: float = 2.5
    row_gap: float = 0.0
    padding: float = 1.5  # inside each label, so a slightly misfed sheet still scans

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def left(self) -> float:
        used = self.columns * self.label_width + (self.columns - 1) * self.column_gap
        return (self.page_width - used) / 2

    @property
    def top(self) -> float:
        used = self.rows * self.label_height + (self.rows - 1) * self.row_gap
        return (self.page_height - used) / 2

    def origin(self, index: int) -> tuple[float, float]:
        """Top-left corner of the index-th label on a page (row by row)."""
        row, column = divmod(index, self.columns)
        x = self.left + column * (self.label_width + self.column_gap)
        y = self.top + row * (self.label_height + self.row_gap)
        return x, y


A4_24 = SheetLayout()


def bag_label_text(prefix: str, number: int) -> str:
    return f"{prefix}-{number:03d}"


def check_prefix(prefix: str) -> str:
    value = prefix.strip().upper()
    if not PREFIX_PATTERN.fullmatch(value):
        raise ValidationError(f"the prefix must be {PREFIX_RULE}", "prefix")
    return value


def check_caption(caption: str) -> str:
    value = clean_text(caption)
    if len(value) > CAPTION_MAX:
        raise ValidationError(f"the caption must be at most {CAPTION_MAX} characters", "caption")
    return value


def bag_label_texts(count: int, start: int = 1, prefix: str = "BAG") -> list[str]:
    """The label texts in order, e.g. ["BAG-001", "BAG-002"]; raises ValidationError."""
    if not 1 <= count <= MAX_COUNT:
        raise ValidationError(f"the count must be from 1 to {MAX_COUNT}; got {count}", "count")
    if not 1 <= start <= MAX_NUMBER:
        raise ValidationError(f"the start number must be from 1 to {MAX_NUMBER}", "start")
    last = start + count - 1
    if last > MAX_NUMBER:
        raise ValidationError(
            f"the last label would be number {last}; numbers go up to {MAX_NUMBER}", "count"
        )
    checked = check_prefix(prefix)
    return [bag_label_text(checked, n) for n in range(start, last + 1)]


def label_sheet_svg(
    texts: Sequence[str], caption: str = "Phone bag", layout: SheetLayout = A4_24
) -> str:
    """One A4 page of labels (at most layout.per_page) as an SVG document."""
    if not 1 <= len(texts) <= layout.per_page:
        raise ValueError(f"a page holds 1 to {layout.per_page} labels")
    caption = check_caption(caption)
    svg = ET.Element(
        "svg",
        {
            "width": f"{layout.page_width:g}mm",
            "height": f"{layout.page_height:g}mm",
            "viewBox": f"0 0 {layout.page_width:g} {layout.page_height:g}",
            "version": "1.1",
            # Plain tags with xmlns set by hand: qrcode registers an "svg:" prefix with
            # ElementTree globally, which would otherwise prefix every tag.
            "xmlns": SVG_NS,
        },
    )
    ET.SubElement(svg, "title").text = f"Phone bag labels {texts[0]} to {texts[-1]}"
    for index, text in enumerate(texts):
        svg.append(_label(text, caption, *layout.origin(index), layout))
    ET.indent(svg)
    return ET.tostring(svg, encoding="unicode", xml_declaration=True) + "\n"


def _label(text: str, caption: str, x: float, y: float, layout: SheetLayout) -> ET.Element:
    group = ET.Element(
        "g",
        {"class": "bag-label", "id": f"label-{text}", "transform": f"translate({x:g} {y:g})"},
    )
    # Cutting guide for plain paper; light enough to vanish on pre-cut label sheets.
    ET.SubElement(
        group,
        "rect",
        {
            "width": f"{layout.label_width:g}",
            "height": f"{layout.label_height:g}",
            "rx": "2",
            "fill": "none",
            "stroke": "#cccccc",
            "stroke-width": "0.2",
            "stroke-dasharray": "1 1",
        },
    )
    side = layout.label_height - 2 * layout.padding
    path_data, modules = qr_path(text)
    qr = ET.SubElement(
        group,
        "svg",
        {
            "class": "qr",
            "x": f"{layout.padding:g}",
            "y": f"{layout.padding:g}",
            "width": f"{side:g}",
            "height": f"{side:g}",
            "viewBox": f"0 0 {modules:g} {modules:g}",
        },
    )
    ET.SubElement(qr, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    ET.SubElement(qr, "path", {"d": path_data, "fill": "#000000"})
    text_x = layout.padding + side + 2
    width = layout.label_width - text_x - 2
    number = ET.SubElement(
        group,
        "text",
        {
            "class": "label-text",
            "x": f"{text_x:g}",
            "y": f"{layout.label_height / 2 + 2:g}",
            "font-family": "DejaVu Sans, Arial, Helvetica, sans-serif",
            "font-size": f"{fitting_font_size(text, width, 6.0, 0.7):.2f}",
            "font-weight": "bold",
            "fill": "#000000",
        },
    )
    number.text = text
    if caption:
        note = ET.SubElement(
            group,
            "text",
            {
                "class": "label-caption",
                "x": f"{text_x:g}",
                "y": f"{layout.label_height / 2 + 7:g}",
                "font-family": "DejaVu Sans, Arial, Helvetica, sans-serif",
                "font-size": f"{fitting_font_size(caption, width, 3.0, 0.55):.2f}",
                "fill": "#333333",
            },
        )
        note.text = caption
    return group


def fitting_font_size(text: str, width: float, largest: float, em_per_char: float) -> float:
    # A rough width per character (bold capitals ~0.7 em, mixed text ~0.55 em) is enough to
    # keep the text inside its label without measuring fonts.
    return min(largest, width / (em_per_char * max(len(text), 1)))


def page_paths(output: Path, pages: int) -> list[Path]:
    """labels.svg for one page; labels-1.svg, labels-2.svg, ... for more."""
    if pages == 1:
        return [output]
    suffix = output.suffix or ".svg"
    return [output.with_name(f"{output.stem}-{n}{suffix}") for n in range(1, pages + 1)]


def write_label_sheets(
    output: str | os.PathLike[str],
    count: int,
    start: int = 1,
    prefix: str = "BAG",
    caption: str = "Phone bag",
    force: bool = False,
    layout: SheetLayout = A4_24,
) -> list[Path]:
    """Write the sheets (one SVG per A4 page); returns the files written.

    Refuses to overwrite an existing file unless `force`; nothing is written if any page would.
    """
    texts = bag_label_texts(count, start, prefix)
    caption = check_caption(caption)
    pages = [texts[i : i + layout.per_page] for i in range(0, len(texts), layout.per_page)]
    paths = page_paths(Path(output), len(pages))
    folder = paths[0].parent
    if not folder.is_dir():
        raise KioskError(f"folder {folder} does not exist")
    if not force:
        existing = [p for p in paths if p.exists()]
        if existing:
            raise KioskError(f"{existing[0]} already exists; use --force to replace it")
    for path, page in zip(paths, pages, strict=True):
        _write_atomically(path, label_sheet_svg(page, caption, layout))
    return paths


def _write_atomically(path: Path, content: str) -> None:
    if path.is_dir():
        raise KioskError(f"{path} is a folder; give a file name such as labels.svg")
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise KioskError(f"cannot write {path}: {exc.strerror or exc}") from None
