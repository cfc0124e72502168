"""A real browser for the printable and the evidence reports: Chromium from Debian, headless.

Tests that need it skip, saying which Debian packages to install, when it is missing.
The PNG reader is just enough for Chromium's screenshots (8-bit RGB or RGBA, not
interlaced), so the check needs no imaging library.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("needs a headless browser: apt-get install chromium (Debian package)")


def needs(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        pytest.skip(f"needs {tool}: apt-get install poppler-utils (Debian package)")
    return found


def run_chromium(tmp_path: Path, *args: str) -> None:
    profile = tmp_path / "chromium-profile"  # its own profile: parallel tests do not collide
    result = subprocess.run(
        [
            chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}", *args,
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]


def print_to_pdf(html: Path, pdf: Path) -> None:
    run_chromium(html.parent, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri())
    assert pdf.is_file()


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run([needs("pdfinfo"), str(pdf)], capture_output=True, text=True)
    for line in info.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(info.stdout)


def pdf_page_size(pdf: Path) -> str:
    info = subprocess.run([needs("pdfinfo"), str(pdf)], capture_output=True, text=True)
    return next(line for line in info.stdout.splitlines() if line.startswith("Page size:"))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        [needs("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout


def screenshot(html: Path, png: Path, width: int = 800, height: int = 2400) -> None:
    run_chromium(html.parent, f"--window-size={width},{height}", f"--screenshot={png}",
                 html.as_uri())  # fmt: skip
    assert png.is_file()


def _add_bytes(a: bytes, b: bytes) -> bytes:
    """Byte-wise (a + b) mod 256 of two equal-length rows, all at once (SWAR on big ints)."""
    n = len(a)
    x, y = int.from_bytes(a, "big"), int.from_bytes(b, "big")
    low = int.from_bytes(b"\x7f" * n, "big")
    high = int.from_bytes(b"\x80" * n, "big")
    return (((x & low) + (y & low)) ^ ((x ^ y) & high)).to_bytes(n, "big")


def png_colour_counts(png: Path, colours: list[str]) -> dict[str, int]:
    """How many pixels of each of `colours` ("#rrggbb") the image has."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, "unexpected PNG format"
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytes(stride)
    wanted = {c: bytes.fromhex(c[1:]) for c in colours}
    counts = dict.fromkeys(colours, 0)
    for row in range(height):
        start = row * (stride + 1)
        kind, filtered = raw[start], raw[start + 1 : start + 1 + stride]
        if kind == 0:
            line = filtered
        elif kind == 2:  # Up: most of a screenshot's rows, done in one step
            line = _add_bytes(filtered, previous)
        else:
            line = _unfilter(kind, bytearray(filtered), previous, channels)
        pixels = line if channels == 3 else bytes(v for i, v in enumerate(line) if i % 4 != 3)
        for colour, pattern in wanted.items():
            counts[colour] += _aligned_count(pixels, pattern)
        previous = bytes(line)
    return counts


def _aligned_count(pixels: bytes, pattern: bytes) -> int:
    count, at = 0, pixels.find(pattern)
    while at != -1:
        if at % 3 == 0:
            count += 1
        at = pixels.find(pattern, at + 1)
    return count


def _unfilter(kind: int, line: bytearray, previous: bytes, channels: int) -> bytes:
    for i in range(len(line)):
        left = line[i - channels] if i >= channels else 0
        up = previous[i]
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            up_left = previous[i - channels] if i >= channels else 0
            p = left + up - up_left
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
            pred = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
            line[i] = (line[i] + pred) & 0xFF
    return bytes(line)


MEASURE_SCRIPT = """
<script>
const found = [];
const svgs = Array.from(document.querySelectorAll("svg"));
for (const text of document.querySelectorAll("svg text")) {
  let owner = text.ownerSVGElement;
  while (owner.ownerSVGElement) owner = owner.ownerSVGElement;  // the outermost <svg>
  const box = text.getBBox();
  const m = owner.getScreenCTM().inverse().multiply(text.getScreenCTM());
  const view = owner.viewBox.baseVal;
  found.push({cls: text.getAttribute("class") || "", text: text.textContent,
              x: box.x * m.a + m.e, y: box.y * m.d + m.f,
              width: box.width * m.a, height: box.height * m.d,
              svg: svgs.indexOf(owner), svgWidth: view.width, svgHeight: view.height});
}
const elements = {};
for (const selector of (window.MEASURE || [])) {
  elements[selector] = Array.from(document.querySelectorAll(selector)).map(e => {
    const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  });
}
const out = document.createElement("pre");
out.id = "measured";
out.textContent = JSON.stringify({texts: found, elements: elements});
document.body.appendChild(out);
</script>
"""


def measure_page(
    tmp_path: Path, body: str, selectors: tuple[str, ...] = (), width: int = 800
) -> dict:
    """Where a real browser (a window `width` pixels wide) draws a page's SVG <text>s and the
    elements `selectors` pick: {"texts": [...], "elements": {selector: [rects]}}. Each text
    has its class, words and box (x, y, width, height) in its outermost SVG's own units, and
    that SVG's index and viewBox size; each rect is in CSS pixels."""
    document = f'<!doctype html><html><head><meta charset="utf-8"></head><body>{body}</body></html>'
    return measure_document(tmp_path, document, selectors, width)


def measure_document(
    tmp_path: Path, document: str, selectors: tuple[str, ...] = (), width: int = 800
) -> dict:
    """As measure_page, for a whole HTML document (the script goes in before </body>)."""
    import html
    import json
    import re

    page = tmp_path / "measure.html"
    script = f"<script>window.MEASURE = {json.dumps(list(selectors))};</script>{MEASURE_SCRIPT}"
    page.write_text(document.replace("</body>", script + "</body>"), encoding="utf-8")
    profile = tmp_path / "chromium-profile"
    result = subprocess.run(
        [
            chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-extensions", f"--user-data-dir={profile}", f"--window-size={width},900",
            "--dump-dom", page.as_uri(),
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    match = re.search(r'<pre id="measured">(.*?)</pre>', result.stdout, re.S)
    assert match, result.stdout[-2000:]
    return json.loads(html.unescape(match.group(1)))


def svg_text_boxes(tmp_path: Path, svg: str) -> list[dict]:
    """Where a real browser draws each <text> of an SVG document (see measure_page)."""
    return measure_page(tmp_path, svg.split("?>", 1)[-1])["texts"]
