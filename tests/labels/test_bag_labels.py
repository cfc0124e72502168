"""QR bag label sheets: A4 SVG, the right labels with the right texts, safe file writing."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.errors import KioskError, ValidationError
from kiosk.services.outputs.qr_svg import qr_path
from kiosk.services.phones.bag_labels import (
    A4_24,
    bag_label_texts,
    label_sheet_svg,
    write_label_sheets,
)

NS = {"svg": "http://www.w3.org/2000/svg"}


def labels_in(svg_text: str) -> list[ET.Element]:
    return ET.fromstring(svg_text.encode()).findall("svg:g[@class='bag-label']", NS)


def text_of(label: ET.Element) -> str:
    return label.find("svg:text[@class='label-text']", NS).text


def test_label_texts_are_numbered_from_start_with_the_prefix() -> None:
    assert bag_label_texts(3) == ["BAG-001", "BAG-002", "BAG-003"]
    assert bag_label_texts(2, start=999, prefix="box") == ["BOX-999", "BOX-1000"]


@pytest.mark.parametrize(
    ("count", "start", "prefix", "field"),
    [
        (0, 1, "BAG", "count"),
        (501, 1, "BAG", "count"),
        (-3, 1, "BAG", "count"),
        (1, 0, "BAG", "start"),
        (10, 999_995, "BAG", "count"),
        (1, 1, "", "prefix"),
        (1, 1, "B@G", "prefix"),
        (1, 1, "9BAG", "prefix"),
        (1, 1, "ABCDEFGHIJK", "prefix"),
    ],
)
def test_bad_requests_are_refused_with_the_field_named(count, start, prefix, field) -> None:
    with pytest.raises(ValidationError) as caught:
        bag_label_texts(count, start, prefix)
    assert caught.value.field == field


def test_a_sheet_is_a4_svg_with_one_label_per_text() -> None:
    texts = bag_label_texts(24)
    svg_text = label_sheet_svg(texts)
    root = ET.fromstring(svg_text.encode())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (root.get("width"), root.get("height")) == ("210mm", "297mm")
    assert root.get("viewBox") == "0 0 210 297"
    labels = labels_in(svg_text)
    assert [text_of(label) for label in labels] == texts
    assert [label.get("id") for label in labels] == [f"label-{t}" for t in texts]


def test_each_label_carries_the_qr_code_of_its_own_text() -> None:
    labels = labels_in(label_sheet_svg(["BAG-001", "BAG-002"]))
    paths = [label.find("svg:svg[@class='qr']/svg:path", NS).get("d") for label in labels]
    assert paths == [qr_path("BAG-001")[0], qr_path("BAG-002")[0]]
    assert paths[0] != paths[1]


def test_every_label_and_its_qr_code_fit_on_the_page() -> None:
    labels = labels_in(label_sheet_svg(bag_label_texts(24)))
    for label in labels:
        x, y = (float(v) for v in re.findall(r"[\d.]+", label.get("transform")))
        qr = label.find("svg:svg[@class='qr']", NS)
        assert x > 0 and x + A4_24.label_width < 210
        assert y > 0 and y + A4_24.label_height < 297
        assert float(qr.get("x")) + float(qr.get("width")) < A4_24.label_width
        assert float(qr.get("y")) + float(qr.get("height")) < A4_24.label_height


def test_caption_text_is_escaped_not_markup() -> None:
    svg_text = label_sheet_svg(["BAG-001"], caption="Year 6 <b>&</b>")
    caption = labels_in(svg_text)[0].find("svg:text[@class='label-caption']", NS)
    assert caption.text == "Year 6 <b>&</b>"


def test_too_long_a_caption_is_refused() -> None:
    with pytest.raises(ValidationError):
        label_sheet_svg(["BAG-001"], caption="x" * 31)


def test_one_page_is_written_to_the_named_file(tmp_path: Path) -> None:
    out = tmp_path / "labels.svg"
    assert write_label_sheets(out, count=5) == [out]
    assert [text_of(label) for label in labels_in(out.read_text())] == bag_label_texts(5)


def test_more_than_a_page_is_written_as_numbered_pages(tmp_path: Path) -> None:
    paths = write_label_sheets(tmp_path / "labels.svg", count=30, start=7)
    assert [p.name for p in paths] == ["labels-1.svg", "labels-2.svg"]
    texts = [text_of(label) for path in paths for label in labels_in(path.read_text())]
    assert texts == bag_label_texts(30, start=7)
    assert len(labels_in(paths[0].read_text())) == 24


def test_an_existing_file_is_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "labels.svg"
    out.write_text("precious")
    with pytest.raises(KioskError, match="already exists; use --force"):
        write_label_sheets(out, count=3)
    assert out.read_text() == "precious"
    write_label_sheets(out, count=3, force=True)
    assert len(labels_in(out.read_text())) == 3


def test_no_page_is_written_when_a_later_page_exists(tmp_path: Path) -> None:
    (tmp_path / "labels-2.svg").write_text("precious")
    with pytest.raises(KioskError, match=r"labels-2\.svg already exists"):
        write_label_sheets(tmp_path / "labels.svg", count=30)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labels-2.svg"]


def test_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KioskError, match="does not exist"):
        write_label_sheets(tmp_path / "nope" / "labels.svg", count=1)
