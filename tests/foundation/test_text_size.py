"""Large text: one setting, [display] text_size, gives foot a bigger font (issue 12).

normal: 100x30 cells on the 800x480 panel (8x16 px cells); large: 80x24 (10x20 px cells). On
a bigger panel the cells grow with it and the grid stays (never fewer columns)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.domain.terminal_font import ADVANCE, LINE, TEXT_SIZES, terminal_font
from kiosk.errors import ConfigError
from tests.conftest import kiosk_cli

NORMAL = [
    "--override=main.font=DejaVu Sans Mono:pixelsize=13",
    "--override=main.line-height=16px",
]
LARGE = [
    "--override=main.font=DejaVu Sans Mono:pixelsize=16",
    "--override=main.line-height=20px",
]


def settings(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text)
    return path


def test_large_is_the_default_and_its_cells_are_20_pixels_tall_on_the_7_inch_panel() -> None:
    """Issue 27: on the 7" panel at the default size the prompts and the typed text use cells
    at least 20 px tall (normal's are 16: 13-pixel letters, too small at arm's length)."""
    display = load_config().display
    assert (display.text_size, display.panel_size) == ("large", (800, 480))
    font = terminal_font(display.text_size, display.panel_size)
    assert font.line_height >= 20 and (font.columns, font.rows) == (80, 24)
    assert terminal_font("normal").line_height < 20


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[display]\ntext_size = "huge"\n', 'display.text_size must be one of "normal", "large"'),
        ("[display]\ntext_size = 2\n", 'display.text_size must be one of "normal", "large"'),
        ('[display]\npanel_size = "800 by 480"\n', 'written "WIDTHxHEIGHT", such as "800x480"'),
        ('[display]\npanel_size = "80x48"\n', "from 320x240 to 7680x4320"),
        ("[display]\ntext_sise = 1\n", "unknown key display.text_sise"),
    ],
)
def test_a_bad_display_setting_is_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    path = settings(tmp_path, text)
    with pytest.raises(ConfigError, match=message):
        load_config(path)
    result = kiosk_cli("terminal-args", "--config", str(path))
    assert result.returncode != 0
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert message in line and "Traceback" not in result.stderr


@pytest.mark.parametrize(("size", "wanted"), [("normal", NORMAL), ("large", LARGE)])
def test_terminal_args_give_foot_the_font_for_the_text_size(tmp_path, size, wanted) -> None:
    path = settings(tmp_path, f'[display]\ntext_size = "{size}"\n')
    result = kiosk_cli("terminal-args", "--config", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == wanted
    # The same from KIOSK_CONFIG, as kiosk.service sets it.
    from_env = kiosk_cli("terminal-args", env={"KIOSK_CONFIG": str(path)})
    assert from_env.stdout.splitlines() == wanted


def fake_foot(tmp_path: Path) -> Path:
    """A stand-in for foot that writes down the arguments it was started with."""
    script = tmp_path / "foot"
    script.write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done > "$FOOT_ARGS"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.mark.parametrize(("size", "wanted"), [("normal", NORMAL), ("large", LARGE)])
def test_kiosk_terminal_starts_foot_with_the_font_and_the_rest(tmp_path, size, wanted) -> None:
    path = settings(tmp_path, f'[display]\ntext_size = "{size}"\n')
    foot, written = fake_foot(tmp_path), tmp_path / "args"
    rest = ["--config=/etc/kiosk/foot.ini", "--hold", "/opt/kiosk/venv/bin/kiosk", "run"]
    result = kiosk_cli(
        "terminal", "--foot", str(foot), "--", *rest,
        env={"KIOSK_CONFIG": str(path), "FOOT_ARGS": str(written)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert written.read_text().splitlines() == [*wanted, *rest]


def test_a_broken_settings_file_still_starts_foot_with_the_default_large_text(tmp_path) -> None:
    """foot --hold then shows `kiosk run`'s own one-line error on the panel, not a blank."""
    path = settings(tmp_path, '[display]\ntext_size = "huge"\n')
    foot, written = fake_foot(tmp_path), tmp_path / "args"
    result = kiosk_cli(
        "terminal", "--foot", str(foot), "--", "--hold", "kiosk", "run",
        env={"KIOSK_CONFIG": str(path), "FOOT_ARGS": str(written)},
    )  # fmt: skip
    assert result.returncode == 0
    assert written.read_text().splitlines() == [*LARGE, "--hold", "kiosk", "run"]
    [line] = result.stderr.splitlines()
    assert "display.text_size must be one of" in line and "large text" in line


def test_no_foot_is_one_line(tmp_path) -> None:
    result = kiosk_cli("terminal", "--foot", str(tmp_path / "no-foot"), "--", "kiosk", "run")
    assert result.returncode != 0
    [line] = result.stderr.splitlines()
    assert "is not installed" in line


@pytest.mark.parametrize("size", list(TEXT_SIZES))
@pytest.mark.parametrize(
    "panel", [(800, 480), (1024, 600), (1280, 720), (1280, 800), (1920, 1080), (2560, 1440)]
)
def test_bigger_panels_get_bigger_cells_and_at_least_the_grid(size, panel) -> None:
    columns, rows = TEXT_SIZES[size]
    font = terminal_font(size, panel)
    assert font.rows == rows and font.columns >= columns
    assert font.line_height * rows <= panel[1]
    # The glyphs fit their cell, and are as big as the panel allows the grid.
    assert font.pixel_size * ADVANCE <= panel[0] / columns
    assert font.pixel_size * LINE <= font.line_height
    small = terminal_font(size)
    if panel[0] >= 2 * 800 and panel[1] >= 2 * 480:
        assert font.pixel_size >= 2 * small.pixel_size - 1


def test_the_7_inch_panel_grids() -> None:
    normal, large = terminal_font("normal"), terminal_font("large")
    assert (normal.columns, normal.rows, normal.line_height) == (100, 30, 16)
    assert (large.columns, large.rows, large.line_height) == (80, 24, 20)
    assert large.pixel_size > normal.pixel_size


def test_the_shipped_unit_starts_foot_through_kiosk_terminal() -> None:
    unit = (Path(__file__).resolve().parents[2] / "systemd" / "kiosk.service").read_text()
    [start] = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    assert "/opt/kiosk/venv/bin/kiosk terminal -- --config=/etc/kiosk/foot.ini" in start
    assert start.endswith("/opt/kiosk/venv/bin/kiosk run")
    assert os.sep in start
